import { test } from 'node:test';
import assert from 'node:assert/strict';
import { directives, setDateClock } from '../../src/rst/directives/misc.js';
import { Level } from '../../src/rst/reporter.js';
import { toText, type RstElement, type RstNode } from '../../src/rst/nodes.js';
import { makeCall, runError } from './directive-call.js';

const values = (nodes: RstNode[]) => nodes.map(toText).join('');

test('should refuse raw unless raw is enabled, then keep its content and normalized format', () => {
  const raw = directives.raw!;
  const refused = runError(raw, makeCall(raw, { name: 'raw', arguments: ['html'], content: '<span>x</span>' }));
  assert.equal(refused.level, Level.WARNING);
  assert.equal(refused.message, '"raw" directive disabled.');
  const { call } = makeCall(raw, { name: 'raw', arguments: ['LaTeX  html'], content: '\\[ x \\]', settings: { rawEnabled: true } });
  const [node] = raw.run(call) as RstElement[];
  assert.equal(node!.type, 'raw');
  assert.equal(node!.attributes.format, 'latex html');
  assert.equal(toText(node!), '\\[ x \\]');
});

test('should refuse raw :url: and raw with both content and a file', () => {
  const raw = directives.raw!;
  const url = runError(raw, makeCall(raw, { name: 'raw', arguments: ['html'], options: { url: 'http://example.org/' }, settings: { rawEnabled: true } }));
  assert.equal(url.level, Level.SEVERE);
  const both = runError(raw, makeCall(raw, { name: 'raw', arguments: ['html'], options: { file: 'x.html' }, content: 'x', settings: { rawEnabled: true } }));
  assert.equal(both.message, '"raw" directive may not both specify an external file and have content.');
  const empty = runError(raw, makeCall(raw, { name: 'raw', arguments: ['html'], settings: { rawEnabled: true } }));
  assert.equal(empty.message, 'Content block expected for the "raw" directive; none found.');
});

test('should replace with the inline content of a single paragraph', () => {
  const replace = directives.replace!;
  const { call } = makeCall(replace, { name: 'replace', content: 'Python, the best language around', parentType: 'substitution_definition' });
  assert.equal(values(replace.run(call)), 'Python, the best language around');
});

test('should refuse replace outside a substitution definition and with two paragraphs', () => {
  const replace = directives.replace!;
  const outside = runError(replace, makeCall(replace, { name: 'replace', content: 'x' }));
  assert.equal(outside.message, 'Invalid context: the "replace" directive can only be used within a substitution definition.');
  const { call } = makeCall(replace, { name: 'replace', content: 'paragraph 1\n\nparagraph 2', parentType: 'substitution_definition' });
  const [message] = replace.run(call) as RstElement[];
  assert.equal(message!.type, 'system_message');
  assert.equal(message!.attributes.type, 'ERROR');
  assert.equal(toText(message!), 'Error in "replace" directive: may contain a single paragraph only.');
});

test('should decode unicode codes in every spelling and ignore text after " .. "', () => {
  const unicode = directives.unicode!;
  const { call } = makeCall(unicode, { name: 'unicode', arguments: ['BogusMegaCorp U+2122\n.. with trademark sign'], parentType: 'substitution_definition' });
  assert.equal(values(unicode.run(call)), 'BogusMegaCorp™');
  const bne = makeCall(unicode, { name: 'unicode', arguments: ['U0003D U020E5'], parentType: 'substitution_definition' });
  assert.equal(values(unicode.run(bne.call)), '=⃥');
  const comment = makeCall(unicode, { name: 'unicode', arguments: [".. comment doesn't count as content"], parentType: 'substitution_definition' });
  assert.deepEqual(unicode.run(comment.call), []);
});

test('should set trim attributes on the substitution definition', () => {
  const unicode = directives.unicode!;
  const { call, parent } = makeCall(unicode, { name: 'unicode', arguments: ['0xA0'], options: { trim: undefined }, parentType: 'substitution_definition' });
  unicode.run(call);
  assert.equal(parent.attributes.ltrim, 1);
  assert.equal(parent.attributes.rtrim, 1);
});

test('should report a character code that is too large', () => {
  const unicode = directives.unicode!;
  const error = runError(unicode, makeCall(unicode, { name: 'unicode', arguments: ['0x11111111'], parentType: 'substitution_definition' }));
  assert.equal(error.level, Level.ERROR);
  assert.equal(error.message, 'Invalid character code: 0x11111111\nValueError: chr() arg not in range(0x110000)');
});

test('should format the date from an injectable clock', () => {
  const date = directives.date!;
  const previous = setDateClock(() => new Date(2014, 4, 17, 9, 30));
  try {
    const plain = makeCall(date, { name: 'date', parentType: 'substitution_definition' });
    assert.equal(values(date.run(plain.call)), '2014-05-17');
    const custom = makeCall(date, { name: 'date', content: '%d %B %Y, %H:%M', parentType: 'substitution_definition' });
    assert.equal(values(date.run(custom.call)), '17 May 2014, 09:30');
  } finally {
    setDateClock(previous);
  }
});

test('should use SOURCE_DATE_EPOCH for the date when it is set', () => {
  const date = directives.date!;
  const previous = process.env.SOURCE_DATE_EPOCH;
  process.env.SOURCE_DATE_EPOCH = '1400000000';
  try {
    const { call } = makeCall(date, { name: 'date', content: '%Y-%m-%d %H:%M:%S', parentType: 'substitution_definition' });
    assert.equal(values(date.run(call)), '2014-05-13 16:53:20');
  } finally {
    if (previous === undefined) delete process.env.SOURCE_DATE_EPOCH;
    else process.env.SOURCE_DATE_EPOCH = previous;
  }
});

test('should apply classes to the content or leave a pending class node', () => {
  const klass = directives.class!;
  const withContent = makeCall(klass, { name: 'class', arguments: ['class1  Class2'], content: 'One.\n\nTwo.' });
  const nodes = klass.run(withContent.call) as RstElement[];
  assert.deepEqual(nodes.map((n) => n.attributes.classes), [['class1', 'class2'], ['class1', 'class2']]);
  const alone = makeCall(klass, { name: 'class', arguments: ['class1 class2'] });
  const [pending] = klass.run(alone.call) as RstElement[];
  assert.equal(pending!.type, 'pending');
  assert.deepEqual(pending!.data?.details, { class: ['class1', 'class2'], directive: 'class' });
  assert.deepEqual(alone.document.pending.map((p) => [p.transform, p.priority]), [['class', 210]]);
  const bad = runError(klass, makeCall(klass, { name: 'class', arguments: ['42'] }));
  assert.equal(bad.message, 'Invalid class attribute value for "class" directive: "42".');
});

test('should set the document title attribute', () => {
  const title = directives.title!;
  const { call, document } = makeCall(title, { name: 'title', arguments: ['This is the document title.'] });
  assert.deepEqual(title.run(call), []);
  assert.equal(document.root.attributes.title, 'This is the document title.');
});

test('should put meta elements at the head of the document', () => {
  const meta = directives.meta!;
  const { call, document } = makeCall(meta, {
    name: 'meta',
    content: ':description lang=en: An amusing story\n:http-equiv=Content-Type: text/html;\n  charset=ISO-8859-1\n:name\\:with\\:colons: escaped line\\\n   break',
  });
  document.root.children.push({ type: 'paragraph', attributes: {}, children: [] });
  assert.deepEqual(meta.run(call), []);
  assert.deepEqual(
    document.root.children.map((n) => (n as RstElement).attributes),
    [
      { content: 'An amusing story', name: 'description', lang: 'en' },
      { content: 'text/html; charset=ISO-8859-1', 'http-equiv': 'Content-Type' },
      { content: 'escaped linebreak', name: 'name:with:colons' },
      {},
    ],
  );
});

test('should report meta fields without content, bad attributes and non-field lines', () => {
  const meta = directives.meta!;
  const { call, document } = makeCall(meta, { name: 'meta', content: ':empty:\n:name notattval: content\n:name: content\nnot a field', contentLine: 2 });
  meta.run(call);
  const summary = document.root.children.map((n) => {
    const element = n as RstElement;
    return element.type === 'system_message' ? `${element.attributes.type}@${element.attributes.line}: ${toText(element.children[0]!)}` : element.type;
  });
  assert.deepEqual(summary, [
    'INFO@2: No content for meta tag "empty".',
    'ERROR@3: Error parsing meta tag attribute "notattval": missing "=".',
    'meta',
    'ERROR@1: Invalid meta directive.',
  ]);
});

test('should describe the test directive call as docutils does', () => {
  const definition = directives['restructuredtext-test-directive']!;
  const plain = makeCall(definition, { name: 'reStructuredText-test-directive', arguments: ['argument'], options: { option: '* value1\n* value2' } });
  const [info] = definition.run(plain.call) as RstElement[];
  assert.equal(
    toText(info!),
    `Directive processed. Type="reStructuredText-test-directive", arguments=['argument'], options={'option': '* value1\\n* value2'}, content: None`,
  );
  const withContent = makeCall(definition, { name: 'reStructuredText-test-directive', content: 'Directive \\block.' });
  const [message] = definition.run(withContent.call) as RstElement[];
  assert.equal(message!.attributes.level, Level.INFO);
  assert.equal(toText(message!.children[1]!), 'Directive \\block.');
});

test('should read raw :file: beside the document, only inside the content root', async () => {
  const path = await import('node:path');
  const { fileURLToPath } = await import('node:url');
  const folder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/rst/raw-file');
  const raw = directives.raw!;
  const settings = { sourceName: 'input.rst', baseDir: folder, contentRoot: folder, rawEnabled: true };
  const { call, document } = makeCall(raw, { name: 'raw', arguments: ['html'], options: { file: 'snippet.html' }, settings });
  const [node] = raw.run(call) as RstElement[];
  assert.equal(toText(node!), '<b>bold</b>\n');
  assert.equal(path.basename(String(node!.attributes.source)), 'snippet.html');
  assert.deepEqual([...document.dependencies], [path.join(folder, 'snippet.html')]);
  const outside = runError(raw, makeCall(raw, { name: 'raw', arguments: ['html'], options: { file: '../include-basic/part.rst' }, settings }));
  assert.equal(outside.level, Level.SEVERE);
  assert.match(outside.message, /^Problems with "raw" directive path:\nPath ".*include-basic\/part\.rst" is outside the content root; refused\.$/);
});
