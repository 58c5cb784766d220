// Fixture folders test/fixtures/rst/transform-*/: input.xml is docutils' own
// untransformed tree of input.rst, expected.xml its tree after docutils'
// standard transforms (scripts/make-transform-fixtures.py). Our transforms
// run on the first and must give the second.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { applyTransforms } from '../../src/rst/transforms/index.js';
import { toXml } from '../../src/rst/writers/xml.js';
import { compareXml, repoRoot } from './helpers/compare-xml.js';
import { loadDocutilsXml } from './helpers/docutils-xml.js';

const fixtures = join(repoRoot, 'test/fixtures/rst');
const cases = readdirSync(fixtures).filter((name) => name.startsWith('transform-'));

test('should have transform fixtures', () => {
  assert.ok(cases.length >= 5, `found ${cases.length}`);
});

for (const name of cases) {
  test(`should transform ${name} as docutils does`, () => {
    const folder = join(fixtures, name);
    const document = loadDocutilsXml(readFileSync(join(folder, 'input.xml'), 'utf8'));
    applyTransforms(document, { sourceText: readFileSync(join(folder, 'input.rst'), 'utf8') });
    const diff = compareXml(join(folder, 'expected.xml'), toXml(document.root));
    assert.equal(diff, undefined, diff);
  });
}
