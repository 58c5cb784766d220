// Build-time highlighting of literal blocks: colours added, text never changed.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Element, ElementContent, Root } from 'hast';
import { VFile } from 'vfile';
import { getHighlighter, rehypeShikiLiterals } from '../../src/render/highlight/index.js';
import { MAX_HIGHLIGHTED_LINE } from '../../src/render/highlight/rehype-shiki-literals.js';

function codeBlock(language: string, value: string): Root {
  const position = { start: { line: 3, column: 1, offset: 10 }, end: { line: 9, column: 1, offset: 90 } };
  return {
    type: 'root',
    children: [
      {
        type: 'element',
        tagName: 'pre',
        properties: { className: ['literal-block'], id: 'block' },
        position,
        children: [{ type: 'element', tagName: 'code', properties: { className: [`language-${language}`] }, position, children: [{ type: 'text', value }] }],
      },
    ],
  };
}

function textOf(node: ElementContent | Root): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element' || node.type === 'root') return node.children.map((c) => textOf(c as ElementContent)).join('');
  return '';
}

async function highlight(language: string, value: string): Promise<{ tree: Root; file: VFile }> {
  const tree = codeBlock(language, value);
  const file = new VFile({ path: 'guide.rst' });
  await rehypeShikiLiterals()(tree, file);
  return { tree, file };
}

const SAMPLES: Record<string, string> = {
  bash: '#!/bin/sh\nset -e\n\n\tovs-vsctl show | grep "br-int"  \n\nfor i in 1 2; do echo $i; done\n',
  console: '$ ip netns list\nqdhcp-1234\nqrouter-5678\n# ovs-vsctl show\n',
  python: 'def f(x):\n    return x < 2  # comment\n',
  json: '{"a": [1, 2, {"b": null}]}\n',
  yaml: 'a: 1\nb:\n  - c\n',
  ini: '[DEFAULT]\nverbose = True\n',
  xml: '<domain type="kvm"><name>vm &amp; co</name></domain>',
  diff: '--- a\n+++ b\n@@ -1 +1 @@\n-old\n+new\n',
};

for (const [language, value] of Object.entries(SAMPLES)) {
  test(`should highlight ${language} and keep its text exactly`, async () => {
    const { tree, file } = await highlight(language, value);
    const pre = tree.children[0] as Element;
    const code = pre.children[0] as Element;
    assert.equal(textOf(code), value);
    assert.ok(code.children.some((c) => c.type === 'element' && c.properties.className?.toString().includes('line')), 'line spans');
    assert.match(JSON.stringify(code), /--shiki-dark/, 'dark theme colours as CSS variables');
    assert.equal(pre.properties.id, 'block', 'the block keeps its id');
    assert.ok((pre.properties.className as string[]).includes('literal-block'));
    assert.ok(pre.position && code.children.every((c) => c.position), 'positions kept');
    assert.deepEqual(file.messages, []);
  });
}

test('should leave an unknown language plain with a warning at the block', async () => {
  const value = 'some text\n  kept as is\n';
  const { tree, file } = await highlight('klingon', value);
  const code = (tree.children[0] as Element).children[0] as Element;
  assert.deepEqual(code.children, [{ type: 'text', value }]);
  assert.equal(file.messages.length, 1);
  assert.match(file.messages[0]!.reason, /klingon/);
  assert.equal(file.messages[0]!.line, 3);
  assert.equal(file.messages[0]!.fatal, false);
});

test('should leave text blocks plain without a warning', async () => {
  const { tree, file } = await highlight('text', 'plain\n');
  assert.deepEqual(((tree.children[0] as Element).children[0] as Element).children, [{ type: 'text', value: 'plain\n' }]);
  assert.deepEqual(file.messages, []);
});

test('should share one highlighter for the whole build', async () => {
  assert.equal(await getHighlighter(), await getHighlighter());
});

test('should colour the same whatever the clock says (no time limit: a loaded machine highlights as an idle one)', async () => {
  const html = '<script>window.x = 1</script>\n<a href="javascript:x">x</a>\n<style>a { color: red }</style>\n';
  const calm = JSON.stringify((await highlight('html', html)).tree);
  // every reading of the clock a second later than the last: any per-line time limit runs out at once
  const now = Date.now;
  let fake = now();
  Date.now = () => (fake += 1000);
  try {
    const rushed = JSON.stringify((await highlight('html', html)).tree);
    assert.equal(rushed, calm);
  } finally {
    Date.now = now;
  }
});

test('should leave a line longer than the limit plain, and keep its text', async () => {
  const long = `echo ${'x'.repeat(MAX_HIGHLIGHTED_LINE + 10)}`;
  const { tree } = await highlight('bash', `echo short\n${long}\n`);
  assert.equal(textOf(tree), `echo short\n${long}\n`);
});
