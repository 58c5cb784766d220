// The transforms as a unified plugin on our parser's trees, and the settings
// docutils exposes for them (title, report level, comments, section numbering).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { rstParse } from '../../src/rst/index.js';
import { isElement, toText, type RstElement } from '../../src/rst/nodes.js';
import { rstTransforms, standardTransforms, type TransformOptions } from '../../src/rst/transforms/index.js';

async function transform(text: string, options: Partial<TransformOptions> = {}): Promise<{ tree: RstElement; file: VFile }> {
  const file = new VFile({ value: text, path: 'doc.rst' });
  const processor = unified().use(rstParse).use(rstTransforms as never, options);
  const tree = (await processor.run(processor.parse(file), file)) as unknown as RstElement;
  return { tree, file };
}

function find(tree: RstElement, type: string): RstElement[] {
  const out: RstElement[] = [];
  const stack = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === type) out.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) {
      const child = node.children[i]!;
      if (isElement(child)) stack.push(child);
    }
  }
  return out;
}

test('should run the transforms in priority order', () => {
  const priorities = standardTransforms.map((t) => t.priority);
  assert.deepEqual([...priorities].sort((a, b) => a - b), priorities);
  assert.equal(new Set(standardTransforms.map((t) => t.name)).size, standardTransforms.length);
});

test('should promote the title and take the title setting over it', async () => {
  const plain = await transform('Title\n=====\n\nText.\n');
  assert.equal(plain.tree.children[0]!.type, 'title');
  assert.equal(plain.tree.attributes.title, 'Title');
  const set = await transform('Title\n=====\n\nText.\n', { title: 'Other' });
  assert.equal(set.tree.attributes.title, 'Other');
  const off = await transform('Title\n=====\n\nText.\n', { doctitleXform: false });
  assert.equal(off.tree.children[0]!.type, 'section');
});

test('should report transform errors as vfile messages with their place', async () => {
  const { file } = await transform('Text with a dangling_ reference.\n');
  const message = file.messages.find((m) => /Unknown target name/.test(m.reason));
  assert.ok(message);
  assert.equal(message.line, 1);
  assert.equal(message.column, 13);
  assert.equal(message.fatal, true);
});

test('should filter messages below the report level and turn their problematic text back to text', async () => {
  const text = 'Para.\n\n.. _unused: http://example.org/\n';
  const kept = await transform(text, { reportLevel: 1 });
  assert.ok(find(kept.tree, 'system_message').some((m) => /not referenced/.test(toText(m))));
  const filtered = await transform(text);
  assert.equal(find(filtered.tree, 'system_message').length, 0);
});

test('should strip comments only when asked (HTML does, XML does not)', async () => {
  assert.equal(find((await transform('.. a comment\n\nText.\n')).tree, 'comment').length, 1);
  assert.equal(find((await transform('.. a comment\n\nText.\n', { stripComments: true })).tree, 'comment').length, 0);
});

test('should fill the pending nodes of class, sectnum and contents directives', async () => {
  const text = 'Doc\n===\n\n.. sectnum::\n.. contents::\n\n.. class:: wide\n\nPara.\n\nOne\n---\n\nTwo\n---\n';
  const { tree } = await transform(text);
  assert.equal(find(tree, 'pending').length, 0);
  assert.deepEqual(find(tree, 'paragraph').find((p) => toText(p) === 'Para.')!.attributes.classes, ['wide']);
  const numbers = find(tree, 'generated').map(toText);
  assert.deepEqual(numbers, ['1\u00a0\u00a0\u00a0', '2\u00a0\u00a0\u00a0', '1\u00a0\u00a0\u00a0', '2\u00a0\u00a0\u00a0']);
  const toc = find(tree, 'topic')[0]!;
  assert.equal(find(toc, 'reference').length, 2);
});

test('should leave sections unnumbered when section numbering is off', async () => {
  const { tree } = await transform('Doc\n===\n\n.. sectnum::\n\nOne\n---\n', { sectnumXform: false });
  assert.equal(find(tree, 'generated').length, 0);
  assert.equal(find(tree, 'pending').length, 0);
});
