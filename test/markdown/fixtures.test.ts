// The Markdown reader on fixture folders, one test per construct:
//
//   test/fixtures/markdown/<case>/input.md         the input
//   test/fixtures/markdown/<case>/expected.xml     the docutils tree it must give (rst2xml's dialect)
//   test/fixtures/markdown/<case>/equivalent.rst   optional: RST that must give the same tree
//                                                  (source and message lines aside)
//
// expected.xml is written by `UPDATE_FIXTURES=1 node --test dist/test/markdown/`
// and reviewed by hand: docutils has no Markdown reader to make it.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseMarkdown } from '../../src/markdown/index.js';
import { parseRst } from '../../src/rst/index.js';
import { toXml } from '../../src/rst/writers/xml.js';
import { repoRoot } from '../topology/fixture-cases.js';

const root = join(repoRoot, 'test/fixtures/markdown');
const cases = readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

/**
 * The XML of two readers compared as trees: the source's name and a message's
 * line are where each reader wrote them, and RST's note on a list not
 * starting at 1 is about RST's syntax (Markdown lists start anywhere).
 */
const comparable = (xml: string) =>
  xml
    .replace(/ source="[^"]*"/g, '')
    .replace(/ line="\d+"/g, '')
    .replace(/ *<system_message level="1" type="INFO">\n *<paragraph>Enumerated list start value not ordinal-1[^<]*<\/paragraph>\n *<\/system_message>\n/g, '');

test('should find the Markdown fixture folders', () => {
  assert.ok(cases.length >= 10, `only ${cases.length} cases under ${root}`);
});

for (const name of cases) {
  const folder = join(root, name);
  const input = readFileSync(join(folder, 'input.md'), 'utf8');
  const actual = toXml(parseMarkdown(input, { sourceName: 'test data' }).tree);

  test(`should read ${name} into the expected docutils tree`, () => {
    const expectedPath = join(folder, 'expected.xml');
    if (process.env.UPDATE_FIXTURES === '1' || !existsSync(expectedPath)) writeFileSync(expectedPath, actual);
    assert.equal(actual, readFileSync(expectedPath, 'utf8'));
  });

  if (existsSync(join(folder, 'equivalent.rst'))) {
    test(`should read ${name} into the tree the RST reader makes of its RST twin`, () => {
      const rst = readFileSync(join(folder, 'equivalent.rst'), 'utf8');
      const fromRst = toXml(parseRst(rst, { sourceName: 'test data', baseDir: folder, contentRoot: folder }).tree);
      assert.equal(comparable(actual), comparable(fromRst));
    });
  }
}
