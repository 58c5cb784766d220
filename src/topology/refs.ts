// Keys and evidence lists every stage of the model shares: the topology joins
// facts by these keys, and rules, walks and checks merge the evidence of the
// facts they rest on.

import type { EvidenceRef } from './model.js';

/** A key for an interface or namespace-scoped name. */
export function endpointKey(e: { host: string; netns?: string | undefined; name: string }): string {
  return `${e.host}\u0000${e.netns ?? ''}\u0000${e.name}`;
}

/** Evidence without repeats (the same file and line), in order of first appearance. */
export function mergeEvidence(...lists: (EvidenceRef[] | undefined)[]): EvidenceRef[] {
  const seen = new Set<string>();
  const out: EvidenceRef[] = [];
  for (const list of lists) {
    for (const ref of list ?? []) {
      const key = `${ref.file}:${ref.line}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(ref);
    }
  }
  return out;
}
