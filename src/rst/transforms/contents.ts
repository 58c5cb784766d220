// `.. contents::` becomes a nested bullet list of links to the sections (of
// the whole document, or with :local: of the enclosing section), down to
// :depth:; section titles link back to their entry (or to the contents
// topic) unless they already contain a link.

import { element, isElement, listAttribute, text, type RstElement, type RstNode } from '../nodes.js';
import { findPending, pendingDetails } from './pending.js';
import type { TransformRun } from './run.js';
import { deepCopy, parents, replaceNode, replaceSelf } from './tree.js';
import type { Transform } from './types.js';

export const contents: Transform = {
  name: 'contents',
  priority: 720,
  apply(document, run) {
    for (const { node: pending, parent: topic } of findPending(document.root, 'contents')) {
      const details = pendingDetails(pending);
      const parentOf = parents(document.root);
      let start: RstElement = document.root;
      if ('local' in details) {
        let node = parentOf.get(topic);
        while (node && node.type !== 'section' && node.type !== 'document') node = parentOf.get(node);
        start = node ?? document.root;
      }
      const tocId = listAttribute(topic, 'ids')[0] ?? document.setId(topic);
      const backlinks = details.backlinks !== undefined ? backlinkOption(details.backlinks) : run.options.tocBacklinks;
      const depth = details.depth === undefined ? Infinity : Number(details.depth);
      const list = build(start, 1, { depth, backlinks, tocId, run });
      if (list) replaceSelf(topic, pending, [list]);
      else {
        const grand = parentOf.get(topic);
        if (grand) replaceNode(grand, topic, []);
      }
    }
  },
};

function backlinkOption(value: unknown): 'entry' | 'top' | false {
  return value === 'entry' || value === 'top' ? value : false;
}

interface Build {
  depth: number;
  backlinks: 'entry' | 'top' | false;
  tocId: string;
  run: TransformRun;
}

/** Section nesting is bounded by the number of title styles, so recursion depth stays small. */
function build(node: RstElement, level: number, options: Build): RstElement | undefined {
  const items: RstElement[] = [];
  let auto = false;
  for (const section of node.children) {
    if (!isElement(section) || section.type !== 'section') continue;
    const title = section.children[0] as RstElement | undefined;
    if (!title || !isElement(title)) continue;
    auto = title.attributes.auto !== undefined;
    const sectionId = listAttribute(section, 'ids')[0] ?? options.run.document.setId(section);
    const reference = element('reference', { refid: sectionId }, entryText(title), title.position);
    const refId = options.run.document.setId(reference, undefined, 'toc-entry');
    const item = element('list_item', {}, [element('paragraph', {}, [reference], title.position)], title.position);
    if (options.backlinks && !containsReference(title)) {
      title.attributes.refid = options.backlinks === 'entry' ? refId : options.tocId;
    }
    if (level < options.depth) {
      const sub = build(section, level + 1, options);
      if (sub) item.children.push(sub);
    }
    items.push(item);
  }
  if (items.length === 0) return undefined;
  const list = element('bullet_list', {}, items, items[0]!.position);
  if (auto) list.attributes.classes = ['auto-toc'];
  return list;
}

function containsReference(node: RstElement): boolean {
  const stack: RstNode[] = [...node.children];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (!isElement(current)) continue;
    if (current.type === 'reference') return true;
    stack.push(...current.children);
  }
  return false;
}

/** A title's content without links, footnote/citation references or images (images become their alt text). */
function entryText(title: RstElement): RstNode[] {
  const out: RstNode[] = [];
  // Explicit stack of (node, destination list): unwrap or skip while copying.
  const stack: Array<[RstNode, RstNode[]]> = [...title.children].reverse().map((child) => [child, out] as [RstNode, RstNode[]]);
  while (stack.length > 0) {
    const [node, into] = stack.pop()!;
    if (!isElement(node)) {
      into.push({ ...node });
      continue;
    }
    if (node.type === 'footnote_reference' || node.type === 'citation_reference') continue;
    if (node.type === 'image') {
      if (node.attributes.alt !== undefined) into.push(text(String(node.attributes.alt), node.position));
      continue;
    }
    if (node.type === 'problematic' || node.type === 'reference' || node.type === 'target') {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push([node.children[i]!, into]);
      continue;
    }
    const copy = deepCopy({ ...node, children: [] });
    into.push(copy);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push([node.children[i]!, copy.children]);
  }
  return out;
}
