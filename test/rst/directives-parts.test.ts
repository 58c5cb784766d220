import { test } from 'node:test';
import assert from 'node:assert/strict';
import { directives } from '../../src/rst/directives/parts.js';
import { directives as references } from '../../src/rst/directives/references.js';
import { Level } from '../../src/rst/reporter.js';
import { toText, type RstElement } from '../../src/rst/nodes.js';
import { makeCall, runError } from './directive-call.js';

test('should make contents a topic with the default title and a pending node for the contents transform', () => {
  const definition = directives.contents!;
  const { call, document } = makeCall(definition, { name: 'contents' });
  const [topic] = definition.run(call) as RstElement[];
  assert.equal(topic!.type, 'topic');
  assert.deepEqual(topic!.attributes.classes, ['contents']);
  assert.deepEqual(topic!.attributes.names, ['contents']);
  assert.deepEqual(topic!.attributes.ids, ['contents']);
  assert.equal(toText(topic!.children[0]!), 'Contents');
  const pending = topic!.children[1] as RstElement;
  assert.equal(pending.type, 'pending');
  assert.equal(pending.data?.transform, 'contents');
  assert.deepEqual(document.pending.map((p) => [p.transform, p.priority]), [['contents', 720]]);
});

test('should record contents options as pending details and mark local topics without a title', () => {
  const definition = directives.contents!;
  const { call } = makeCall(definition, { name: 'contents', options: { depth: '2', local: undefined, backlinks: 'none', class: 'Side Bar' } });
  const [topic] = definition.run(call) as RstElement[];
  assert.deepEqual(topic!.attributes.classes, ['contents', 'side', 'bar', 'local']);
  assert.equal(topic!.children.length, 1);
  const pending = topic!.children[0] as RstElement;
  assert.deepEqual(pending.data?.details, { depth: 2, local: null, backlinks: null, class: ['side', 'bar'] });
});

test('should use the title argument and not take a name already in use', () => {
  const definition = directives.contents!;
  const first = makeCall(definition, { name: 'contents', arguments: ['Table of Contents'] });
  definition.run(first.call);
  const second = makeCall(definition, { name: 'contents', arguments: ['Table of Contents'], document: first.document });
  const [topic] = definition.run(second.call) as RstElement[];
  assert.equal(toText(topic!.children[0]!), 'Table of Contents');
  assert.deepEqual(topic!.attributes.names ?? [], []);
  assert.equal((topic!.attributes.ids as string[]).length, 1);
});

test('should name the table of contents in the document language', () => {
  const definition = directives.contents!;
  const { call } = makeCall(definition, { name: 'contents', settings: { languageCode: 'zh_cn' } });
  const [topic] = definition.run(call) as RstElement[];
  assert.equal(toText(topic!.children[0]!), '目录');
});

test('should refuse contents inside body elements but accept it in a sidebar', () => {
  const definition = directives.contents!;
  const error = runError(definition, makeCall(definition, { name: 'contents', parentType: 'list_item' }));
  assert.equal(error.level, Level.ERROR);
  assert.equal(error.message, 'The "contents" directive may not be used within topics or body elements.');
  const { call } = makeCall(definition, { name: 'contents', parentType: 'sidebar' });
  assert.equal((definition.run(call) as RstElement[])[0]!.type, 'topic');
});

test('should leave a pending sectnum node with its options', () => {
  for (const name of ['sectnum', 'section-numbering']) {
    const definition = directives[name]!;
    const { call, document } = makeCall(definition, {
      name,
      options: { depth: '23', start: '42', prefix: 'A Prefix', suffix: 'A Suffix' },
    });
    const [pending] = definition.run(call) as RstElement[];
    assert.equal(pending!.type, 'pending');
    assert.deepEqual(pending!.data?.details, { depth: 23, start: 42, prefix: 'A Prefix', suffix: 'A Suffix' });
    assert.deepEqual(document.pending.map((p) => [p.transform, p.priority]), [['sectnum', 710]]);
  }
});

test('should gather header and footer content in one decoration, header first', () => {
  const footer = directives.footer!;
  const header = directives.header!;
  const one = makeCall(footer, { name: 'footer', content: 'even if a footer is declared first' });
  assert.deepEqual(footer.run(one.call), []);
  const two = makeCall(header, { name: 'header', content: 'the header appears first', document: one.document });
  header.run(two.call);
  const three = makeCall(header, { name: 'header', content: 'second part', document: one.document });
  header.run(three.call);
  const decoration = one.document.root.children[0] as RstElement;
  assert.equal(decoration.type, 'decoration');
  assert.deepEqual(decoration.children.map((c) => c.type), ['header', 'footer']);
  assert.deepEqual((decoration.children[0] as RstElement).children.map(toText), ['the header appears first', 'second part']);
});

test('should refuse an empty header', () => {
  const definition = directives.header!;
  const error = runError(definition, makeCall(definition, { name: 'header' }));
  assert.equal(error.message, 'Content block expected for the "header" directive; none found.');
});

test('should leave a pending target-notes node that carries :name:', () => {
  const definition = references['target-notes']!;
  const { call, document } = makeCall(definition, { name: 'target-notes', options: { class: 'custom', name: 'targets' } });
  const [pending] = definition.run(call) as RstElement[];
  assert.deepEqual(pending!.attributes.names, ['targets']);
  assert.deepEqual(pending!.attributes.ids, ['targets']);
  assert.deepEqual(pending!.data?.details, { class: ['custom'] });
  assert.deepEqual(document.pending.map((p) => [p.transform, p.priority]), [['target-notes', 540]]);
});
