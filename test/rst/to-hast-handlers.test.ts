// rst → hast on trees built by our parser: the HTML of each construct, and
// positions on every hast node.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Element, Root, RootContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { parseRst } from '../../src/rst/index.js';
import { rstToHast } from '../../src/rst/to-hast/index.js';
import { applyTransforms } from '../../src/rst/transforms/index.js';

function render(text: string, options: Parameters<typeof rstToHast>[1] = {}): { html: string; root: Root } {
  const { document } = parseRst(text, { sourceName: 'test.rst' });
  applyTransforms(document, { sourceText: text, stripComments: true });
  const root = rstToHast(document.root, options);
  return { html: toHtml(root), root };
}

test('should render sections as <section> with ids and headings by depth', () => {
  const { html } = render('Doc\n===\n\nOne\n---\n\nText.\n\nTwo\n~~~\n\nMore.\n\nThree\n-----\n\nEnd.\n');
  assert.match(html, /^<h1 class="title">Doc<\/h1>/);
  assert.match(html, /<section id="one"><h2>One<\/h2><p>Text\.<\/p><section id="two"><h3>Two<\/h3>/);
  assert.match(html, /<section id="three"><h2>Three<\/h2>/);
});

test('should start at h1 when the document has no title', () => {
  const { html } = render('Para.\n\nOne\n---\n\nText.\n\nTwo\n---\n\nText.\n');
  assert.match(html, /<section id="one"><h1>One<\/h1>/);
});

test('should render field lists, definition lists with classifiers, and compact lists', () => {
  const { html } = render('Para.\n\n:name: value\n\nterm : kind\n   Definition.\n\n- a\n- b\n');
  assert.match(html, /<dl class="field-list"><dt>name<\/dt><dd><p>value<\/p><\/dd><\/dl>/);
  assert.match(html, /<dl><dt>term : <span class="classifier">kind<\/span><\/dt><dd><p>Definition\.<\/p><\/dd><\/dl>/);
  assert.match(html, /<ul class="simple"><li>a<\/li><li>b<\/li><\/ul>/);
});

test('should render option lists as a two-column table', () => {
  const { html } = render('-a, --all  Everything.\n-f FILE    A file.\n');
  assert.match(html, /<table class="option-list"><tbody><tr><td><kbd><span class="option">-a<\/span>, <span class="option">--all<\/span><\/kbd><\/td><td><p>Everything\.<\/p><\/td><\/tr>/);
  assert.match(html, /<span class="option">-f <var>FILE<\/var><\/span>/);
});

test('should render admonitions as <aside> with their label', () => {
  const { html } = render('.. note:: Mind the gap.\n\n.. admonition:: Custom\n\n   Body.\n');
  assert.match(html, /<aside class="admonition note"><p class="admonition-title">Note<\/p><p>Mind the gap\.<\/p><\/aside>/);
  assert.match(html, /<aside class="admonition admonition-custom"><p class="admonition-title">Custom<\/p><p>Body\.<\/p><\/aside>/);
});

test('should render grid tables with header cells and spans', () => {
  const table = ['+---+---+', '| a | b |', '+===+===+', '| c     |', '+---+---+', '| d | e |', '+   +---+', '|   | f |', '+---+---+', ''].join('\n');
  const { html } = render(table);
  assert.match(html, /<thead><tr><th class="head"><p>a<\/p><\/th><th class="head"><p>b<\/p><\/th><\/tr><\/thead>/);
  assert.match(html, /<td colspan="2"><p>c<\/p><\/td>/);
  assert.match(html, /<td rowspan="2"><p>d<\/p><\/td>/);
  assert.match(html, /<colgroup><col style="width: 50%"><col style="width: 50%"><\/colgroup>/);
});

test('should render footnotes with labels and back-links both ways', () => {
  const { html } = render('See [#]_.\n\n.. [#] The note.\n');
  const ref = /<a class="footnote-reference brackets" role="doc-noteref" href="#([^"]+)" id="([^"]+)"><span class="fn-bracket">\[<\/span>1<span class="fn-bracket">\]<\/span><\/a>/.exec(html);
  assert.ok(ref, html);
  assert.match(html, new RegExp(`<aside class="footnote brackets" role="note" id="${ref[1]}"><span class="label"><span class="fn-bracket">\\[</span><a role="doc-backlink" href="#${ref[2]}">1</a>`));
});

test('should render line blocks, block quotes with attribution and transitions', () => {
  const { html } = render('| one\n| two\n\nPara.\n\n   Quote.\n\n   -- Someone\n\n----\n\nEnd.\n');
  assert.match(html, /<div class="line-block"><div class="line">one<\/div><div class="line">two<\/div><\/div>/);
  assert.match(html, /<blockquote><p>Quote\.<\/p><p class="attribution">\u2014\u00a0Someone<\/p><\/blockquote>/);
  assert.match(html, /<hr class="docutils">/);
});

test('should show dangling references as links to a visible system message', () => {
  const { html } = render('A missing_ link.\n');
  const link = /<a class="problematic" href="#([^"]+)" id="([^"]+)">missing_<\/a>/.exec(html);
  assert.ok(link, html);
  assert.match(html, new RegExp(`<aside class="system-message error" role="alert" id="${link[1]}"><p class="system-message-title">System Message: ERROR/3 \\(test.rst, line 1\\); <a href="#${link[2]}" role="doc-backlink">backlink</a>`));
});

test('should mark literal blocks with a language for highlighting and keep others plain', () => {
  const { html } = render('.. code-block:: python\n\n   print(1 < 2)\n\nPlain::\n\n   a < b\n');
  assert.match(html, /<pre class="literal-block code python"><code class="language-python">print\(1 &#x3C; 2\)<\/code><\/pre>/);
  assert.match(html, /<pre class="literal-block">a &#x3C; b<\/pre>/);
});

test('should escape text and drop comments and raw HTML by default', () => {
  const { html } = render('<script>alert(1)</script> & co.\n\n.. a comment\n\n.. raw:: html\n\n   <b>raw</b>\n');
  assert.match(html, /^<p>&#x3C;script>alert\(1\)&#x3C;\/script> &#x26; co\.<\/p>/);
  assert.doesNotMatch(html, /a comment|<b>raw<\/b>|<script>/);
});

test('should not make javascript: URIs into links', () => {
  const { html } = render('`x <javascript:alert(1)>`_\n');
  assert.doesNotMatch(html, /href="javascript/);
});

test('should put a position on every hast node', () => {
  const { root } = render('Doc\n===\n\n.. contents::\n\nOne\n---\n\n*Text* and ``code`` [#]_.\n\n.. [#] Note.\n');
  const missing: string[] = [];
  const stack: RootContent[] = [...root.children];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!node.position) missing.push(node.type === 'element' ? `<${(node as Element).tagName}>` : node.type);
    if (node.type === 'element') stack.push(...node.children);
  }
  assert.deepEqual(missing, []);
});

test('should convert 5,000 nested block quotes without overflowing the stack', () => {
  let text = '';
  for (let i = 0; i < 5000; i++) text += `${' '.repeat(i)}Level ${i}\n\n`;
  const { document } = parseRst(text, { sourceName: 'deep.rst' });
  applyTransforms(document, { sourceText: text });
  const root = rstToHast(document.root);
  let depth = 0;
  let node: Root | Element = root;
  for (;;) {
    const children: RootContent[] = node.children;
    const next: Element | undefined = children.find((c): c is Element => c.type === 'element' && c.tagName === 'blockquote');
    if (!next) break;
    depth++;
    node = next;
  }
  assert.equal(depth, 4999);
});
