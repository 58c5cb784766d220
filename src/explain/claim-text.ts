// The author's prose as claim candidates: every paragraph (in a list item or
// not) of a guide's tree, split into sentences, each with its guide line.
// Literal blocks are captures, not prose, and are skipped.

import type { RstElement, RstNode } from '../rst/nodes.js';
import type { GuideText } from '../topology/sources.js';
import { hostOfTitle } from '../topology/guide-captures.js';

export interface ProseSentence {
  text: string;
  file: string;
  line: number;
  /** True when the sentence is a bullet or enumerated list item. */
  listItem: boolean;
  /** The host the enclosing section's title names (or the last one named before it), as captures are placed. */
  host?: string;
}

const SKIP = new Set(['literal_block', 'doctest_block', 'raw', 'comment', 'system_message', 'substitution_definition', 'target']);

function plainText(node: RstNode): string {
  if (node.type === 'text') return (node as { value: string }).value;
  return (node as RstElement).children.map(plainText).join('');
}

export function proseSentences(guide: GuideText): ProseSentence[] {
  const out: ProseSentence[] = [];
  let lastHost: string | undefined;
  const visit = (node: RstElement, inItem: boolean, host?: string): void => {
    if (SKIP.has(node.type)) return;
    if (node.type === 'section') {
      const title = node.children.find((c): c is RstElement => c.type === 'title');
      const named = title ? hostOfTitle(plainText(title)) : undefined;
      if (named) host = lastHost = named;
    }
    if (node.type === 'paragraph') {
      const line = node.position?.start.line ?? 1;
      // 。；! ? end a sentence in both languages; ". " only before a capital or end
      for (const sentence of plainText(node).replace(/\s*\n\s*/g, ' ').split(/(?<=[。；！？!?])|(?<=\.)\s+(?=[A-Z])/)) {
        const text = sentence.trim().replace(/[。；.]$/, '');
        if (text) out.push({ text, file: guide.file, line, listItem: inItem, ...((host ?? lastHost) ? { host: (host ?? lastHost)! } : {}) });
      }
      return;
    }
    for (const child of node.children) {
      if (child.type !== 'text') visit(child as RstElement, inItem || node.type === 'list_item', host);
    }
  };
  visit(guide.tree, false);
  return out;
}
