// Every real capture we have, as inputs for the coverage test and
// scripts/capture-coverage.ts: the capture-lab sample bundles (today's tools)
// and the literal blocks of the seed guides (2014). The seed blocks are cut out
// with a regex here only until the RST parser can hand them over.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CommandLine } from '../../src/captures/types.js';
import { programName, splitLines } from '../../src/captures/lines.js';
import { readBundle } from '../../src/captures/bundle.js';
import { findParser, parseCapture, parserByName, type ParsedCapture } from '../../src/captures/registry.js';
import { parseCommandLine } from '../../src/captures/command-line.js';
import { capturesOfGuide } from '../../src/captures/from-guide.js';
import { parseRst } from '../../src/rst/index.js';

export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found');
    dir = up;
  }
  return dir;
}

/** `shared/capture-lab/samples` beside the repository (CI lays shared/ next to the clone), or $NETGUIDE_SAMPLES. */
export function samplesRoot(): string | undefined {
  const candidates = [process.env['NETGUIDE_SAMPLES'], join(repoRoot(), '..', 'shared', 'capture-lab', 'samples'), '/work/shared/capture-lab/samples'];
  return candidates.find((c): c is string => c !== undefined && existsSync(c));
}

export interface CaptureInput {
  origin: 'sample' | 'seed';
  /** File and 1-based line where the output starts, for messages. */
  file: string;
  lineOffset: number;
  command: string;
  result: ParsedCapture;
}

/** Every capture file of every sample bundle (samples/<variant>/<host>/NN-slug.txt; probe.txt is a log, not a capture). */
export function sampleInputs(): CaptureInput[] {
  const root = samplesRoot();
  if (!root) return [];
  const inputs: CaptureInput[] = [];
  for (const variant of readdirSync(root).sort()) {
    if (!statSync(join(root, variant)).isDirectory()) continue;
    for (const host of readBundle(join(root, variant)).hosts) {
      for (const c of host.captures) {
        inputs.push({ origin: 'sample', file: relative(root, c.file), lineOffset: c.lineOffset, command: c.command, result: c.result });
      }
    }
  }
  return inputs;
}

/** Captures in content/<guide>/<guide>.rst, found by the RST reader as the topology stage finds them. */
export function seedInputs(): CaptureInput[] {
  const contentDir = join(repoRoot(), 'content');
  if (!existsSync(contentDir)) return [];
  const inputs: CaptureInput[] = [];
  for (const guide of readdirSync(contentDir).sort()) {
    const rst = join(contentDir, guide, `${guide}.rst`);
    if (!existsSync(rst)) continue;
    const file = relative(repoRoot(), rst);
    const { tree } = parseRst(readFileSync(rst, 'utf8'), { sourceName: file, baseDir: dirname(rst), contentRoot: dirname(rst) });
    for (const capture of capturesOfGuide(tree, file)) {
      if (!looksLikeCapture(capture.command)) continue;
      inputs.push({ origin: 'seed', file, lineOffset: capture.line - 1, command: capture.command, result: parseCapture(capture.text, { command: capture.command }) });
    }
  }
  return inputs;
}

/** An intro is a command when some parser, existing or planned, is for it (`connect to VM through vnc` is prose). */
function looksLikeCapture(intro: string): boolean {
  const cmd = parseCommandLine(intro);
  return findParser(cmd) !== undefined || expectedParserName(cmd) !== undefined;
}

/** Which parser file should read a command's output, whether or not it is registered yet. */
export function expectedParserName(cmd: CommandLine): string | undefined {
  const name = programName(cmd.argv[0]);
  const args = cmd.argv.slice(1);
  const words = args.filter((a) => !a.startsWith('-'));
  switch (name) {
    case 'ovs-vsctl':
      return words.includes('show') ? 'ovs-vsctl-show' : undefined;
    case 'ovs-ofctl':
      return words.includes('dump-flows') ? 'ovs-ofctl-dump-flows' : words.includes('show') ? 'ovs-ofctl-show' : undefined;
    case 'ovs-appctl':
      return words.includes('dpif/show') ? 'ovs-appctl-dpif-show' : undefined;
    case 'ip': {
      if (args.some((a) => a === '-br' || a === '-brief' || a === '--brief')) return 'ip-brief';
      const object = words[0] ?? '';
      if ('link'.startsWith(object) && object !== '') return 'ip-link';
      if (['a', 'ad', 'add', 'addr', 'address'].includes(object)) return 'ip-addr';
      if (['r', 'ro', 'rou', 'route'].includes(object)) return 'ip-route';
      if (object === 'netns') return 'ip-netns';
      return undefined;
    }
    case 'brctl':
      return 'brctl-show';
    case 'bridge':
      return words[0] === 'link' ? 'bridge-link' : undefined;
    case 'ethtool':
      return args.includes('-S') || args.includes('--statistics') ? 'ethtool-stats' : undefined;
    case 'virsh':
      return words[0] === 'list' ? 'virsh-list' : words[0] === 'dumpxml' ? 'virsh-dumpxml' : undefined;
    case 'ps':
      return 'ps-ef';
    case 'netstat':
      return 'netstat-tunlp';
    case 'ss':
      return 'ss-tunlp';
    default:
      if (!/^ip6?tables/.test(name)) return undefined;
      return args.some((a) => a === '--list' || /^-[a-zA-Z]*L[a-zA-Z]*$/.test(a)) ? 'iptables-list' : 'iptables';
  }
}

export type Coverage = Record<'fact' | 'header' | 'blank' | 'noise' | 'unparsed', number>;

export interface CoverageReport {
  counts: Coverage;
  byParser: Record<string, Coverage & { captures: number }>;
  /** Captures whose parser is planned but not registered yet. */
  pending: { file: string; command: string; parser: string }[];
  /** Captures no parser reads and none is planned for, or whose planned parser does not match. */
  missing: { file: string; command: string; reason: string }[];
  /** Unparsed lines as `file:line: reason: text`. */
  unparsed: string[];
}

export function coverage(inputs: CaptureInput[]): CoverageReport {
  const empty = (): Coverage => ({ fact: 0, header: 0, blank: 0, noise: 0, unparsed: 0 });
  const report: CoverageReport = { counts: empty(), byParser: {}, pending: [], missing: [], unparsed: [] };
  for (const input of inputs) {
    const cmd = parseCommandLine(input.command);
    if (input.result.parser === 'none') {
      const planned = expectedParserName(cmd);
      if (planned !== undefined && !parserByName(planned)) report.pending.push({ file: `${input.file}:${input.lineOffset + 1}`, command: input.command, parser: planned });
      else report.missing.push({ file: `${input.file}:${input.lineOffset + 1}`, command: input.command, reason: input.result.unparsed[0]?.reason ?? 'no parser' });
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
