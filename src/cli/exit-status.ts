// The exit status of `netguide topology` and `netguide explain`: 1 on errors
// (nothing to explain, a path that cannot be read); with --strict also on any
// warning: unparsed capture lines, contradicted claims, broken captures (empty,
// cut short, control characters, a failed command, mislabelled), bad encodings.

import type { Understood } from '../pipeline.js';
import { isFailure } from '../diagnostics.js';

export function exitStatus(run: Understood, strict: boolean): number {
  if (run.diagnostics.some((d) => isFailure(d, strict))) return 1;
  if (strict && (run.topology.unparsed.length > 0 || run.topology.findings.some((f) => f.kind === 'contradicted'))) return 1;
  return 0;
}
