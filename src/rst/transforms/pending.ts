// `pending` nodes are left by directives whose work needs the whole document
// (contents, sectnum, class, target-notes …). `node.data` holds
// `{transform, details}`; this finds the ones a transform owns.

import type { RstElement } from '../nodes.js';
import { elements, type Located } from './tree.js';

/** Canonical transform names, accepting docutils' class names too (`parts.Contents`, `ClassAttribute`). */
const ALIASES: Record<string, string> = {
  classattribute: 'class',
  class: 'class',
  contents: 'contents',
  sectnum: 'sectnum',
  'section-numbering': 'sectnum',
  targetnotes: 'target-notes',
  'target-notes': 'target-notes',
  filter: 'filter',
  meta: 'filter',
};

export function pendingName(node: RstElement): string | undefined {
  const raw = node.data?.transform;
  if (typeof raw !== 'string') return undefined;
  const last = raw.split('.').pop()!.toLowerCase();
  return ALIASES[last] ?? last;
}

export function pendingDetails(node: RstElement): Record<string, unknown> {
  const details = node.data?.details;
  return details && typeof details === 'object' ? (details as Record<string, unknown>) : {};
}

/** The pending nodes for transform `name`, in document order, with their parents. */
export function findPending(root: RstElement, name: string): Array<Located & { parent: RstElement }> {
  return elements(root).filter(
    (item): item is Located & { parent: RstElement } =>
      item.node.type === 'pending' && item.parent !== undefined && pendingName(item.node) === name,
  );
}
