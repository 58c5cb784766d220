// A title depends on what it titles: the document's is `<h1 class="title">`,
// a section's a heading one level below its parent's (h2…h6, never deeper),
// a topic's, sidebar's or admonition's a `<p class="…-title">`, a table's the
// `<caption>`. A section title that links back to the contents wraps its text
// in that link.

import type { ElementContent } from 'hast';
import type { Handler } from '../state.js';

const PARAGRAPH_TITLES: Record<string, string> = {
  topic: 'topic-title',
  sidebar: 'sidebar-title',
  admonition: 'admonition-title',
  system_message: 'system-message-title',
};

export const title: Handler = (state, node, parent) => {
  let children: ElementContent[] = state.all(node);
  const parentType = parent?.type ?? 'section';
  if (parentType === 'table') return state.element(node, 'caption', {}, children);
  if (parentType in PARAGRAPH_TITLES) return state.element(node, 'p', { className: [PARAGRAPH_TITLES[parentType]!] }, children);
  if (parentType === 'document') return state.element(node, 'h1', { className: ['title'] }, children);
  if (parentType !== 'section') return state.element(node, 'p', { className: [`${parentType.replace(/_/g, '-')}-title`] }, children);
  const refid = node.attributes.refid;
  if (typeof refid === 'string') {
    children = [state.patch(node, { type: 'element', tagName: 'a', properties: { className: ['toc-backref'], href: `#${refid}`, role: 'doc-backlink' }, children })];
  }
  const level = Math.min(6, Math.max(1, state.context.sectionDepth + state.context.headingOffset));
  return state.element(node, `h${level}`, {}, children);
};
