// Capture coverage: how the parsers account for every line of a set of
// captures — fact, header, blank, noise or unparsed — overall and per parser,
// and which captures no parser reads. The captures are found exactly as the
// topology stage finds them (readSources, for bundles and guides alike), so
// the figures describe what a build sees.
// Used by scripts/capture-coverage.ts and test/captures/coverage.test.ts.

import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readSources } from './sources.js';
import type { ParsedCapture } from '../captures/registry.js';
import type { LineRole } from '../captures/types.js';

export interface CaptureInput {
  origin: 'bundle' | 'guide';
  /** File the capture is in (a bundle's capture file, or the guide), for messages. */
  file: string;
  /** Lines of `file` before the capture's first output line. */
  lineOffset: number;
  command: string;
  result: ParsedCapture;
}

/** The capture-lab samples: $NETGUIDE_SAMPLES, or shared/capture-lab/samples beside the repository (as CI lays it out). */
export function findSamples(repoRoot: string): string | undefined {
  const candidates = [process.env['NETGUIDE_SAMPLES'], join(repoRoot, '..', 'shared', 'capture-lab', 'samples')];
  return candidates.find((c): c is string => c !== undefined && existsSync(c));
}

/** Every capture of every bundle folder under `root` (files such as probe.txt beside them are not bundles). */
export function bundleInputs(root: string): CaptureInput[] {
  const inputs: CaptureInput[] = [];
  for (const name of readdirSync(root).sort()) {
    if (!statSync(join(root, name)).isDirectory()) continue;
    for (const c of readSources([join(root, name)]).captures) {
      inputs.push({ origin: 'bundle', file: relative(root, c.file), lineOffset: c.lineOffset, command: c.command, result: c.result });
    }
  }
  return inputs;
}

/** Every capture in the guides content/<guide>/<guide>.rst under `contentDir`; files are named relative to `cwd`. */
export function guideInputs(contentDir: string, cwd: string): CaptureInput[] {
  if (!existsSync(contentDir)) return [];
  const inputs: CaptureInput[] = [];
  for (const guide of readdirSync(contentDir).sort()) {
    const rst = join(contentDir, guide, `${guide}.rst`);
    if (!existsSync(rst)) continue;
    for (const c of readSources([relative(cwd, rst)]).captures) {
      inputs.push({ origin: 'guide', file: c.file, lineOffset: c.lineOffset, command: c.command, result: c.result });
    }
  }
  return inputs;
}

export type Coverage = Record<LineRole, number>;

export interface CoverageReport {
  counts: Coverage;
  byParser: Record<string, Coverage & { captures: number }>;
  /** Captures no parser reads. */
  missing: { file: string; command: string; reason: string }[];
  /** Unparsed lines as `file:line: reason: text`. */
  unparsed: string[];
}

export function coverage(inputs: readonly CaptureInput[]): CoverageReport {
  const empty = (): Coverage => ({ fact: 0, header: 0, blank: 0, noise: 0, unparsed: 0 });
  const report: CoverageReport = { counts: empty(), byParser: {}, missing: [], unparsed: [] };
  for (const input of inputs) {
    if (input.result.parser === 'none') {
      report.missing.push({ file: `${input.file}:${input.lineOffset + 1}`, command: input.command, reason: input.result.unparsed[0]?.reason ?? 'no parser' });
      continue;
    }
    const per = (report.byParser[input.result.parser] ??= { ...empty(), captures: 0 });
    per.captures++;
    for (const role of input.result.lineRoles) {
      report.counts[role]++;
      per[role]++;
    }
    for (const u of input.result.unparsed) {
      report.unparsed.push(`${input.file}:${input.lineOffset + u.line}: ${u.reason}: ${JSON.stringify(u.text)}`);
    }
  }
  return report;
}
