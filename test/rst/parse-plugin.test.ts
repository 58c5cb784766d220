// The reader as a unified parser plugin: the docutils tree with a position on
// every node, the Document in file.data.rst, and system messages (WARNING and
// up, docutils' default report level) as vfile messages with their place.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { Document } from '../../src/rst/document.js';
import { rstParse } from '../../src/rst/index.js';
import type { RstElement, RstNode } from '../../src/rst/nodes.js';

const input = [
  'Guide',
  '=====',
  '',
  'A paragraph with *emphasis*',
  'on two lines',
  '  then an unexpected indent.',
  '',
  '- item one',
  '- item two',
  'not separated',
  '',
  '.. _target: http://example.org',
  '',
].join('\n');

function* walk(node: RstNode): Generator<RstNode> {
  yield node;
  if (node.type !== 'text') for (const child of (node as RstElement).children) yield* walk(child);
}

test('should give a docutils tree with positions on every node', () => {
  const file = new VFile({ path: 'guide.rst', value: input });
  const tree = unified().use(rstParse).parse(file) as unknown as RstElement;
  assert.equal(tree.type, 'document');
  assert.deepEqual(tree.children.map((c) => c.type), ['section']);
  const section = tree.children[0] as RstElement;
  assert.deepEqual(section.children.map((c) => c.type), ['title', 'paragraph', 'system_message', 'block_quote', 'bullet_list', 'system_message', 'paragraph', 'target']);
  for (const node of walk(tree)) assert.ok(node.position, `${node.type} has a position`);
  const list = section.children[4] as RstElement;
  assert.equal(list.position?.start.line, 8);
  assert.equal(list.position?.end.line, 9);
});

test('should keep the Document and report messages with their place', () => {
  const file = new VFile({ path: 'guide.rst', value: input });
  unified().use(rstParse).parse(file);
  assert.ok(file.data.rst instanceof Document);
  assert.equal(file.data.rst.nameIds.get('target'), 'target');
  const found = file.messages.map((m) => [m.reason, m.line, m.fatal]);
  assert.deepEqual(found, [
    ['Unexpected indentation.', 6, true],
    ['Bullet list ends without a blank line; unexpected unindent.', 10, false],
  ]);
});
