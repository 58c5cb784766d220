import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { caseInput, caseNames, expectedSubset, explained, fixturesDir, repoRoot } from './fixture-cases.js';

// Inputs are read by a path relative to the repository root, as a person runs
// the CLI, so evidence file names in expected.json do not depend on the machine.
// `UPDATE_FIXTURES=1 node --test dist/test/topology/` rewrites expected.json
// (review the diff); a missing one is written and the test fails once.
for (const name of caseNames()) {
  test(`topology fixture ${name}: findings, explanations and walks as expected.json`, () => {
    const cwd = process.cwd();
    process.chdir(repoRoot);
    try {
      const actual = JSON.parse(JSON.stringify(expectedSubset(explained([relative(repoRoot, caseInput(name))])))) as unknown;
      const expectedPath = join(fixturesDir, name, 'expected.json');
      if (process.env['UPDATE_FIXTURES'] === '1' || !existsSync(expectedPath)) {
        writeFileSync(expectedPath, JSON.stringify(actual, null, 2) + '\n');
        if (process.env['UPDATE_FIXTURES'] !== '1') assert.fail(`wrote missing ${expectedPath}; review it and run again`);
        return;
      }
      assert.deepEqual(actual, JSON.parse(readFileSync(expectedPath, 'utf8')));
    } finally {
      process.chdir(cwd);
    }
  });
}
