import { test } from 'node:test';
import assert from 'node:assert/strict';
import { directives } from '../../src/rst/directives/admonitions.js';
import { Level } from '../../src/rst/reporter.js';
import { toText, type RstElement } from '../../src/rst/nodes.js';
import { makeCall, runError } from './directive-call.js';

test('should make every specific admonition an element of its own name holding the content', () => {
  for (const name of ['attention', 'caution', 'danger', 'error', 'hint', 'important', 'note', 'tip', 'warning']) {
    const definition = directives[name]!;
    const { call } = makeCall(definition, { name, content: 'Directives at large.' });
    const [node] = definition.run(call) as RstElement[];
    assert.equal(node!.type, name);
    assert.equal(toText(node!), 'Directives at large.');
    assert.equal(node!.children[0]!.type, 'paragraph');
  }
});

test('should apply :class: and register :name: as an explicit target', () => {
  const definition = directives.note!;
  const { call, document } = makeCall(definition, {
    name: 'Note',
    options: { name: 'mynote', class: 'testnote' },
    content: 'Admonitions support the generic "name" and "class" options.',
  });
  const [node] = definition.run(call) as RstElement[];
  assert.deepEqual(node!.attributes.classes, ['testnote']);
  assert.deepEqual(node!.attributes.names, ['mynote']);
  assert.deepEqual(node!.attributes.ids, ['mynote']);
  assert.equal(document.ids.get('mynote'), node);
});

test('should refuse an admonition without content', () => {
  const definition = directives.note!;
  const error = runError(definition, makeCall(definition, { name: 'note' }));
  assert.equal(error.level, Level.ERROR);
  assert.equal(error.message, 'Content block expected for the "note" directive; none found.');
});

test('should give a generic admonition its title and an admonition-<id> class', () => {
  const definition = directives.admonition!;
  const { call } = makeCall(definition, {
    name: 'admonition',
    arguments: ['And, by the way...'],
    content: 'You can make up your own admonition too.',
    contentLine: 3,
  });
  const [node] = definition.run(call) as RstElement[];
  assert.deepEqual(node!.attributes.classes, ['admonition-and-by-the-way']);
  const title = node!.children[0] as RstElement;
  assert.equal(title.type, 'title');
  assert.equal(toText(title), 'And, by the way...');
  // The title's text sits after ".. admonition:: " on line 1.
  assert.deepEqual(title.position!.start, { line: 1, column: 17, offset: 16 });
  assert.equal(node!.children[1]!.type, 'paragraph');
});

test('should let :class: replace the generated admonition class', () => {
  const definition = directives.admonition!;
  const { call } = makeCall(definition, {
    name: 'admonition',
    arguments: ['Admonition'],
    options: { class: 'emergency', name: 'reference name' },
    content: 'Test the "class" override.',
  });
  const [node] = definition.run(call) as RstElement[];
  assert.deepEqual(node!.attributes.classes, ['emergency']);
  assert.deepEqual(node!.attributes.names, ['reference name']);
  assert.deepEqual(node!.attributes.ids, ['reference-name']);
});
