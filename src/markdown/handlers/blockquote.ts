// `> text` is docutils' `block_quote`. A GitHub alert, a block quote whose
// first line is `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]` or
// `[!CAUTION]`, is the docutils admonition of that name:
//
//   > [!WARNING]
//   > The lab uses global state.   →  <warning><paragraph>The lab uses global state.</paragraph></warning>

import type { Blockquote, Paragraph } from 'mdast';
import { isElement, isText, type RstElement } from '../../rst/nodes.js';
import type { Handler, State } from '../state.js';

const ALERTS = new Set(['note', 'tip', 'important', 'warning', 'caution']);
const MARKER = /^\[!([A-Za-z]+)\][ \t]*(?:\r?\n|$)/;

export const blockquote: Handler = (state, node: Blockquote) => {
  const kind = alertOf(node);
  const children = state.all(node);
  if (!kind) return state.element(node, 'block_quote', {}, children);
  dropMarker(state, children[0] as RstElement);
  const body = children.filter((c, i) => !(i === 0 && isElement(c) && c.type === 'paragraph' && c.children.length === 0));
  return state.element(node, kind, {}, body);
};

function alertOf(node: Blockquote): string | undefined {
  const first = node.children[0];
  if (first?.type !== 'paragraph') return undefined;
  const lead = (first as Paragraph).children[0];
  if (lead?.type !== 'text') return undefined;
  const kind = MARKER.exec(lead.value)?.[1]?.toLowerCase();
  return kind && ALERTS.has(kind) ? kind : undefined;
}

/** Remove `[!KIND]` and its line end from the paragraph's first text. */
function dropMarker(state: State, paragraph: RstElement): void {
  const lead = paragraph.children[0];
  if (!lead || !isText(lead)) return;
  const removed = MARKER.exec(lead.value)?.[0].length ?? 0;
  lead.value = lead.value.slice(removed);
  if (lead.value === '') paragraph.children.shift();
  else if (lead.position && lead.position.start.offset >= 0) {
    // the text now starts after `> ` on the next line
    const next = state.pointAt(lead.position.start.offset + removed);
    const column = /^[ \t]*>?[ \t]?/.exec(state.markdown.slice(next.offset, next.offset + 16))![0].length;
    lead.position = { start: state.pointAt(next.offset + column), end: lead.position.end };
  }
  if (paragraph.children[0]?.position && paragraph.position) paragraph.position = { start: paragraph.children[0].position.start, end: paragraph.position.end };
}
