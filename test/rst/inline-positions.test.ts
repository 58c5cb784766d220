// Positions of inline nodes: every node points at its exact source span, also
// when the text comes from dedented lines (a list item, a block quote) and
// spans several lines. And per-document roles: a `role` declared in one
// document is unknown in the next.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Document } from '../../src/rst/document.js';
import { element, isElement, type RstElement, type RstNode } from '../../src/rst/nodes.js';
import { parseInline } from '../../src/rst/inline/index.js';
import { parseRst } from '../../src/rst/index.js';
import { toSourceLines, trimStart } from '../../src/rst/source-lines.js';

/** Parse `source`'s lines, each dedented by `indent` columns, as one inline text. */
function parseIndented(source: string, indent: number) {
  const lines = toSourceLines(source, 'doc.rst').map((line) => trimStart(line, indent));
  const document = new Document({ sourceName: 'doc.rst' });
  const parent = element('paragraph');
  const result = parseInline({ text: lines.map((l) => l.text).join('\n'), lines, document, parent });
  return { ...result, source };
}

function spanText(source: string, node: RstNode): string {
  assert.ok(node.position, `node ${node.type} has no position`);
  return source.slice(node.position.start.offset, node.position.end.offset);
}

function find(nodes: RstNode[], type: string): RstElement {
  const node = nodes.find((n): n is RstElement => isElement(n) && n.type === type);
  assert.ok(node, `no ${type} node`);
  return node;
}

test('should give every inline node its exact source span on dedented lines', () => {
  const source = '   Some *emphasis* and\n   a `phrase\n   reference`_ then ``code``.';
  const { nodes, source: text } = parseIndented(source, 3);
  for (const node of nodes) assert.ok(node.position, `${node.type} lacks a position`);
  assert.equal(spanText(text, find(nodes, 'emphasis')), '*emphasis*');
  assert.equal(spanText(text, find(nodes, 'emphasis').children[0]!), 'emphasis');
  const reference = find(nodes, 'reference');
  assert.equal(spanText(text, reference), '`phrase\n   reference`_');
  assert.deepEqual(reference.position!.start, { line: 2, column: 6, offset: 28 });
  assert.equal(spanText(text, find(nodes, 'literal')), '``code``');
  assert.equal(find(nodes, 'literal').position!.start.line, 3);
  assert.equal(spanText(text, nodes[0]!), 'Some ');
});

test('should point a problematic node and its warning at the unterminated start-string', () => {
  const source = 'First line,\nthen *unterminated emphasis.';
  const { nodes, messages, source: text } = parseIndented(source, 0);
  const problem = find(nodes, 'problematic');
  assert.equal(spanText(text, problem), '*');
  assert.equal(problem.position!.start.line, 2);
  assert.equal(messages.length, 1);
  assert.equal(messages[0]!.attributes.line, 2);
  assert.equal(messages[0]!.attributes.type, 'WARNING');
  assert.deepEqual(messages[0]!.attributes.backrefs, problem.attributes.ids);
  assert.equal((problem.attributes.refid as string), (messages[0]!.attributes.ids as string[])[0]);
});

test('should position standalone URIs inside the surrounding text', () => {
  const source = 'See https://example.org/a. Or me@example.org!';
  const { nodes, source: text } = parseIndented(source, 0);
  const references = nodes.filter((n): n is RstElement => isElement(n) && n.type === 'reference');
  assert.deepEqual(references.map((r) => spanText(text, r)), ['https://example.org/a', 'me@example.org']);
  assert.deepEqual(references.map((r) => r.attributes.refuri), ['https://example.org/a', 'mailto:me@example.org']);
});

test('should keep custom roles and the default role to the document that declares them', () => {
  const first = parseRst('.. role:: mine\n.. default-role:: strong\n\n:mine:`x` `y`\n', { sourceName: 'a.rst' });
  const paragraph = first.document.root.children.find((n) => n.type === 'paragraph') as RstElement;
  assert.deepEqual(
    paragraph.children.filter(isElement).map((n) => n.type),
    ['inline', 'strong'],
  );
  const second = parseRst(':mine:`x` `y`\n', { sourceName: 'b.rst' });
  const types = second.document.root.children.map((n) => n.type);
  assert.ok(types.includes('system_message'), 'the unknown role is reported');
  const paragraph2 = second.document.root.children.find((n) => n.type === 'paragraph') as RstElement;
  assert.deepEqual(
    paragraph2.children.filter(isElement).map((n) => n.type),
    ['problematic', 'title_reference'],
  );
});
