// The copies in test/fixtures of what ../shared holds (the capture-lab
// samples, the docutils comparer, the seed guide) are the same bytes as their
// originals, when those are beside the checkout; each fixture folder's README
// says how to refresh it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { labSamples, needsShared, seedGuide, sharedDir, xmlComparer } from '../fixture-paths.js';

function files(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(root, path));
    }
  };
  walk(root);
  return out;
}

test('the vendored capture-lab samples are ../shared/capture-lab/samples, byte for byte', { skip: needsShared('capture-lab/samples', 'this comparison') }, () => {
  const original = join(sharedDir, 'capture-lab/samples');
  const ours = files(labSamples).filter((f) => f !== 'README.md');
  assert.deepEqual(ours, files(original), 'the same files (refresh: see test/fixtures/lab-samples/README.md)');
  for (const f of ours) assert.ok(readFileSync(join(labSamples, f)).equals(readFileSync(join(original, f))), `${f} differs from the shared copy`);
});

test('the vendored comparer is ../shared/rst-corpus/compare.mjs', { skip: needsShared('rst-corpus/compare.mjs', 'this comparison') }, () => {
  assert.ok(readFileSync(xmlComparer).equals(readFileSync(join(sharedDir, 'rst-corpus/compare.mjs'))), 'refresh: see test/fixtures/rst-corpus-compare/README.md');
});

test('the vendored seed guide is ../shared/seed/local.rst', { skip: needsShared('seed/local.rst', 'this comparison') }, () => {
  assert.ok(readFileSync(seedGuide).equals(readFileSync(join(sharedDir, 'seed/local.rst'))), 'refresh: see test/fixtures/seed/README.md');
});
