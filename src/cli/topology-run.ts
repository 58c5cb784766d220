// What `netguide topology` and `netguide explain` share: read the paths, build
// the topology, explain it, and turn problems (bad paths, capture lines no
// parser understood, contradicted claims) into diagnostics.

import { buildTopology } from '../topology/build.js';
import { readSources } from '../topology/sources.js';
import type { Topology } from '../topology/model.js';
import { explainTopology } from '../explain/index.js';
import type { Diagnostic } from './diagnostics.js';

export interface TopologyRun {
  topology: Topology;
  diagnostics: Diagnostic[];
}

export function runTopologyPipeline(paths: string[], lang: 'zh' | 'en' = 'en'): TopologyRun {
  const sources = readSources(paths);
  const topology = explainTopology(buildTopology(sources), sources.guides);
  const diagnostics: Diagnostic[] = [...sources.problems];
  for (const u of topology.unparsed) {
    diagnostics.push({ file: u.file, line: u.line, severity: 'warning', message: `capture line not understood (${u.reason}): ${u.text}`, source: 'captures' });
  }
  for (const f of topology.findings) {
    if (f.kind !== 'contradicted' && f.kind !== 'inconsistent' && f.kind !== 'unknown-name') continue;
    const at = f.claim ?? f.evidence[0];
    diagnostics.push({
      file: at?.file ?? paths[0] ?? '-',
      ...(at ? { line: at.line } : {}),
      severity: 'warning',
      message: `${f.kind}: ${f.message[lang]}`,
      source: 'explain',
    });
  }
  return { topology, diagnostics };
}

/** Exit status: 1 on errors; with --strict also on unparsed capture lines and contradicted claims. */
export function exitStatus(run: TopologyRun, strict: boolean): number {
  if (run.diagnostics.some((d) => d.severity === 'error' || d.severity === 'severe')) return 1;
  if (strict && (run.topology.unparsed.length > 0 || run.topology.findings.some((f) => f.kind === 'contradicted'))) return 1;
  return 0;
}
