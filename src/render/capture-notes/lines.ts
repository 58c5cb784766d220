// Each line of a capture block becomes an element of its own —
// `<span class="line" id="line-…-66" data-line="66">…\n</span>` — so evidence
// can point at it, a note can mark it, and a name in it can be a link. The
// text is kept exactly: splitting only cuts text nodes at their newlines and
// repeats the elements around a cut (shiki's `span.line` wrappers are reused,
// not doubled).

import type { Element, ElementContent } from 'hast';

/** The content split at newlines: one list of nodes per line, the newlines dropped. */
export function splitLines(nodes: readonly ElementContent[]): ElementContent[][] {
  const lines: ElementContent[][] = [[]];
  for (const node of nodes) {
    if (node.type === 'text') {
      node.value.split('\n').forEach((part, i) => {
        if (i > 0) lines.push([]);
        if (part !== '') lines[lines.length - 1]!.push({ type: 'text', value: part });
      });
    } else if (node.type === 'element') {
      splitLines(node.children).forEach((part, i) => {
        if (i > 0) lines.push([]);
        if (part.length > 0) lines[lines.length - 1]!.push({ ...node, children: part });
      });
    } else {
      lines[lines.length - 1]!.push(node);
    }
  }
  return lines;
}

const isLineWrapper = (n: ElementContent | undefined): n is Element =>
  n?.type === 'element' && n.tagName === 'span' && Array.isArray(n.properties.className) && n.properties.className.includes('line');

/** The element whose children are the block's text: the `<pre>`, or its only `<code>`. */
export function textHolder(pre: Element): Element {
  const only = pre.children.length === 1 ? pre.children[0] : undefined;
  return only?.type === 'element' && only.tagName === 'code' ? only : pre;
}

export interface LineSpan {
  element: Element;
  /** Line in the block's file. */
  line: number;
}

/**
 * Replace the block's content by one span per line; line i is line
 * `firstLine + i` of the file. `idOf` gives its id (undefined: none, e.g. the
 * id is taken).
 */
export function addressLines(pre: Element, firstLine: number, idOf: (line: number) => string | undefined): LineSpan[] {
  const holder = textHolder(pre);
  const parts = splitLines(holder.children);
  const trailing = endsWithNewline(holder);
  // a trailing newline makes no line of its own
  if (parts.length > 1 && parts[parts.length - 1]!.length === 0) parts.pop();
  const spans = parts.map((content, i): LineSpan => {
    const line = firstLine + i;
    const inner = content.length === 1 && isLineWrapper(content[0]) ? content[0].children : content;
    const id = idOf(line);
    const element: Element = {
      type: 'element',
      tagName: 'span',
      properties: { className: ['line'], ...(id ? { id } : {}), dataLine: line },
      children: [...inner, ...(i < parts.length - 1 || trailing ? [{ type: 'text' as const, value: '\n' }] : [])],
    };
    return { element, line };
  });
  holder.children = spans.map((s) => s.element);
  return spans;
}

function endsWithNewline(node: Element): boolean {
  let last: ElementContent | undefined = node.children[node.children.length - 1];
  while (last?.type === 'element') last = last.children[last.children.length - 1];
  return last?.type === 'text' && last.value.endsWith('\n');
}
