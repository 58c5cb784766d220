import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { directives } from '../../src/rst/directives/misc.js';
import { clipText, expandTabs, includedLines, pySliceBounds, resolveInsideRoot } from '../../src/rst/directives/include-files.js';
import { standardInclude, STANDARD_INCLUDES } from '../../src/rst/directives/standard-includes.js';
import { Level } from '../../src/rst/reporter.js';
import { toText, type RstElement } from '../../src/rst/nodes.js';
import { makeCall, runError } from './directive-call.js';
import { seedDir } from '../fixture-paths.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.resolve(here, '../../../test/fixtures/rst');
const include = directives.include!;

/** Run `body` with the working directory (paths are shown relative to it, as docutils does) in a fixture. */
function inFixture<T>(name: string, body: (dir: string) => T): T {
  const dir = path.join(fixtures, name);
  const previous = process.cwd();
  process.chdir(dir);
  try {
    return body(dir);
  } finally {
    process.chdir(previous);
  }
}

function settingsFor(dir: string) {
  return { sourceName: 'input.rst', baseDir: dir, contentRoot: dir };
}

test('should resolve a path beside the including directory inside the root', () => {
  inFixture('include-basic', (dir) => {
    const resolved = resolveInsideRoot('sub/nested.rst', dir, dir);
    assert.deepEqual(resolved, { ok: true, absolute: path.join(dir, 'sub/nested.rst'), display: 'sub/nested.rst' });
  });
});

test('should refuse ../ paths and symbolic links that leave the content root', () => {
  inFixture('include-outside-root', (dir) => {
    assert.deepEqual(resolveInsideRoot('../../etc/passwd', dir, dir), {
      ok: false,
      reason: 'Path "../../etc/passwd" is outside the content root; refused.',
    });
    assert.deepEqual(resolveInsideRoot('escape.txt', dir, dir), {
      ok: false,
      reason: 'Path "escape.txt" leads outside the content root (through a symbolic link); refused.',
    });
    const absolute = resolveInsideRoot('/etc/hostname', dir, dir);
    assert.equal(absolute.ok, false);
    assert.match(absolute.ok ? '' : absolute.reason, /^Path "(\.\.\/)+etc\/hostname" is outside the content root; refused\.$/);
    const alias = resolveInsideRoot('alias.txt', dir, dir);
    assert.equal(alias.ok && path.basename(alias.absolute), 'inside.txt');
  });
});

test('should slice lines with Python semantics', () => {
  assert.deepEqual(pySliceBounds(5, 1, 3), [1, 3]);
  assert.deepEqual(pySliceBounds(5, -2, undefined), [3, 5]);
  assert.deepEqual(pySliceBounds(5, 4, 2), [4, 4]);
  assert.deepEqual(pySliceBounds(5, undefined, 99), [0, 5]);
});

test('should clip by lines, then after and before marker texts, remembering where the kept text starts', () => {
  const file = 'one\ntwo\nthree\nfour\n';
  assert.deepEqual(clipText(file, { startLine: 1, endLine: 3 }), { ok: true, text: 'two\nthree\n', start: 4 });
  assert.deepEqual(clipText(file, { startAfter: 'tw', endBefore: 'fo' }), { ok: true, text: 'o\nthree\n', start: 6 });
  assert.deepEqual(clipText(file, { endBefore: 'nothing' }), { ok: false, option: 'end-before' });
});

test('should keep the position of every included line in the included file, CRLF included', () => {
  const original = 'a\r\n\tb  \r\nc\r\n';
  const normalized = original.replace(/\r\n/g, '\n');
  const clipped = clipText(normalized, { startLine: 1 });
  assert.ok(clipped.ok);
  const lines = includedLines(clipped, original, 'x.rst', 8);
  assert.deepEqual(lines, [
    { text: '        b', source: 'x.rst', line: 2, column: 1, offset: 3 },
    { text: 'c', source: 'x.rst', line: 3, column: 1, offset: 9 },
  ]);
});

test('should expand tabs to the next multiple of the tab width', () => {
  assert.equal(expandTabs('a\tb\n\tc', 4), 'a   b\n    c');
});

test('should insert the included lines with their own source and lines, and record the dependency', () => {
  inFixture('include-basic', (dir) => {
    const { call, inserted, document } = makeCall(include, { name: 'include', arguments: ['part.rst'], line: 6, settings: settingsFor(dir) });
    assert.deepEqual(include.run(call), []);
    assert.equal(inserted.length, 1);
    const lines = inserted[0]!.lines;
    assert.equal(inserted[0]!.source, 'part.rst');
    assert.deepEqual(
      lines.map((l) => [l.source, l.line, l.text]),
      [
        ['part.rst', 1, 'A paragraph from *part.rst*.'],
        ['part.rst', 2, ''],
        ['part.rst', 3, '- an item'],
        ['part.rst', 4, '- another item'],
        ['part.rst', 5, ''],
      ],
    );
    assert.deepEqual([...document.dependencies], [path.join(dir, 'part.rst')]);
  });
});

test('should resolve an include inside an included file beside that file', () => {
  inFixture('include-basic', (dir) => {
    const outer = makeCall(include, { name: 'include', arguments: ['sub/nested.rst'], line: 8, settings: settingsFor(dir) });
    include.run(outer.call);
    const innerLine = outer.inserted[0]!.lines.find((l) => l.text.startsWith('.. include::'))!;
    const inner = makeCall(include, {
      name: 'include',
      arguments: ['../leaf.txt'],
      line: innerLine.line,
      source: innerLine.source,
      document: outer.document,
    });
    include.run(inner.call);
    assert.equal(inner.inserted[0]!.source, 'leaf.txt');
    assert.equal(inner.inserted[0]!.lines[0]!.text, "The leaf, included beside ``sub/nested.rst``'s parent.");
  });
});

test('should refuse an include that leaves the root with a SEVERE message', () => {
  inFixture('include-outside-root', (dir) => {
    const error = runError(include, makeCall(include, { name: 'include', arguments: ['../../etc/passwd'], settings: settingsFor(dir) }));
    assert.equal(error.level, Level.SEVERE);
    assert.equal(error.message, 'Problems with "include" directive path:\nPath "../../etc/passwd" is outside the content root; refused.');
  });
});

test('should report a circular inclusion with the chain of includes', () => {
  inFixture('include-circular', (dir) => {
    const first = makeCall(include, { name: 'include', arguments: ['again.rst'], line: 3, settings: settingsFor(dir) });
    include.run(first.call);
    const again = makeCall(include, { name: 'include', arguments: ['again.rst'], line: 3, source: 'again.rst', document: first.document });
    const error = runError(include, again);
    assert.equal(error.level, Level.WARNING);
    assert.equal(error.message, 'circular inclusion in "include" directive:\nagain.rst\n> again.rst\n> input.rst');
  });
});

test('should include a literal block with expanded tabs, clipped lines and line numbers', () => {
  inFixture('include-literal', (dir) => {
    const whole = makeCall(include, { name: 'include', arguments: ['data.txt'], options: { literal: undefined }, settings: settingsFor(dir) });
    const [block] = include.run(whole.call) as RstElement[];
    assert.equal(block!.attributes.source, 'data.txt');
    assert.equal(toText(block!), 'first   line\nsecond line\n        third line\nfourth line\nfifth line\n');
    const numbered = makeCall(include, {
      name: 'include',
      arguments: ['data.txt'],
      options: { literal: undefined, 'number-lines': '9', 'start-line': '-2', class: 'shell', name: 'last lines' },
      settings: settingsFor(dir),
    });
    const [last] = include.run(numbered.call) as RstElement[];
    assert.deepEqual(last!.attributes.classes, ['shell']);
    assert.deepEqual(last!.attributes.names, ['last lines']);
    assert.deepEqual(
      last!.children.map((c) => (c.type === "text" ? toText(c) : `[${toText(c)}]`)),
      ['[ 9 ]', 'fourth line\n', '[10 ]', 'fifth line'],
    );
  });
});

test('should report marker text that is not found', () => {
  inFixture('include-clip', (dir) => {
    const error = runError(
      include,
      makeCall(include, { name: 'include', arguments: ['script.sh'], options: { literal: undefined, 'start-after': 'no such marker' }, settings: settingsFor(dir) }),
    );
    assert.equal(error.message, 'Problem with "start-after" option of "include" directive:\nText not found.');
  });
});

test('should include code as a code literal block naming its source', () => {
  inFixture('include-code', (dir) => {
    const { call } = makeCall(include, { name: 'include', arguments: ['hello.py'], options: { code: 'python' }, settings: settingsFor(dir) });
    const [block] = include.run(call) as RstElement[];
    assert.equal(block!.type, 'literal_block');
    assert.deepEqual(block!.attributes.classes, ['code', 'python']);
    assert.equal(block!.attributes.source, 'hello.py');
    assert.equal(toText(block!), 'def hello():\n    return "hello"');
  });
});

test('should include the seed guide scripts as bash code', () => {
  const dir = seedDir;
  for (const script of ['local_settings.sh', 'create_ext-net.sh', 'create_int-net.sh']) {
    const { call, document } = makeCall(include, {
      name: 'include',
      arguments: [script],
      options: { code: 'bash' },
      settings: { sourceName: path.join(dir, 'local.rst'), baseDir: dir, contentRoot: path.dirname(dir) },
    });
    const [block] = include.run(call) as RstElement[];
    assert.deepEqual((block!.attributes.classes as string[]).slice(0, 2), ["code", "bash"]);
    assert.match(toText(block!), /^#!\/bin\/sh\n/);
    assert.equal(document.dependencies.size, 1);
  }
});

test('should refuse the parser option and honour file insertion being disabled', () => {
  inFixture('include-basic', (dir) => {
    const parser = runError(include, makeCall(include, { name: 'include', arguments: ['part.rst'], options: { parser: 'markdown' }, settings: settingsFor(dir) }));
    assert.equal(parser.level, Level.ERROR);
    const disabled = runError(include, makeCall(include, { name: 'include', arguments: ['part.rst'], settings: { ...settingsFor(dir), fileInsertionEnabled: false } }));
    assert.equal(disabled.message, '"include" directive disabled.');
  });
});

test('should provide standard includes as unicode substitution definitions', () => {
  assert.deepEqual(STANDARD_INCLUDES, ['isonum.txt', 'xhtml1-lat1.txt', 'xhtml1-special.txt', 'xhtml1-symbol.txt']);
  const isonum = standardInclude('isonum.txt')!;
  assert.match(isonum, /^\.\. \|copy\| +unicode:: U\+000A9$/m);
  assert.equal(isonum.split('\n').filter(Boolean).length, 76);
  assert.match(standardInclude('xhtml1-symbol.txt')!, /^\.\. \|alpha\| +unicode:: U\+003B1$/m);
  assert.match(standardInclude('xhtml1-lat1.txt')!, /^\.\. \|eacute\| +unicode:: U\+000E9$/m);
  assert.match(standardInclude('xhtml1-special.txt')!, /^\.\. \|mdash\| +unicode:: U\+02014$/m);
  assert.equal(standardInclude('nonesuch.txt'), undefined);
  inFixture('include-standard', (dir) => {
    const { call, inserted } = makeCall(include, { name: 'include', arguments: ['<isonum.txt>'], settings: settingsFor(dir) });
    include.run(call);
    assert.equal(inserted[0]!.source, '<isonum.txt>');
    assert.ok(inserted[0]!.lines.some((l) => /\|frac12\|/.test(l.text)));
  });
});
