// docutils' "compact" lists: when every item of a list is one paragraph
// (optionally followed by nested lists), the items hold the text directly
// instead of a `<p>` each, as docutils' HTML writers do.

import { isElement, type RstElement } from '../../nodes.js';

const LISTS = new Set(['bullet_list', 'enumerated_list']);

export function isCompactList(list: RstElement): boolean {
  for (const item of list.children) {
    if (!isElement(item)) continue;
    const children = item.children.filter(isElement);
    if (children.length === 0) continue;
    if (children[0]!.type !== 'paragraph') return false;
    if (!children.slice(1).every((child) => LISTS.has(child.type))) return false;
  }
  return true;
}
