// The grid and simple table parsers against docutils 0.19's own table
// parsers: each folder test/fixtures/rst-tables/<case>/ holds a table block
// (input.txt; `grid-*` or `simple-*`) and expected.json, the structure
// docutils.parsers.rst.tableparser returned for it (column widths, head and
// body rows of [morerows, morecols, offset, lines] or null), or its
// TableMarkupError message and offset.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toSourceLines } from '../../src/rst/source-lines.js';
import {
  parseGridStructure,
  parseSimpleStructure,
  TableMarkupError,
  toTableLine,
  type TableRow,
  type TableStructure,
} from '../../src/rst/tables/index.js';
import { stripColumns } from '../../src/rst/tables/table-line.js';

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

const root = join(repoRoot(), 'test/fixtures/rst-tables');

function parseFixture(name: string, input: string): TableStructure {
  const lines = toSourceLines(input.replace(/\n$/, ''), `${name}/input.txt`).map(toTableLine);
  return name.startsWith('grid-') ? parseGridStructure(lines.map(stripColumns)) : parseSimpleStructure(lines);
}

function rowsAsDocutils(rows: TableRow[]) {
  return rows.map((row) =>
    row.map((cell) => (cell ? [cell.morerows, cell.morecols, cell.offset, cell.lines.map((l) => l.text)] : null)),
  );
}

for (const name of readdirSync(root).sort()) {
  const input = readFileSync(join(root, name, 'input.txt'), 'utf8');
  const expected = JSON.parse(readFileSync(join(root, name, 'expected.json'), 'utf8'));

  test(`should parse table ${name} as docutils does`, () => {
    let actual: unknown;
    try {
      const structure = parseFixture(name, input);
      actual = {
        colwidths: structure.colwidths,
        head: rowsAsDocutils(structure.headRows),
        body: rowsAsDocutils(structure.bodyRows),
      };
    } catch (error) {
      if (!(error instanceof TableMarkupError)) throw error;
      actual = { error: error.message, offset: error.offset };
    }
    assert.deepEqual(actual, expected);
  });

  if (!('error' in expected)) {
    test(`should give every cell line of ${name} its exact place in the source`, () => {
      const sourceLines = input.split('\n');
      const structure = parseFixture(name, input);
      for (const row of [...structure.headRows, ...structure.bodyRows]) {
        for (const cell of row) {
          for (const line of cell?.lines ?? []) {
            const original = sourceLines[line.line - 1]!;
            assert.equal(original.slice(line.column - 1, line.column - 1 + line.text.length), line.text);
            assert.equal(line.offset, sourceLines.slice(0, line.line - 1).join('\n').length + (line.line > 1 ? 1 : 0) + line.column - 1);
          }
        }
      }
    });
  }
}
