// `npm run bench`: figures and ratios in one run, printed, never pass/fail.
// Every figure is a whole process as a user runs it (scripts/bench-process.ts:
// timed from outside, start to exit, reading and writing included; median of
// --runs, paired and alternated with its yardstick; peak memory), with the
// same work done warm inside one process as a second column. Sections:
//   rst       netguide rst2xml / rst2html vs docutils on real documentation (bench-rst.ts)
//   captures  netguide parse vs OVS's flow parser and jc on large captures (bench-captures.ts)
//   site      netguide build vs Sphinx: the seed, N guides, a rebuild, a generated cloud at several sizes (bench-site.ts)
//   extras    the older warm micro-benchmarks (throughput, linear-time cases)
//
// Options: --only rst,captures,site,extras  --runs N (default 5)  --full (rst2html at 4× too)
//          --guides N (default 50)  --cloud A,B,… (default 2,20,200 hosts: the small ones show the growth when the big ones are stopped)  --timeout S (one cloud run, default 300)
//          --quick: a short run (--runs 1 --guides 10 --cloud 2,10 --timeout 120 unless given)
//          --baseline DIR (also time DIR's dist/src/cli.js, e.g. /work/main: a before/after in the same run)
//          --v8-defaults (also time netguide with V8's default tiers: NETGUIDE_V8_DEFAULTS=1)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TABLE_HEADER, type Row, loadText, machineText, otherLines, rowCells, table } from './bench-process.js';
import { benchRst } from './bench-rst.js';
import { benchCaptures } from './bench-captures.js';
import { benchSite } from './bench-site.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const cli = join(repo, 'dist/src/cli.js');
const args = process.argv.slice(2);
const value = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const only = new Set((value('--only') ?? 'rst,captures,site').split(','));
const quick = args.includes('--quick');
const runs = Math.max(1, Number(value('--runs') ?? (quick ? 1 : 5)));
const log = (s: string) => process.stderr.write(s);

const variants: { label: string; cli: string; env?: Record<string, string> }[] = [];
const baseline = value('--baseline');
if (baseline) {
  const other = join(resolve(baseline), 'dist/src/cli.js');
  if (existsSync(other)) variants.push({ label: `baseline ${baseline}`, cli: other });
  else console.log(`(--baseline: no ${other}; run npm run compile there first)`);
}
if (args.includes('--v8-defaults')) variants.push({ label: 'netguide, V8 default tiers', cli, env: { NETGUIDE_V8_DEFAULTS: '1' } });

for (const line of machineText()) console.log(line);
console.log(`${quick ? 'quick run (--quick): ' : ''}runs: ${runs} timed, paired and alternated with the yardstick, after one untimed round; the machine is shared, so look at the spread`);
if (!existsSync(join(repo, 'dist/bundle/program.mjs'))) console.log('note: no dist/bundle/ (run `npm run compile`): netguide runs unbundled, slower to start');

const rows: Row[] = [];
const notes: string[] = [];
const started = Date.now();
const section = (name: string, run: () => { rows: Row[]; notes: string[] }) => {
  if (!only.has(name)) return;
  log(`\n## ${name}\n`);
  const result = run();
  rows.push(...result.rows);
  notes.push(...result.notes, `${name}: ${loadText()} (end of section)`);
  print(result.rows, result.notes);
};

function print(list: Row[], extra: string[]): void {
  console.log('\n' + table(TABLE_HEADER, list.map(rowCells)));
  for (const r of list) for (const line of otherLines(r)) console.log(line);
  for (const r of list) if (r.note && r.pairing) console.log(`  ${r.case}: ${r.note}`);
  for (const n of extra) console.log(`- ${n}`);
}

section('rst', () => benchRst({ runs, full: args.includes('--full'), cli, here, variants, log }));
section('captures', () => benchCaptures({ runs, cli, here, variants, log }));
section('site', () => {
  const cloud = (value('--cloud') ?? (quick ? '2,10' : '2,20,200')).split(',').map(Number);
  return benchSite({ runs, cli, here, repo, guides: Number(value('--guides') ?? (quick ? 10 : 50)), cloud, timeout: Number(value('--timeout') ?? (quick ? 120 : 300)), log });
});

if (rows.length > 0) {
  console.log(`\n# All rows (${((Date.now() - started) / 60000).toFixed(1)} min)`);
  for (const line of machineText()) console.log(line);
  print(rows, []);
}

if (only.has('extras')) {
  for (const script of ['bench-rst-warm.js', 'bench-inline.js', '../src/captures/bench/ip-link.js', 'bench-capture-front-door.js']) {
    console.log(`\n## warm in-process: ${script}`);
    spawnSync(process.execPath, ['--expose-gc', join(here, script)], { stdio: 'inherit' });
  }
}
