import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { caseInput, caseNames, expectedSubset, explained, fixturesDir, repoRoot } from './fixture-cases.js';

// Inputs are read by a path relative to the repository root, as a person runs
// the CLI, so evidence file names in expected.json do not depend on the machine.
for (const name of caseNames()) {
  test(`topology fixture ${name}: findings, explanations and walks as expected.json`, () => {
    const cwd = process.cwd();
    process.chdir(repoRoot);
    try {
      const actual = expectedSubset(explained([relative(repoRoot, caseInput(name))]));
      const expected = JSON.parse(readFileSync(join(fixturesDir, name, 'expected.json'), 'utf8'));
      assert.deepEqual(actual, expected);
    } finally {
      process.chdir(cwd);
    }
  });
}
