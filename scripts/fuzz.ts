// `npm run fuzz`: the property tests of test/property at full strength —
// 100,000 cases per target (every capture parser of the registry, the rst
// parser, rst → HTML), fresh random seed, the targets spread over worker
// threads — and the pathological inputs at full size (scripts/pathological.ts).
// Prints the cases run per target; exits non-zero when a property fails,
// printing the input and how to replay it.
//
//   npm run fuzz -- [--runs N] [--target NAME[,NAME…]] [--seed S] [--jobs J] [--per-case-ms MS] [--no-pathological] [--slowest]

import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fuzzTargetNames } from '../test/property/targets.js';
import { describeFailure, randomSeed, runTargets, type FuzzReport } from '../test/property/run.js';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const runs = Number(option('runs') ?? process.env['FUZZ_RUNS'] ?? 100_000);
const seed = Number(option('seed') ?? process.env['FUZZ_SEED'] ?? randomSeed());
const jobs = Math.max(1, Number(option('jobs') ?? Math.min(2, cpus().length)));
const perCaseMs = Number(option('per-case-ms') ?? 5000);
const wanted = option('target')?.split(',');
const names = wanted ?? fuzzTargetNames();
for (const name of names) if (!fuzzTargetNames().includes(name)) throw new Error(`no target ${name}: ${fuzzTargetNames().join(', ')}`);

console.log(`fuzz: ${runs} cases per target, ${names.length} targets, seed ${seed}, ${jobs} worker(s), ${perCaseMs} ms per case at most`);
const started = Date.now();
// round-robin over the workers: each runs its share one target after another
const reports: Promise<FuzzReport>[] = [];
for (let w = 0; w < jobs; w++) {
  const share = names.filter((_, i) => i % jobs === w).map((name) => ({ name, runs }));
  if (share.length === 0) continue;
  const started = runTargets(share, { seed, perCaseMs, timeoutMs: 6 * 3600_000, heapMb: 2048 });
  for (const job of share) {
    const report = started.get(job.name)!;
    reports.push(report);
    void report.then((r) => {
      const status = r.failed ? 'FAILED' : 'ok';
      console.log(`${r.name.padEnd(22)} ${String(r.numRuns).padStart(7)} cases  ${(r.ms / 1000).toFixed(1).padStart(7)} s  slowest ${r.slowestMs.toFixed(1).padStart(7)} ms (${r.slowestLength} chars)  ${status}`);
    });
  }
}
const all = await Promise.all(reports);
const failed = all.filter((r) => r.failed);
const total = all.reduce((sum, r) => sum + r.numRuns, 0);
console.log(`\nfuzz: ${total} cases over ${all.length} targets in ${((Date.now() - started) / 1000).toFixed(0)} s; ${failed.length} failed`);
console.log('cases per target: ' + all.map((r) => `${r.name} ${r.numRuns}`).join(', '));
for (const r of failed) console.log('\n' + describeFailure(r));
if (process.argv.includes('--slowest')) for (const r of all) console.log(`\nslowest ${r.name} (${r.slowestMs.toFixed(1)} ms): ${JSON.stringify(r.slowestInput)}`);

let pathological = 0;
if (!process.argv.includes('--no-pathological') && wanted === undefined) {
  console.log('\n## pathological inputs at full size (scripts/pathological.ts)');
  const script = join(dirname(fileURLToPath(import.meta.url)), 'pathological.js');
  pathological = spawnSync(process.execPath, [script, '--full'], { stdio: 'inherit' }).status ?? 1;
}
process.exitCode = failed.length > 0 || pathological !== 0 ? 1 : 0;
