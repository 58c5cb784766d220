// The exit status of `netguide topology` and `netguide explain`: 1 on errors;
// with --strict also on unparsed capture lines and contradicted claims.

import type { Understood } from '../pipeline.js';

export function exitStatus(run: Understood, strict: boolean): number {
  if (run.diagnostics.some((d) => d.severity === 'error' || d.severity === 'severe')) return 1;
  if (strict && (run.topology.unparsed.length > 0 || run.topology.findings.some((f) => f.kind === 'contradicted'))) return 1;
  return 0;
}
