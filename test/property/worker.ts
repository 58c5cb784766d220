// Fuzz targets run inside a worker thread (see run.ts), one after another:
// fast-check runs each target's property for the asked number of cases and the
// worker posts one result per target. Before each case the input is copied
// into a shared buffer, so that when a case hangs or exhausts the worker's
// heap the main thread can still say which input did it.

import fc from 'fast-check';
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { fuzzTarget } from './targets.js';

export interface WorkerData {
  /** Targets and their case counts, run in this order. */
  jobs: { name: string; runs: number }[];
  seed: number;
  /** A case that takes longer than this fails (a time bound per case). */
  perCaseMs: number;
  /** Uint32 [job index, input length], then the current input as UTF-8 (cut to the buffer). */
  current: SharedArrayBuffer;
}

export interface WorkerResult {
  name: string;
  failed: boolean;
  numRuns: number;
  seed: number;
  /** fast-check's replay path of the failing case. */
  path?: string;
  counterexample?: string;
  error?: string;
  /** The slowest case: its time, its input's length and (its first 2,000 characters) the input. */
  slowestMs: number;
  slowestLength: number;
  slowestInput?: string;
  ms: number;
}

async function runJob(name: string, runs: number, data: WorkerData, index: number): Promise<WorkerResult> {
  const started = performance.now();
  const header = new Uint32Array(data.current, 0, 2);
  const bytes = new Uint8Array(data.current, 8);
  const encoder = new TextEncoder();
  header[0] = index;
  header[1] = 0;
  let slowestMs = 0;
  let slowestLength = 0;
  let slowestInput = '';
  const remember = (input: string): void => {
    header[1] = encoder.encodeInto(input, bytes).written;
  };
  const timed = (input: string, ms: number): void => {
    if (ms > slowestMs) {
      slowestMs = ms;
      slowestLength = input.length;
      slowestInput = input.slice(0, 2000);
    }
    if (ms > data.perCaseMs) throw new Error(`took ${Math.round(ms)} ms (bound: ${data.perCaseMs} ms) on ${input.length} characters`);
  };
  const target = fuzzTarget(name);
  const arbitrary = target.input();
  const property = target.async
    ? fc.asyncProperty(arbitrary, async (input) => {
        remember(input);
        const t0 = performance.now();
        await target.check(input);
        timed(input, performance.now() - t0);
      })
    : fc.property(arbitrary, (input) => {
        remember(input);
        const t0 = performance.now();
        target.check(input);
        timed(input, performance.now() - t0);
      });
  const details = await fc.check(property as fc.IAsyncProperty<[string]>, { numRuns: runs, seed: data.seed });
  const result: WorkerResult = { name, failed: details.failed, numRuns: details.numRuns, seed: details.seed, slowestMs, slowestLength, slowestInput, ms: 0 };
  if (details.failed) {
    if (details.counterexamplePath) result.path = details.counterexamplePath;
    if (details.counterexample) result.counterexample = details.counterexample[0];
    const error = details.errorInstance;
    result.error = error instanceof Error ? (error.stack ?? error.message) : String(error);
  }
  result.ms = Math.round(performance.now() - started);
  return result;
}

if (parentPort) {
  const port = parentPort;
  const data = workerData as WorkerData;
  void (async () => {
    for (const [index, job] of data.jobs.entries()) {
      try {
        port.postMessage(await runJob(job.name, job.runs, data, index));
      } catch (error) {
        port.postMessage({ name: job.name, failed: true, numRuns: 0, seed: data.seed, error: error instanceof Error ? (error.stack ?? error.message) : String(error), slowestMs: 0, slowestLength: 0, ms: 0 } satisfies WorkerResult);
      }
    }
  })();
}
