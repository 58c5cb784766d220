// Fixture folders for the table parsers and the table, image and body
// directives: test/fixtures/rst/<case>/input.rst and expected.xml, docutils
// 0.19's untransformed tree of it (scripts/make-parser-fixtures.py), compared
// with the shared corpus comparer (ids as a link graph, positions ignored).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseRst } from '../../src/rst/index.js';
import { toXml } from '../../src/rst/writers/xml.js';
import { compareXml, repoRoot } from './helpers/compare-xml.js';

const fixtures = join(repoRoot, 'test/fixtures/rst');
const PREFIXES = ['table-', 'csv-table-', 'list-table-', 'figure-', 'image-', 'body-'];
const cases = readdirSync(fixtures).filter((name) => PREFIXES.some((prefix) => name.startsWith(prefix)));

test('should have table and body directive fixtures', () => {
  assert.ok(cases.length >= 10, `found ${cases.length}`);
});

for (const name of cases) {
  test(`should parse ${name} as docutils does`, () => {
    const folder = join(fixtures, name);
    const input = join(folder, 'input.rst');
    const { tree } = parseRst(readFileSync(input, 'utf8'), { sourceName: input, baseDir: folder, contentRoot: folder });
    const diff = compareXml(join(folder, 'expected.xml'), toXml(tree));
    assert.equal(diff, undefined, diff);
  });
}
