// Conformance with docutils 0.19 on the shared corpus (../shared/rst-corpus,
// 690 parser test inputs with docutils' own XML): our parser and XML writer
// run in-process on every case, the corpus' compare.mjs scores the result.
// The floors are what the team reached; a change that loses a case fails here.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderGuide as rstToHtml } from '../../src/pipeline.js';
import { corpusDir, runCorpus } from './corpus-run.js';
import { needsShared } from '../fixture-paths.js';

/** The corpus is 690 cases (5.5 MB) kept beside the repository, not in it. */
const skip = needsShared('rst-corpus/cases', 'the docutils conformance corpus');

/** Percentage of cases that must match exactly (ids as a link graph, messages by type/level). */
const CONFORMANCE_FLOOR = 100;
/** Percentage of cases whose element tree must match. */
const STRUCTURAL_FLOOR = 100;

test('should match docutils on the conformance corpus', { timeout: 300_000, skip }, () => {
  const run = runCorpus();
  const crashed = Object.keys(run.crashes);
  assert.deepEqual(crashed, [], `the parser threw on: ${crashed.join(', ')}\n${Object.values(run.crashes)[0] ?? ''}`);
  assert.ok(!Number.isNaN(run.conformance), `compare.mjs gave no conformance line:\n${run.report}`);
  assert.ok(run.structural >= STRUCTURAL_FLOOR, `structural ${run.structural}% < ${STRUCTURAL_FLOOR}%\n${run.report}`);
  assert.ok(run.conformance >= CONFORMANCE_FLOOR, `conformance ${run.conformance}% < ${CONFORMANCE_FLOOR}%\n${run.report}`);
});

test('should turn every corpus case into HTML (transforms, hast, highlighting) without throwing', { timeout: 300_000, skip }, async () => {
  const cases = join(corpusDir(), 'cases');
  const names = readdirSync(cases).filter((name) => name.endsWith('.rst')).sort();
  assert.ok(names.length >= 690, `${names.length} cases`);
  const crashed: string[] = [];
  for (const name of names) {
    try {
      const { html } = await rstToHtml(readFileSync(join(cases, name), 'utf8'), { path: join(cases, name), parse: { baseDir: cases, contentRoot: cases } });
      assert.equal(typeof html, 'string');
    } catch (error) {
      crashed.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  assert.deepEqual(crashed, []);
});
