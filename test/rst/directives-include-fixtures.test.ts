// `include` end to end on fixture folders test/fixtures/rst/include-*/: real
// files beside input.rst (nested folders, a ../ path and a symbolic link that
// leave the folder, a file that includes itself, latin-1 text, standard
// includes). Each folder is both baseDir and content root, and the working
// directory, since docutils shows included paths relative to it. expected.xml
// is docutils 0.19's output where docutils agrees (basic, literal, clip, code,
// circular, standard minus its comments) and ours where we refuse on purpose
// (outside-root, encoding); it is compared byte for byte.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRst } from '../../src/rst/index.js';
import { toXml } from '../../src/rst/writers/xml.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.resolve(here, '../../../test/fixtures/rst');
const cases = readdirSync(fixtures).filter((name) => name.startsWith('include-')).sort();

test('should find the include fixture folders', () => {
  assert.ok(cases.length >= 8, cases.join(', '));
});

for (const name of cases) {
  test(`should include files as in ${name}`, () => {
    const folder = path.join(fixtures, name);
    const previous = process.cwd();
    process.chdir(folder);
    try {
      const { document } = parseRst(readFileSync('input.rst', 'utf8'), { sourceName: 'input.rst', baseDir: folder, contentRoot: folder });
      assert.equal(toXml(document.root), readFileSync('expected.xml', 'utf8'));
    } finally {
      process.chdir(previous);
    }
  });
}

test('should point nodes from an included file at lines of that file', () => {
  const folder = path.join(fixtures, 'include-basic');
  const previous = process.cwd();
  process.chdir(folder);
  try {
    const { document } = parseRst(readFileSync('input.rst', 'utf8'), { sourceName: 'input.rst', baseDir: folder, contentRoot: folder });
    const section = document.root.children[0] as { children: Array<{ type: string; position?: { start: { line: number } } }> };
    const lines = section.children.map((child) => `${child.type}@${child.position?.start.line}`);
    // title@1, "Before the include."@4, part.rst lines 1 and 3, sub/nested.rst line 1, leaf.txt line 1, input.rst line 10.
    assert.deepEqual(lines, ['title@1', 'paragraph@4', 'paragraph@1', 'bullet_list@3', 'paragraph@1', 'paragraph@1', 'paragraph@10']);
    assert.deepEqual([...document.dependencies].map((file) => path.relative(folder, file)).sort(), ['leaf.txt', 'part.rst', 'sub/nested.rst']);
  } finally {
    process.chdir(previous);
  }
});
