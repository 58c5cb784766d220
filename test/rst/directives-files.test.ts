// What the table and image directives do with files: csv-table reads
// `:file:` beside the document and never outside the content root, refuses
// `:url:` (no network), obeys file_insertion_enabled; image nodes say where
// their file was expected so the HTML stage can report a missing one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parseRst } from '../../src/rst/index.js';
import { toText, type RstElement, type RstNode } from '../../src/rst/nodes.js';
import type { RstSettings } from '../../src/rst/settings.js';
import { repoRoot } from './helpers/compare-xml.js';

const folder = join(repoRoot, 'test/fixtures/rst/csv-table-file');
const input = join(folder, 'input.rst');

function parse(text: string, settings: Partial<RstSettings> = {}) {
  return parseRst(text, { sourceName: input, baseDir: folder, contentRoot: folder, ...settings });
}

function find(node: RstNode, type: string): RstElement[] {
  if (node.type === 'text') return [];
  const element = node as RstElement;
  return [...(element.type === type ? [element] : []), ...element.children.flatMap((child) => find(child, type))];
}

function messages(root: RstElement) {
  return find(root, 'system_message').map((message) => ({
    type: message.attributes.type,
    text: toText(message.children[0]!),
  }));
}

test('should read a :file: beside the document and record it as a dependency', () => {
  const { tree, document } = parse('.. csv-table::\n   :file: ports.csv\n');
  assert.deepEqual(messages(tree), []);
  assert.equal(find(tree, 'row').length, 3);
  assert.ok(document.dependencies.has(join(folder, 'ports.csv')));
  const firstCell = find(tree, 'entry')[0]!;
  assert.equal(firstCell.position?.start.line, 1, 'cells point into the CSV file');
});

test('should refuse a :file: outside the content root', () => {
  const { tree } = parse('.. csv-table::\n   :file: ../table-grid-east-asian/input.rst\n');
  const [message] = messages(tree);
  assert.equal(message?.type, 'SEVERE');
  assert.match(message!.text, /outside the content root/);
  assert.equal(find(tree, 'table').length, 0);
});

test('should refuse :url: with a clear message instead of fetching', () => {
  const { tree } = parse('.. csv-table::\n   :url: https://example.com/data.csv\n');
  const [message] = messages(tree);
  assert.equal(message?.type, 'SEVERE');
  assert.match(message!.text, /never reads from the network/);
});

test('should ignore :file: when file insertion is disabled', () => {
  const { tree } = parse('.. csv-table::\n   :file: ports.csv\n', { fileInsertionEnabled: false });
  const [message] = messages(tree);
  assert.equal(message?.type, 'WARNING');
  assert.match(message!.text, /File and URL access deactivated/);
});

test('should tell where an image file was expected, for a missing-file warning later', () => {
  const { tree } = parse('Text.\n\n.. figure:: images/missing.png\n\n   Caption.\n');
  const [image] = find(tree, 'image');
  assert.deepEqual(image?.data?.image, {
    uri: 'images/missing.png',
    source: input,
    line: 3,
    path: join(folder, 'images/missing.png'),
  });
  assert.equal(image?.position?.start.line, 3);
});
