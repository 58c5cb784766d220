// Fixture folders test/fixtures/rst/html-*/: input.rst through the whole
// pipeline (parse, transforms, hast, highlighting) gives expected.html.
// Regenerate one after a reviewed change with UPDATE_FIXTURES=1.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { renderGuide as rstToHtml } from '../../src/pipeline.js';
import { repoRoot } from './helpers/compare-xml.js';

const fixtures = join(repoRoot, 'test/fixtures/rst');
const cases = readdirSync(fixtures).filter((name) => name.startsWith('html-'));

for (const name of cases) {
  test(`should render ${name} as expected.html`, async () => {
    const folder = join(fixtures, name);
    const input = readFileSync(join(folder, 'input.rst'), 'utf8');
    const { html, diagnostics } = await rstToHtml(input, {
      path: 'input.rst',
      parse: { sourceName: 'input.rst', baseDir: folder, contentRoot: folder },
      html: { imageBase: folder },
    });
    const actual = `${html}\n<!-- diagnostics\n${diagnostics.map((d) => `${d.line ?? 1}:${d.column ?? 1}: ${d.severity}: ${d.message}`).join('\n')}\n-->\n`;
    const expectedPath = join(folder, 'expected.html');
    if (process.env.UPDATE_FIXTURES === '1' || !existsSync(expectedPath)) writeFileSync(expectedPath, actual);
    assert.equal(actual, readFileSync(expectedPath, 'utf8'));
  });
}
