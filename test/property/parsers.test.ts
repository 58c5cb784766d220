// Property-based tests (fast-check) of every capture parser and the rst parser,
// a short count per target (`npm run fuzz` runs 100,000): mutated real inputs,
// line soups and arbitrary text never make a parser throw, hang (a time bound
// per case) or lose a line; rst positions lie inside the input. Targets and
// properties: targets.ts; they run in one worker thread with a watchdog (run.ts).
// The seed is fixed so CI is repeatable (FUZZ_SEED and FUZZ_RUNS change it);
// a failure prints the input and how to replay it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fuzzTargetNames } from './targets.js';
import { describeFailure, runTargets } from './run.js';

const seed = Number(process.env['FUZZ_SEED'] ?? 20240611);
const scale = Number(process.env['FUZZ_RUNS'] ?? 1);
/** Cases per target in CI: the whole file stays well under 30 s on a busy 2-core machine. */
const RUNS: Record<string, number> = { rst: 400, 'rst-html': 60 };
const DEFAULT_RUNS = 200;

const jobs = fuzzTargetNames().map((name) => ({ name, runs: Math.max(1, Math.round((RUNS[name] ?? DEFAULT_RUNS) * scale)) }));
const reports = runTargets(jobs, { seed, perCaseMs: 5000, timeoutMs: 120_000 });

for (const { name, runs } of jobs) {
  test(`${name}: ${runs} mutated and arbitrary inputs never throw, hang or lose a line`, async (t) => {
    const report = await reports.get(name)!;
    t.diagnostic(`${name}: ${report.numRuns} cases in ${report.ms} ms, slowest ${report.slowestMs.toFixed(1)} ms (${report.slowestLength} characters)`);
    assert.ok(!report.failed, describeFailure(report));
    assert.equal(report.numRuns, runs);
  });
}
