// Positions everywhere: every node the Markdown reader makes, in every fixture
// and both guides, has a unist position whose offsets agree with its line and
// column, inside the source; a text node's span holds its words; and each
// line of a code block is the guide's line at the block's start + k, so
// evidence in a capture points at the line a person opens.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseMarkdown } from '../../src/markdown/index.js';
import { isElement, type RstElement, type RstNode } from '../../src/rst/nodes.js';
import { repoRoot } from '../topology/fixture-cases.js';

const inputs = [
  ...readdirSync(join(repoRoot, 'test/fixtures/markdown')).map((c) => `test/fixtures/markdown/${c}/input.md`),
  'test/fixtures/markdown-guides/local/local.md',
  'test/fixtures/markdown-guides/vxlan-tcpdump/guide.md',
];

function* nodes(node: RstNode, parent?: RstElement): Generator<{ node: RstNode; parent?: RstElement }> {
  yield { node, ...(parent ? { parent } : {}) };
  if (isElement(node)) for (const child of node.children) yield* nodes(child, node);
}

/** line and column of a 0-based offset. */
function pointOf(text: string, offset: number) {
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

for (const input of inputs) {
  const text = readFileSync(join(repoRoot, input), 'utf8');
  const { tree } = parseMarkdown(text, { sourceName: input });

  test(`should give every node of ${input} a position that agrees with the source`, () => {
    let count = 0;
    for (const { node } of nodes(tree)) {
      count++;
      const p = node.position;
      assert.ok(p, `${node.type} without a position`);
      for (const point of [p.start, p.end]) {
        assert.ok(point.offset >= 0 && point.offset <= text.length, `${node.type} offset ${point.offset}`);
        assert.deepEqual(pointOf(text, point.offset), { line: point.line, column: point.column }, `${node.type} at ${point.line}:${point.column}`);
      }
      assert.ok(p.start.offset <= p.end.offset, `${node.type} ends before it starts`);
    }
    assert.ok(count > 5);
  });

  test(`should place the words of ${input} where they are written`, () => {
    const messages = new Set<RstNode>();
    for (const { node } of nodes(tree)) if (node.type === 'system_message') for (const { node: inner } of nodes(node)) messages.add(inner);
    for (const { node, parent } of nodes(tree)) {
      if (node.type !== 'text' || !parent || messages.has(node) || !['paragraph', 'title', 'literal', 'emphasis', 'strong', 'reference'].includes(parent.type)) continue;
      const value = (node as { value: string }).value;
      const written = text.slice(node.position!.start.offset, node.position!.end.offset);
      // escapes, character references, `` `code` `` marks, and a quote's `>` or an item's indent
      // on continuation lines are the only differences; a list of authors is joined with `; `
      const plain = written.replace(/\\(.)/g, '$1').replace(/&[a-z]+;|&#\d+;/gi, '').replace(/^`+ ?| ?`+$/g, '').replace(/\n[ \t>]*/g, '\n');
      for (const part of value.replace(/&|©/g, '').split(/; /)) {
        assert.ok(plain.includes(part) || value === '\n', `${parent.type} text ${JSON.stringify(value)} at ${node.position!.start.line}: ${JSON.stringify(written)}`);
      }
    }
  });

  test(`should put line k of each code block of ${input} on the guide's line start + k`, () => {
    const lines = text.split('\n');
    for (const { node } of nodes(tree)) {
      if (node.type !== 'literal_block' || !isElement(node) || node.children.length !== 1) continue;
      const value = (node.children[0] as { value: string }).value;
      if (value === '' || /^</.test(value)) continue; // an empty fence; refused HTML shown as a block
      value.split('\n').forEach((line, k) => {
        const written = lines[node.position!.start.line - 1 + k]!;
        assert.ok(written.endsWith(line), `line ${node.position!.start.line + k}: ${JSON.stringify(written)} does not end with ${JSON.stringify(line)}`);
      });
    }
  });
}
