// The bibliographic fields are a `<dl class="docinfo">`: each known field
// (author, copyright …) a `<dt>` with its label in the document's language
// (state.labels, from src/rst/languages) and a `<dd>`; authors
// one paragraph each; the address keeps its line breaks; other fields as written.

import type { ElementContent } from 'hast';
import { isElement, type RstElement } from '../../nodes.js';
import type { Handler, State } from '../state.js';
import { textContent } from './shared.js';

function item(state: State, node: RstElement, label: string, body: ElementContent[]): ElementContent[] {
  const className = [node.type];
  return [
    state.patch(node, { type: 'element', tagName: 'dt', properties: { className }, children: [state.patch(node, { type: 'text', value: label })] }),
    state.element(node, 'dd', { className }, body),
  ];
}

export const docinfo: Handler = (state, node) => {
  const out: ElementContent[] = [];
  for (const child of node.children) {
    if (!isElement(child)) continue;
    if (child.type === 'field') {
      out.push(...state.one(child, node));
    } else if (child.type === 'authors') {
      const authors = child.children.filter(isElement).map((author) => state.element(author, 'p', {}, state.all(author)));
      out.push(...item(state, child, state.labels.authors ?? 'Authors', authors));
    } else if (child.type === 'address') {
      const pre = state.patch(child, { type: 'element' as const, tagName: 'pre', properties: { className: ['address'] }, children: [{ type: 'text' as const, value: textContent(child) }] });
      out.push(...item(state, child, state.labels.address ?? 'Address', [pre]));
    } else {
      const label = state.labels[child.type] ?? child.type;
      out.push(...item(state, child, label, state.all(child)));
    }
  }
  return state.element(node, 'dl', { className: ['docinfo'] }, out);
};
