// A claim's verdict: confirmed, contradicted (with the capture lines that
// contradict it), unprovable (saying which capture would settle it), or not
// understood (with the names the claim mentions).

import type { EvidenceRef, Finding } from '../../topology/model.js';
import type { Message } from '../../message.js';

export type VerdictKind = Extract<Finding['kind'], 'confirmed' | 'contradicted' | 'unprovable' | 'not-understood'>;

export interface Verdict {
  kind: VerdictKind;
  message: Message;
  evidence: EvidenceRef[];
}

export const verdict = (kind: VerdictKind, message: Message, evidence: EvidenceRef[] = []): Verdict => ({ kind, message, evidence });

/** Several hosts' verdicts on one claim: the same everywhere, or (mixed) the first confirmed one when the claim names no host. */
export function agree(verdicts: Verdict[]): Verdict | undefined {
  if (!verdicts.length) return undefined;
  if (verdicts.every((v) => v.kind === verdicts[0]!.kind)) return verdicts[0];
  return verdicts.find((v) => v.kind === 'confirmed') ?? verdicts.find((v) => v.kind === 'contradicted') ?? verdicts[0];
}
