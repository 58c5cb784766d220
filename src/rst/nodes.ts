// The node vocabulary of the reStructuredText tree: docutils' element names
// (docutils/nodes.py, docutils.dtd) as unist nodes. Every node carries a unist
// `position` so later stages can point at a source line; docutils attributes
// live in `attributes` under their docutils names (`ids`, `names`, `refuri` …)
// so that the XML writer and the hast step can stay table-driven.

export interface Point {
  /** 1-based line in `source`. */
  line: number;
  /** 1-based column (in UTF-16 code units, as unist does). */
  column: number;
  /** 0-based offset into the source text. */
  offset: number;
}

export interface Position {
  start: Point;
  end: Point;
}

export type AttributeValue = string | number | boolean | string[];
export type Attributes = Record<string, AttributeValue>;

export interface RstText {
  type: 'text';
  value: string;
  position?: Position;
}

export interface RstElement {
  /** A docutils element name: `section`, `paragraph`, `literal_block`, … */
  type: string;
  attributes: Attributes;
  children: RstNode[];
  position?: Position;
  /**
   * Data that is not a docutils attribute and is never serialized to XML:
   * the source file of an included node, a `pending` node's transform and
   * details, a directive's block text.
   */
  data?: Record<string, unknown>;
}

export type RstNode = RstElement | RstText;

/** Attributes docutils keeps as lists (serialized space-separated). */
export const LIST_ATTRIBUTES = new Set(['ids', 'names', 'dupnames', 'classes', 'backrefs']);

export function element(
  type: string,
  attributes: Attributes = {},
  children: RstNode[] = [],
  position?: Position,
): RstElement {
  // Every key in the literal, always: a key added later moves the object to a
  // slower shape with an out-of-object property store (measurable on 1 MB paragraphs).
  return { type, attributes, children, position };
}

export function text(value: string, position?: Position): RstText {
  return { type: 'text', value, position };
}

export function isText(node: RstNode): node is RstText {
  return node.type === 'text';
}

export function isElement(node: RstNode): node is RstElement {
  return node.type !== 'text';
}

/** The text content of a node (docutils' `astext()` for text elements). */
export function toText(node: RstNode): string {
  if (isText(node)) return node.value;
  return node.children.map(toText).join('');
}

/** Read a list attribute (`ids`, `names`, `classes` …), creating it when absent. */
export function listAttribute(node: RstElement, name: string): string[] {
  const value = node.attributes[name];
  if (Array.isArray(value)) return value;
  const list: string[] = [];
  node.attributes[name] = list;
  return list;
}

/** Span from the start of `first` to the end of `last`. */
export function span(first: Position | undefined, last: Position | undefined): Position | undefined {
  if (!first || !last) return first ?? last;
  return { start: first.start, end: last.end };
}
