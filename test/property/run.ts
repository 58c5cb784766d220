// Runs fuzz targets in one worker thread, one after another, with a watchdog: a
// case that never ends, or a heap that grows past the limit, fails its target
// (with the input that did it) instead of hanging or crashing the test process;
// the targets after it are reported as not run.

import { Worker } from 'node:worker_threads';
import type { WorkerData, WorkerResult } from './worker.js';

export interface FuzzOptions {
  seed?: number;
  /** Time bound per case (default 2 s: the inputs are at most a few KB). */
  perCaseMs?: number;
  /** Bound of each target's run; past it the worker is stopped and the target fails as hung. */
  timeoutMs?: number;
  /** The worker's old-generation heap limit, in MB. */
  heapMb?: number;
}

export interface FuzzReport extends WorkerResult {
  /** Set when the worker was stopped (hung, out of memory, crashed) during or before this target. */
  stopped?: string;
}

const BUFFER_BYTES = 1 << 20;

/** A fresh random seed (fast-check's seeds are 32-bit integers). */
export function randomSeed(): number {
  return (Date.now() ^ Math.floor(Math.random() * 0x100000000)) | 0;
}

/** Start the jobs; each target's report arrives through its promise, in job order. */
export function runTargets(jobs: { name: string; runs: number }[], options: FuzzOptions = {}): Map<string, Promise<FuzzReport>> {
  const current = new SharedArrayBuffer(8 + BUFFER_BYTES);
  const seed = options.seed ?? randomSeed();
  const data: WorkerData = { jobs, seed, perCaseMs: options.perCaseMs ?? 2000, current };
  const settle = new Map<string, (r: FuzzReport) => void>();
  const reports = new Map<string, Promise<FuzzReport>>();
  for (const job of jobs) reports.set(job.name, new Promise((resolve) => settle.set(job.name, resolve)));
  const pending = jobs.map((j) => j.name);
  const worker = new Worker(new URL('./worker.js', import.meta.url), {
    workerData: data,
    resourceLimits: { maxOldGenerationSizeMb: options.heapMb ?? 1024 },
  });
  const timeoutMs = options.timeoutMs ?? 600_000;
  let started = Date.now();
  let timer: NodeJS.Timeout;
  const arm = (): void => {
    clearTimeout(timer);
    started = Date.now();
    timer = setTimeout(() => stop(`no result after ${timeoutMs} ms: a case hangs (the input being tried is the counterexample)`), timeoutMs);
  };
  const lastInput = (): string => {
    const length = new Uint32Array(current, 0, 2)[1]!;
    return new TextDecoder().decode(new Uint8Array(current, 8, Math.min(length, BUFFER_BYTES)));
  };
  const stop = (why: string): void => {
    clearTimeout(timer);
    void worker.terminate();
    for (const [k, name] of pending.entries()) {
      const report: FuzzReport = { name, failed: true, numRuns: 0, seed, stopped: why, error: why, slowestMs: 0, slowestLength: 0, ms: k === 0 ? Date.now() - started : 0 };
      if (k === 0) report.counterexample = lastInput();
      else report.error = `not run: the worker was stopped during ${pending[0]} (${why})`;
      settle.get(name)!(report);
    }
    pending.length = 0;
  };
  arm();
  worker.on('message', (result: WorkerResult) => {
    pending.splice(pending.indexOf(result.name), 1);
    settle.get(result.name)!(result);
    if (pending.length === 0) {
      clearTimeout(timer);
      void worker.terminate();
    } else arm();
  });
  worker.on('error', (error) => stop(`the worker failed: ${error.message}`));
  worker.on('exit', (code) => {
    if (pending.length > 0) stop(`the worker exited with code ${code}`);
  });
  return reports;
}

/** A failed report as a readable message: what failed, how to replay it, the input. */
export function describeFailure(r: FuzzReport): string {
  const input = r.counterexample ?? '';
  return [
    `${r.name}: property failed after ${r.numRuns} cases (seed ${r.seed}${r.path ? `, path "${r.path}"` : ''})`,
    r.error ?? '',
    `input (${input.length} characters, JSON): ${JSON.stringify(input.length > 4000 ? input.slice(0, 4000) + '…' : input)}`,
    `replay: npm run fuzz -- --seed ${r.seed} --target ${r.name} --runs ${Math.max(r.numRuns, 1)}`,
  ].join('\n');
}
