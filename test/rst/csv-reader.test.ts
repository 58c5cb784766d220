// The csv-table reader against Python's csv module (which docutils uses):
// test/fixtures/rst-csv/<case>/ holds input.csv, dialect.json (overrides of
// docutils' csv-table dialect) and expected.json, what csv.reader returned
// (each cell split into lines) or the csv.Error message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toSourceLines } from '../../src/rst/source-lines.js';
import { CsvError, DOCUTILS_DIALECT, readCsv } from '../../src/rst/tables/csv.js';
import { repoRoot } from './helpers/compare-xml.js';

const root = join(repoRoot, 'test/fixtures/rst-csv');

for (const name of readdirSync(root).sort()) {
  test(`should read ${name} as Python's csv module does`, () => {
    const input = readFileSync(join(root, name, 'input.csv'), 'utf8').replace(/\n$/, '');
    const dialect = { ...DOCUTILS_DIALECT, ...JSON.parse(readFileSync(join(root, name, 'dialect.json'), 'utf8')) };
    const expected = JSON.parse(readFileSync(join(root, name, 'expected.json'), 'utf8'));
    let actual: unknown;
    try {
      const records = readCsv(toSourceLines(input, 'input.csv'), dialect);
      actual = { rows: records.map((record) => record.map((field) => field.map((line) => line.text))) };
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      actual = { error: error.message };
    }
    assert.deepEqual(actual, expected);
  });
}

test('should place each field line at its first character in the source', () => {
  const text = 'a, "multi\nline",  z';
  const [record] = readCsv(toSourceLines(text, 'input.csv'), DOCUTILS_DIALECT);
  const places = record!.flat().map((line) => [line.text, line.line, line.column, line.offset]);
  assert.deepEqual(places, [
    ['a', 1, 1, 0],
    ['multi', 1, 5, 4],
    ['line', 2, 1, 10],
    ['z', 2, 9, 18],
  ]);
});
