// Nesting depth must cost heap, not call stack: docutils' recursion becomes
// an explicit stack of state machines in our parser, and the XML writer walks
// iteratively. (Timing lives in scripts/bench-rst.ts, not here.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRst } from '../../src/rst/index.js';
import type { RstElement } from '../../src/rst/nodes.js';
import { toXml } from '../../src/rst/writers/xml.js';

function depthOf(root: RstElement, type: string): number {
  let depth = 0;
  let node: RstElement | undefined = root;
  for (;;) {
    const next: RstElement | undefined = node.children.find((c): c is RstElement => c.type === type);
    if (!next) return depth;
    node = next.type === 'bullet_list' ? (next.children[0] as RstElement) : next;
    depth++;
  }
}

test('should parse 5,000 nested block quotes without overflowing the stack', () => {
  const n = 5000;
  const text = Array.from({ length: n }, (_, k) => ' '.repeat(k) + `level ${k}`).join('\n\n') + '\n';
  const { tree, document } = parseRst(text, { lineLengthLimit: 1e6 });
  assert.equal(depthOf(tree, 'block_quote'), n - 1);
  assert.deepEqual(document.reporter.messages, []);
  const xml = toXml(tree);
  assert.ok(xml.includes(`<paragraph>level ${n - 1}</paragraph>`));
});

test('should parse 5,000 nested bullet lists on one line', () => {
  const n = 5000;
  const { tree } = parseRst('- '.repeat(n) + 'deepest\n', { lineLengthLimit: 1e6 });
  assert.equal(depthOf(tree, 'bullet_list'), n);
  assert.ok(toXml(tree).includes('<paragraph>deepest</paragraph>'));
});

test('should keep sections, lists and quotes apart at depth', () => {
  const text = ['Title', '=====', '', '- item', '', '  > not a quote marker', '', '     quoted', '', 'Sub', '---', '', 'text', ''].join('\n');
  const { tree } = parseRst(text);
  const section = tree.children[0] as RstElement;
  assert.equal(section.type, 'section');
  assert.deepEqual(section.children.map((c) => c.type), ['title', 'bullet_list', 'section']);
});
