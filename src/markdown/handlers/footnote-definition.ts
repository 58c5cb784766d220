// A GFM footnote definition `[^note]: text` is what RST's `.. [1] text` is: a
// numbered `footnote` (its label the number GFM gives it) named by its Markdown
// label, where it was written; docutils' footnote transform adds the
// back-links. A second definition of a label is not a footnote (calls go to
// the first, as in GFM): a WARNING holding its text says so.

import type { FootnoteDefinition } from 'mdast';
import { WARNING, type Handler } from '../state.js';

export const footnoteDefinition: Handler = (state, node: FootnoteDefinition) => {
  const label = node.label ?? node.identifier;
  if (state.footnoteDefinitions.get(node.identifier) !== node) {
    return state.systemMessage(WARNING, `Footnote "${label}" is defined again; the first definition is used.`, node, state.all(node));
  }
  const footnote = state.element(node, 'footnote');
  const { messages } = state.names.name(footnote, label, true, node);
  const number = state.footnoteNumbers.get(node.identifier);
  footnote.children.push(state.element(node, 'label', {}, [state.text(String(number), node)]), ...state.all(node), ...messages);
  return footnote;
};
