// A GFM footnote call `[^note]` is docutils' resolved auto-numbered
// `footnote_reference` (as after docutils' footnote transform): numbered in
// the order footnotes are first called, its own id, and `refid` pointing at
// the footnote (filled in once the footnote has its id, see ../to-rst.ts).

import type { FootnoteReference } from 'mdast';
import type { Handler } from '../state.js';

export const footnoteReference: Handler = (state, node: FootnoteReference) => {
  const footnote = state.footnotes.get(node.identifier);
  if (!footnote) return state.text(state.slice(node), node);
  const reference = state.element(node, 'footnote_reference', { auto: 1 }, [state.text(String(footnote.number), node)]);
  footnote.backrefs.push(state.names.setId(reference));
  footnote.references.push(reference);
  return reference;
};
