// A footnote (or citation) is an `<aside role="note">` starting with its label
// in brackets; the label links back to the reference, or with several
// references the label is followed by one back-link per reference.

import type { Element, ElementContent } from 'hast';
import { isElement, type RstElement } from '../../nodes.js';
import type { Handler, State } from '../state.js';
import { textContent } from './shared.js';

export function noteLabel(state: State, node: RstElement): ElementContent[] {
  const label = node.children.find((child) => isElement(child) && child.type === 'label') as RstElement | undefined;
  const backrefs = Array.isArray(node.attributes.backrefs) ? (node.attributes.backrefs as string[]) : [];
  const text = label ? textContent(label) : '';
  const at = label ?? node;
  const bracket = (value: string): Element =>
    state.patch(at, { type: 'element', tagName: 'span', properties: { className: ['fn-bracket'] }, children: [state.patch(at, { type: 'text', value })] });
  const labelText = state.patch(at, { type: 'text' as const, value: text });
  const labelContent: ElementContent =
    backrefs.length === 1
      ? state.patch(at, { type: 'element', tagName: 'a', properties: { role: 'doc-backlink', href: `#${backrefs[0]}` }, children: [labelText] })
      : labelText;
  const out: ElementContent[] = [
    state.patch(label ?? node, { type: 'element', tagName: 'span', properties: { className: ['label'] }, children: [bracket('['), labelContent, bracket(']')] }),
  ];
  if (backrefs.length > 1) {
    const links: ElementContent[] = [state.patch(at, { type: 'text', value: '(' })];
    backrefs.forEach((id, i) => {
      if (i > 0) links.push(state.patch(at, { type: 'text', value: ',' }));
      links.push(state.patch(at, { type: 'element', tagName: 'a', properties: { role: 'doc-backlink', href: `#${id}` }, children: [state.patch(at, { type: 'text', value: String(i + 1) })] }));
    });
    links.push(state.patch(at, { type: 'text', value: ')' }));
    out.push(state.patch(at, { type: 'element', tagName: 'span', properties: { className: ['backrefs'] }, children: links }));
  }
  return out;
}

export const footnote: Handler = (state, node) => {
  const body = node.children.filter((child) => !(isElement(child) && child.type === 'label'));
  const content = body.flatMap((child) => state.one(child, node));
  return state.element(node, 'aside', { className: [node.type, 'brackets'], role: 'note' }, [...noteLabel(state, node), ...content]);
};
