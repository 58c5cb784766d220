// Run the docutils conformance corpus (../shared/rst-corpus) in-process: parse
// every case with our parser and XML writer into a scratch directory, then let
// the corpus' own compare.mjs score those files in one run (its --cmd just
// prints the prepared file, so no Node start-up per case).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRst } from '../../src/rst/index.js';
import { toXml } from '../../src/rst/writers/xml.js';
import { sharedDir } from '../fixture-paths.js';

/** The repository root (dist/test/rst/ → three levels up from the compiled file). */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
}

export function corpusDir(): string {
  return join(sharedDir, 'rst-corpus');
}

export interface CorpusRun {
  /** compare.mjs' whole report (per-category table, structural and conformance lines). */
  report: string;
  conformance: number;
  structural: number;
  /** Cases our parser threw on (the message per case). */
  crashes: Record<string, string>;
}

export function runCorpus(options: { filter?: RegExp; extraArgs?: string[] } = {}): CorpusRun {
  const corpus = corpusDir();
  const cases = join(corpus, 'cases');
  if (!existsSync(join(corpus, 'compare.mjs')) || !existsSync(cases)) {
    throw new Error(`The rST conformance corpus is missing: expected ${corpus}/compare.mjs and ${cases}/ (the shared corpus checkout beside the repository).`);
  }
  const out = mkdtempSync(join(tmpdir(), 'rst-corpus-'));
  const crashes: Record<string, string> = {};
  try {
    for (const name of readdirSync(cases)) {
      if (!name.endsWith('.rst')) continue;
      if (options.filter && !options.filter.test(name)) continue;
      const base = name.slice(0, -4);
      try {
        const { tree } = parseRst(readFileSync(join(cases, name), 'utf8'), { sourceName: 'test data', baseDir: cases, contentRoot: cases, rawEnabled: true });
        writeFileSync(join(out, base + '.xml'), toXml(tree));
      } catch (error) {
        crashes[base] = error instanceof Error ? (error.stack ?? error.message) : String(error);
      }
    }
    // A case we crashed on has no file: `cat` fails and compare.mjs counts a crash.
    const cmd = `cat ${out}/"$(basename {in} .rst)".xml`;
    // The real path: compare.mjs runs only when argv[1] is its own path, which a symlinked shared/ breaks.
    const args = [realpathSync(join(corpus, 'compare.mjs')), '--corpus', cases, '--cmd', cmd, '--jobs', '2', ...(options.extraArgs ?? [])];
    if (options.filter) args.push('--filter', options.filter.source);
    const result = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const report = (result.stdout ?? '') + (result.stderr ?? '');
    const figure = (label: string) => {
      const match = new RegExp(`^${label}: \\d+/\\d+ cases match \\(([\\d.]+)%\\)`, 'm').exec(report);
      return match ? Number(match[1]) : NaN;
    };
    return { report, conformance: figure('conformance'), structural: figure('structural'), crashes };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

// `node dist/test/rst/corpus-run.js [REGEX] [compare.mjs args…]` prints the report.
// (`node --test dist/test/` also runs this file, as a test file: then it does nothing;
// conformance.test.ts runs the corpus, or says why it is skipped.)
if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1]) && process.env['NODE_TEST_CONTEXT'] === undefined) {
  const [filter, ...rest] = process.argv.slice(2);
  const run = runCorpus({ filter: filter ? new RegExp(filter) : undefined, extraArgs: rest });
  process.stdout.write(run.report);
  for (const [name, stack] of Object.entries(run.crashes)) process.stdout.write(`crash ${name}: ${stack.split('\n').slice(0, 3).join(' | ')}\n`);
}
