// A GFM footnote definition `[^note]: text` is docutils' auto-numbered
// `footnote` (label = its number, the label as its name, `backrefs` to its
// calls), where it was written, as an RST footnote stays where it is written.

import type { FootnoteDefinition } from 'mdast';
import { WARNING, type Handler } from '../state.js';

export const footnoteDefinition: Handler = (state, node: FootnoteDefinition) => {
  const footnote = state.footnotes.get(node.identifier);
  // a second definition of a label: micromark uses the first; this one's text stays, in the message
  if (!footnote || footnote.definition !== node) {
    return state.systemMessage(WARNING, `Footnote "${node.label ?? node.identifier}" is defined again; the first definition is used.`, node, state.all(node));
  }
  const element = state.element(node, 'footnote', { auto: 1 });
  const { id, messages } = state.names.name(element, node.label ?? node.identifier, true, node);
  footnote.id = id;
  element.attributes.backrefs = footnote.backrefs;
  element.children.push(state.element(node, 'label', {}, [state.text(String(footnote.number), node)]), ...state.all(node));
  return [element, ...messages];
};
