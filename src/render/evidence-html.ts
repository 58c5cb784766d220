// Evidence links as hast: `<span class="evidence"><a href="#line-…">local.rst:66</a>, …</span>`.
// A range's link also lists all its lines (`data-lines`) so the page's script
// can mark each of them; without a script the link goes to its first line.

import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { EvidenceLink } from './evidence.js';

export function evidenceSpan(links: readonly EvidenceLink[]): Element {
  const children: ElementContent[] = [];
  links.forEach((l, i) => {
    if (i > 0) children.push({ type: 'text', value: ', ' });
    children.push(h('a', { href: `#${l.anchor}`, ...(l.anchors.length > 1 ? { dataLines: l.anchors.join(' ') } : {}) }, l.label));
  });
  return h('span', { className: ['evidence'] }, children);
}
