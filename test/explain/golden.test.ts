// The rendered prose of whole guides kept as golden files, one per language:
// `netguide explain`'s text of the seed (a copy under test/fixtures/seed) and
// of a two-host GRE bundle. A re-worded catalog entry or a changed rule shows
// here as a diff to review; `UPDATE_FIXTURES=1 node --test dist/test/explain/`
// rewrites them. Every message is in both catalogs (none said in the other
// language) and no placeholder is left unfilled.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { explainText } from '../../src/cli/explain.js';
import { forgetMissingMessages, missingMessages } from '../../src/i18n/messages.js';
import { explained, repoRoot } from '../topology/fixture-cases.js';

const golden = join(repoRoot, 'test/fixtures/golden');
const cases = [
  { name: 'seed', input: 'test/fixtures/seed/local/local.rst' },
  { name: 'gre-two-vms', input: 'test/fixtures/topology/gre-two-vms/bundle' },
];

for (const { name, input } of cases) {
  for (const lang of ['zh', 'en'] as const) {
    test(`should explain ${name} in ${lang} as test/fixtures/golden/${name}-explain.${lang}.txt`, () => {
      const cwd = process.cwd();
      process.chdir(repoRoot);
      try {
        forgetMissingMessages();
        const text = explainText(explained([input]), lang);
        assert.deepEqual([...missingMessages()].map(([l, ids]) => `${l}: ${[...ids].join(', ')}`), [], 'messages missing from a catalog');
        assert.doesNotMatch(text, /\{[A-Za-z_][A-Za-z0-9_]*(?::capital)?(?:\|[^}]*)?\}/, 'a placeholder left unfilled');
        const file = join(golden, `${name}-explain.${lang}.txt`);
        if (process.env['UPDATE_FIXTURES'] === '1' || !existsSync(file)) {
          mkdirSync(golden, { recursive: true });
          writeFileSync(file, text);
          if (process.env['UPDATE_FIXTURES'] !== '1') assert.fail(`wrote missing ${file}; review it and run again`);
          return;
        }
        assert.equal(text, readFileSync(file, 'utf8'));
      } finally {
        process.chdir(cwd);
      }
    });
  }
}
