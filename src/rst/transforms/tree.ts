// Tree helpers for transforms. Our nodes carry no parent pointers (they are
// plain unist objects), so transforms walk with an explicit stack and ask for
// parents when they need them; nothing here recurses, so a 5,000-deep tree
// cannot overflow the stack.

import { element, isElement, listAttribute, type RstElement, type RstNode } from '../nodes.js';

export interface Located {
  node: RstElement;
  parent: RstElement | undefined;
}

/** Every element under (and including) `root` in document (pre-)order, with its parent. */
export function elements(root: RstElement): Located[] {
  const out: Located[] = [];
  const stack: Located[] = [{ node: root, parent: undefined }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    out.push(item);
    const children = item.node.children;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i]!;
      if (isElement(child)) stack.push({ node: child, parent: item.node });
    }
  }
  return out;
}

/** Elements of one type, in document order. (Transforms call this and parents() dozens of times a document: they walk without the Located records elements() makes.) */
export function findAll(root: RstElement, type: string): RstElement[] {
  const out: RstElement[] = [];
  const stack: RstElement[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === type) out.push(node);
    const children = node.children;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i]!;
      if (isElement(child)) stack.push(child);
    }
  }
  return out;
}

/** A map from every element to its parent (rebuild after structural edits). */
export function parents(root: RstElement): Map<RstElement, RstElement> {
  const map = new Map<RstElement, RstElement>();
  const stack: RstElement[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const child of node.children) {
      if (!isElement(child)) continue;
      map.set(child, node);
      stack.push(child);
    }
  }
  return map;
}

/** Replace `node` inside `parent` by `replacement` (zero or more nodes). */
export function replaceNode(parent: RstElement, node: RstNode, replacement: RstNode[]): void {
  const index = parent.children.indexOf(node);
  if (index >= 0) parent.children.splice(index, 1, ...replacement);
}

export function removeNode(parent: RstElement, node: RstNode): void {
  replaceNode(parent, node, []);
}

/** Deep copy (iterative), keeping positions and copying `data` shallowly. */
export function deepCopy<T extends RstNode>(node: T): T {
  const copyOne = (n: RstNode): RstNode => {
    if (!isElement(n)) return { ...n };
    const attributes: RstElement['attributes'] = {};
    for (const [key, value] of Object.entries(n.attributes)) attributes[key] = Array.isArray(value) ? [...value] : value;
    const copy = element(n.type, attributes, [], n.position);
    if (n.data) copy.data = { ...n.data };
    return copy;
  };
  const rootCopy = copyOne(node);
  const stack: Array<[RstNode, RstNode]> = [[node, rootCopy]];
  while (stack.length > 0) {
    const [source, target] = stack.pop()!;
    if (!isElement(source) || !isElement(target)) continue;
    for (const child of source.children) {
      const childCopy = copyOne(child);
      target.children.push(childCopy);
      stack.push([child, childCopy]);
    }
  }
  return rootCopy as T;
}

/** Read a list attribute without creating it. */
export function list(node: RstElement, name: string): string[] {
  const value = node.attributes[name];
  return Array.isArray(value) ? value : [];
}

export function has(node: RstElement, name: string): boolean {
  return node.attributes[name] !== undefined;
}

export function addBackref(node: RstElement, id: string): void {
  listAttribute(node, 'backrefs').push(id);
}

/** Transform-time flags docutils keeps as Python attributes (`resolved`, `referenced`). */
export function flag(node: RstElement, name: string): boolean {
  return Boolean(node.data?.[name]);
}

export function setFlag(node: RstElement, name: string, value: unknown = true): void {
  node.data = { ...node.data, [name]: value };
}

/**
 * The next element in document order after `node`, not descending into it
 * (docutils' `next_node(ascend=True, descend=False)`), given a parent map.
 */
export function nextElementAfter(node: RstElement, parentOf: Map<RstElement, RstElement>): RstElement | undefined {
  let current: RstElement = node;
  for (;;) {
    const parent = parentOf.get(current);
    if (!parent) return undefined;
    const siblings = parent.children;
    for (let i = siblings.indexOf(current) + 1; i < siblings.length; i++) {
      const sibling = siblings[i]!;
      if (isElement(sibling)) return sibling;
    }
    current = parent;
  }
}

/** Element categories of docutils' class hierarchy that transforms test for. */
export const INVISIBLE = new Set(['comment', 'substitution_definition', 'target', 'pending']);
export const PRE_BIBLIOGRAPHIC = new Set([
  'title', 'subtitle', 'decoration', 'header', 'footer', 'meta', 'system_message', 'raw',
  ...INVISIBLE,
]);
export const TITULAR = new Set(['title', 'subtitle', 'rubric']);
export const DECORATIVE = new Set(['decoration', 'header', 'footer']);
export const TARGETABLE = new Set(['target', 'footnote', 'citation']);
export const TEXT_ELEMENTS = new Set([
  'address', 'comment', 'doctest_block', 'literal_block', 'math_block', 'raw',
  'abbreviation', 'acronym', 'attribution', 'author', 'caption', 'citation_reference', 'classifier',
  'contact', 'copyright', 'date', 'emphasis', 'field_name', 'footnote_reference', 'generated', 'inline',
  'label', 'line', 'literal', 'math', 'option_argument', 'option_string', 'organization', 'paragraph',
  'problematic', 'reference', 'revision', 'rubric', 'status', 'strong', 'subscript',
  'substitution_definition', 'substitution_reference', 'subtitle', 'superscript', 'target', 'term',
  'title', 'title_reference', 'version',
]);

/** Index of the first child whose type is not in `skip` (docutils' first_child_not_matching_class). */
export function firstChildNotIn(node: RstElement, skip: Set<string>): number | undefined {
  const index = node.children.findIndex((child) => !skip.has(child.type));
  return index < 0 ? undefined : index;
}

const BASIC_ATTRIBUTES = ['ids', 'classes', 'names', 'dupnames'];

/**
 * Replace `node` by `replacement` the way docutils' replace_self does: the
 * first replacement element inherits the replaced node's ids, classes, names
 * and dupnames, so links to the old node still land.
 */
export function replaceSelf(parent: RstElement, node: RstElement, replacement: RstNode[]): void {
  const first = replacement[0];
  if (first && isElement(first)) {
    for (const name of BASIC_ATTRIBUTES) {
      const values = list(node, name);
      if (values.length === 0) continue;
      const target = listAttribute(first, name);
      for (const value of values) if (!target.includes(value)) target.push(value);
    }
  }
  replaceNode(parent, node, replacement);
}
