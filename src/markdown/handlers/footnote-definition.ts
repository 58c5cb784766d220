// A GFM footnote definition `[^note]: text` is what RST's `.. [1] text` is: a
// numbered `footnote` (its label the number GFM gives it) named by its Markdown
// label, where it was written; docutils' footnote transform adds the
// back-links. A second definition of a label is reported as docutils reports
// a duplicate name (micromark resolves calls to the first).

import type { FootnoteDefinition } from 'mdast';
import type { Handler } from '../state.js';

export const footnoteDefinition: Handler = (state, node: FootnoteDefinition) => {
  const footnote = state.element(node, 'footnote');
  const { messages } = state.names.name(footnote, node.label ?? node.identifier, true, node);
  const number = state.footnoteNumbers.get(node.identifier);
  footnote.children.push(state.element(node, 'label', {}, [state.text(String(number ?? node.identifier), node)]), ...state.all(node), ...messages);
  return footnote;
};
