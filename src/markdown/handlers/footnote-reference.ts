// A GFM footnote call `[^note]` is what RST's `[1]_` is: a `footnote_reference`
// naming its footnote (`refname`), its text the number GFM gives the note (the
// order notes are first called in), with its own id. docutils' footnote
// transform links it to its footnote, as for RST. (Not RST's auto-numbered
// `[#note]_`: docutils would skip every number that is also a label, and
// `[^1]` would show as 2.)

import type { FootnoteReference } from 'mdast';
import { normalizeName } from '../../rst/names.js';
import type { Handler } from '../state.js';

export const footnoteReference: Handler = (state, node: FootnoteReference) => {
  const number = state.footnoteNumbers.get(node.identifier);
  const refname = normalizeName(node.label ?? node.identifier);
  const reference = state.element(node, 'footnote_reference', { refname }, [state.text(String(number ?? refname), node)]);
  state.names.setId(reference);
  return reference;
};
