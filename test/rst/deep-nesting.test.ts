// Nesting depth must cost heap, not call stack: docutils' recursion becomes
// an explicit stack of state machines in our parser, and the XML writer walks
// iteratively, and HTML is written in slices (to-hast/stringify.ts). (Timing lives in scripts/bench-rst.ts, not here.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRst } from '../../src/rst/index.js';
import type { RstElement } from '../../src/rst/nodes.js';
import { toXml } from '../../src/rst/writers/xml.js';
import { rstToHtml } from '../../src/rst/html.js';
import { stringifyDeep } from '../../src/rst/to-hast/stringify.js';
import type { Element, Root } from 'hast';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';

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

test('should write 5,000 nested block quotes as HTML (rst2html) without overflowing the stack', async () => {
  const n = 5000;
  const text = Array.from({ length: n }, (_, k) => ' '.repeat(k) + `level ${k} <&>`).join('\n\n') + '\n';
  const { html, diagnostics } = await rstToHtml(text, { parse: { lineLengthLimit: 1e6 } });
  assert.deepEqual(diagnostics, []);
  assert.equal(html.split('<blockquote>').length - 1, n - 1);
  assert.equal(html.split('</blockquote>').length - 1, n - 1);
  assert.ok(html.includes(`<p>level ${n - 1} &#x3C;&#x26;></p>${'</blockquote>'.repeat(n - 1)}`));
});

test('should write sliced deep trees byte for byte as hast-util-to-html does', () => {
  // 600 levels: deeper than one slice, shallow enough for toHtml to write in one go.
  let node: Element = h('div', { className: ['leaf'] }, 'a < b & "c"');
  for (let k = 0; k < 600; k++) node = h(k % 2 ? 'blockquote' : 'section', { id: `n${k}` }, [h('p', `level ${k}`), node]);
  const tree: Root = { type: 'root', children: [node] };
  const expected = toHtml(structuredClone(tree));
  assert.equal(stringifyDeep(structuredClone(tree)), expected);
});

test('should pass a raw html directive through only when raw output is enabled', async () => {
  const text = '.. raw:: html\n\n   <b class="x">bold</b>\n\ntext\n';
  const enabled = await rstToHtml(text, { parse: { rawEnabled: true }, html: { allowRaw: true } });
  assert.ok(enabled.html.includes('<b class="x">bold</b>'), enabled.html);
  // Refused: only the escaped source, inside the warning docutils writes.
  const refused = await rstToHtml(text);
  assert.ok(!refused.html.includes('<b'), refused.html);
  assert.ok(refused.html.includes('&#x3C;b class="x">bold&#x3C;/b>'), refused.html);
  assert.deepEqual(refused.diagnostics.map((d) => d.message), ['"raw" directive disabled.']);
});
