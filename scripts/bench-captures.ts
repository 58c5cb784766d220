// The capture rows of `npm run bench`: `netguide parse` of large generated
// captures (scripts/generate-captures.ts: realistic dumps, their facts
// consistent), whole processes writing their JSON to a file, against:
//  - Open vSwitch's own Python flow parser (Debian's python3-openvswitch,
//    `ovs.flow.ofp`) for `ovs-ofctl dump-flows`, through
//    scripts/bench-ovs-flows.py, which also writes every flow as JSON;
//  - jc for the rest: `jc --ps` reads `ps -ef`; jc 1.22 has no `ip link` and no
//    iptables-save parser, so the closest are `jc --ifconfig` on `ifconfig -a`
//    of the same interfaces and `jc --iptables` on `iptables -L -n -v` of the
//    same rules (netguide also parses that listing: the like-for-like row).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Command, type Row, failures, netguideArgv, paired, warmFigure } from './bench-process.js';
import { BENCH_SIZES, generateCaptures } from './generate-captures.js';

export interface CaptureOptions {
  runs: number;
  cli: string;
  here: string;
  variants: { label: string; cli: string; env?: Record<string, string> }[];
  log: (s: string) => void;
}

function works(argv: string[]): boolean {
  return spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8' }).status === 0;
}

export function benchCaptures(options: CaptureOptions): { rows: Row[]; notes: string[] } {
  const rows: Row[] = [];
  const notes: string[] = [];
  const scratch = mkdtempSync(join(tmpdir(), 'netguide-bench-captures-'));
  try {
    options.log('  generating captures …\n');
    const made = generateCaptures(scratch, BENCH_SIZES);
    const ovs = works(['/usr/bin/python3', '-c', 'import ovs.flow.ofp']);
    const jc = works(['jc', '--version']);
    if (!ovs) notes.push("OVS flow parser: `/usr/bin/python3 -c 'import ovs.flow.ofp'` failed (apt-get install python3-openvswitch): dump-flows has no yardstick");
    if (!jc) notes.push('jc: not found (apt-get install jc): those rows have no yardstick');
    else notes.push(`jc: ${spawnSync('jc', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0]?.trim()}`);
    const path = (kind: string, bare = false) => join(scratch, bare ? made[kind]!.bare : made[kind]!.file);
    const size = (kind: string) => `${(statSync(path(kind)).size / 1e6).toFixed(1)} MB`;
    const cases: { case: string; kind: string; anchor?: Command; anchorInput?: string }[] = [
      { case: 'parse ovs-ofctl dump-flows', kind: 'flows', ...(ovs ? { anchor: { label: 'OVS ovs.flow.ofp', argv: ['/usr/bin/python3', join(options.here, '../../scripts/bench-ovs-flows.py'), path('flows', true)] } } : {}) },
      { case: 'parse ip link', kind: 'ip-link', ...(jc ? { anchor: { label: 'jc --ifconfig', argv: ['jc', '--ifconfig'], stdin: path('ifconfig', true) }, anchorInput: `ifconfig -a of the same, ${size('ifconfig')}` } : {}) },
      { case: 'parse iptables-save', kind: 'iptables-save', ...(jc ? { anchor: { label: 'jc --iptables', argv: ['jc', '--iptables'], stdin: path('iptables-list', true) }, anchorInput: `iptables -L -n -v of the same, ${size('iptables-list')}` } : {}) },
      { case: 'parse iptables -L -n -v', kind: 'iptables-list', ...(jc ? { anchor: { label: 'jc --iptables', argv: ['jc', '--iptables'], stdin: path('iptables-list', true) } } : {}) },
      { case: 'parse ps -ef', kind: 'ps', ...(jc ? { anchor: { label: 'jc --ps', argv: ['jc', '--ps'], stdin: path('ps', true) } } : {}) },
    ];
    for (const c of cases) {
      const ours: Command = { label: 'netguide parse', argv: [...netguideArgv(options.cli), 'parse', path(c.kind)] };
      const variants = options.variants.map((v) => ({ label: v.label, argv: [...netguideArgv(v.cli), 'parse', path(c.kind)], ...(v.env ? { env: v.env } : {}) }));
      const input = `${made[c.kind]!.what}, ${size(c.kind)}`;
      options.log(`  ${c.case} (${input}) `);
      const pairing = paired(ours, c.anchor, options.runs, variants, options.log);
      options.log('\n');
      const warm = warmFigure(options.here, 'parse', path(c.kind));
      const failed = [failures(pairing.ours), pairing.anchor ? failures(pairing.anchor) : undefined].filter(Boolean);
      rows.push({ section: 'captures', case: c.case, input, pairing, warm, ...(failed.length ? { note: failed.join('; ') } : {}) });
      if (c.anchorInput) notes.push(`${c.case}: the yardstick reads ${c.anchorInput}`);
      const out = pairing.ours.runs[0]?.outBytes ?? 0;
      notes.push(`${c.case}: netguide wrote ${(out / 1e6).toFixed(1)} MB of JSON${pairing.anchor ? `, ${pairing.anchor.command.label} ${((pairing.anchor.runs[0]?.outBytes ?? 0) / 1e6).toFixed(1)} MB` : ''}`);
    }
    return { rows, notes };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
