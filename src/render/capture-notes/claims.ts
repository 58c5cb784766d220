// The author's own bullets that the captures check ("qvb… 和 qvo… 是一对
// veth") carry their verdict right beside them: confirmed, contradicted, or
// cannot be checked, with each finding's reason and the lines it rests on. A
// bullet is the innermost list item whose lines hold the claim's line and whose
// text holds the claim (an included file's items sit on that file's lines); on
// a page in another language than the claim's, whose words differ, the
// innermost item holding the line.

import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import { toString } from 'hast-util-to-string';
import type { Finding } from '../../topology/model.js';
import { evidenceLinks, type EvidenceOptions } from '../evidence.js';
import { evidenceSpan } from '../evidence-html.js';
import { findingText, ui } from '../words.js';

/** The worst verdict first: one contradiction outweighs any confirmation. */
const ORDER = ['contradicted', 'inconsistent', 'unknown-name', 'unprovable', 'confirmed'] as const;
/** What the reader is told: three verdicts. */
export const verdictOf = (kind: string): 'confirmed' | 'contradicted' | 'unchecked' =>
  kind === 'confirmed' ? 'confirmed' : kind === 'contradicted' || kind === 'inconsistent' ? 'contradicted' : 'unchecked';

const words = (s: string) => s.replace(/[`*]+/g, '').replace(/\s+/g, ' ').trim();

function listItems(tree: Root): Element[] {
  const items: Element[] = [];
  const stack: (Root | Element)[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (child.tagName === 'li') items.push(child);
      stack.push(child);
    }
  }
  return items;
}

/** Add a verdict to each bullet the findings check; returns the claims no bullet was found for. */
export function markClaims(tree: Root, findings: readonly Finding[], lang: string, evidence: EvidenceOptions): Finding[] {
  const byClaim = new Map<string, Finding[]>();
  for (const f of findings) {
    if (!f.claim) continue;
    const key = `${f.claim.file}:${f.claim.line}:${f.claim.text}`;
    byClaim.set(key, [...(byClaim.get(key) ?? []), f]);
  }
  if (byClaim.size === 0) return [];
  const items = listItems(tree);
  const missed: Finding[] = [];
  // a bullet may hold several claims (two sentences): one verdict for the bullet, every finding's reason
  const byItem = new Map<Element, Finding[]>();
  for (const group of byClaim.values()) {
    const claim = group[0]!.claim!;
    const around = items
      .filter((li) => li.position && li.position.start.line <= claim.line && li.position.end.line >= claim.line)
      .sort((a, b) => (a.position!.end.line - a.position!.start.line) - (b.position!.end.line - b.position!.start.line));
    const item = around.find((li) => words(toString(li)).includes(words(claim.text))) ?? around[0];
    if (item) byItem.set(item, [...(byItem.get(item) ?? []), ...group]);
    else missed.push(...group);
  }
  for (const [item, group] of byItem) {
    const sorted = [...group].sort((a, b) => ORDER.indexOf(a.kind as never) - ORDER.indexOf(b.kind as never));
    const verdict = verdictOf(sorted[0]!.kind);
    const span = h('span', { className: ['verdict', verdict] }, [
      h('span', { className: ['verdict-label'] }, [h('span', { className: ['verdict-icon'], ariaHidden: 'true' }, ICON[verdict]), ' ', ui(`verdict:${verdict}`, lang)]),
      ' ',
      ...sorted.flatMap((f, i): ElementContent[] => [
        ...(i > 0 ? [{ type: 'text' as const, value: ui('notes:list-separator', lang) }] : []),
        h('span', { className: ['verdict-reason', f.kind] }, [findingText(f, lang), ...(f.evidence.length > 0 ? [' ', evidenceSpan(evidenceLinks(f.evidence, evidence))] : [])]),
      ]),
    ]);
    // beside the bullet's words: in its paragraph when it has one
    const last = item.children[item.children.length - 1];
    const holder = last?.type === 'element' && last.tagName === 'p' ? last : item;
    holder.children.push({ type: 'text', value: ' ' }, span);
    item.properties.className = [...(Array.isArray(item.properties.className) ? item.properties.className.map(String) : []), 'claim', verdict];
  }
  return missed;
}

const ICON = { confirmed: '✓', contradicted: '✗', unchecked: '?' } as const;
