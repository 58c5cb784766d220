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
import { Document } from '../../src/rst/document.js';
import { parseGridTable, parseSimpleTable } from '../../src/rst/tables/index.js';
import type { RstElement } from '../../src/rst/nodes.js';
import type { SourceLine } from '../../src/rst/source-lines.js';

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

// The block parser's entry points: isolation, consumed lines, messages.

function recordingContext() {
  const document = new Document({ sourceName: 'table.rst' });
  const cells: { lines: readonly SourceLine[]; into: RstElement }[] = [];
  return { document, cells, nestedParse: (lines: readonly SourceLine[], into: RstElement) => void cells.push({ lines, into }) };
}

test('should hand each non-empty cell to nestedParse with its entry already in the tree', () => {
  const context = recordingContext();
  const lines = toSourceLines('+---+---+\n| a |   |\n+---+---+\n\nafter', 'table.rst');
  const result = parseGridTable(lines, context);
  assert.equal(result.consumed, 3);
  assert.equal(result.blankFinish, true);
  assert.deepEqual(result.nodes.map((node) => node.type), ['table']);
  assert.equal(context.cells.length, 1, 'the empty cell is not parsed');
  assert.deepEqual(context.cells[0]!.lines.map((line) => [line.text, line.line, line.column]), [['a', 2, 3]]);
  const entries: RstElement[] = [];
  const walk = (node: RstElement) => {
    if (node.type === 'entry') entries.push(node);
    for (const child of node.children) if (child.type !== 'text') walk(child as RstElement);
  };
  walk(result.nodes[0]!);
  assert.equal(context.cells[0]!.into, entries[0]);
});

test('should back up after a grid table whose bottom border is found early, as docutils 0.19 does', () => {
  const context = recordingContext();
  const lines = toSourceLines('+---+\n| a |\n+---+\n| b\n', 'table.rst');
  const result = parseGridTable(lines, context);
  assert.equal(result.consumed, 1, 'docutils re-reads the table lines after the top border');
  assert.equal(result.blankFinish, false);
  assert.deepEqual(
    result.nodes.map((node) => [node.type, node.attributes.type ?? '']),
    [['table', ''], ['system_message', 'WARNING']],
  );
});

test('should report a simple table without a bottom border as malformed and use all its lines', () => {
  const context = recordingContext();
  const lines = toSourceLines('=====  =====\nA      B\nC      D', 'table.rst');
  const result = parseSimpleTable(lines, context);
  assert.equal(result.consumed, 3);
  const [error] = result.nodes;
  assert.equal(error?.type, 'system_message');
  assert.equal(error?.attributes.type, 'ERROR');
  assert.equal(error?.attributes.line, 1);
  assert.match(JSON.stringify(error), /No bottom table border found\./);
});
