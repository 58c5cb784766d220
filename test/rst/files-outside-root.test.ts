// No directive reads or points at a file outside the content root: include
// (plain, :literal:, :code:), image, figure, csv-table :file: and raw :file:
// given `../../etc/passwd`, an absolute path, a symbolic link to a file outside,
// or a path through a linked folder, are refused with an error naming the path,
// and nothing of the file reaches the HTML. `literalinclude` (Sphinx's; docutils
// has none, nor do we) is an unknown directive. `raw` (directive and role) is
// refused unless raw is enabled.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rstToHtml } from '../../src/rst/html.js';
import type { Diagnostic } from '../../src/diagnostics.js';

const SECRET = 'TOP-SECRET-OUTSIDE-THE-ROOT';
let top = '';
let root = '';
let guide = '';

before(() => {
  // top/secret.txt           outside the root
  // top/root/guide/guide.rst the document; inside.txt, inside.csv, inside.png beside it
  // top/root/guide/link-out.txt → ../../secret.txt;  top/root/guide/out → ../.. (a folder outside)
  top = mkdtempSync(join(tmpdir(), 'netguide-files-'));
  root = join(top, 'root');
  guide = join(root, 'guide');
  mkdirSync(guide, { recursive: true });
  writeFileSync(join(top, 'secret.txt'), `${SECRET}\n`);
  writeFileSync(join(top, 'secret.csv'), `${SECRET},x\n`);
  writeFileSync(join(guide, 'inside.txt'), 'inside text\n');
  writeFileSync(join(guide, 'inside.csv'), 'a,b\n');
  writeFileSync(join(guide, 'inside.png'), '');
  symlinkSync('../../secret.txt', join(guide, 'link-out.txt'));
  symlinkSync('../..', join(guide, 'out'));
});

after(() => rmSync(top, { recursive: true, force: true }));

async function render(text: string, rawEnabled = false): Promise<{ html: string; diagnostics: Diagnostic[] }> {
  const path = join(guide, 'guide.rst');
  const { html, diagnostics } = await rstToHtml(text, {
    path,
    parse: { sourceName: path, baseDir: guide, contentRoot: root, rawEnabled },
    html: { allowRaw: rawEnabled },
  });
  return { html, diagnostics };
}

/** The ways out of the root, as a directive would name them (relative to the guide's folder). */
const escapes = (): [string, string][] => [
  ['../../secret.txt', 'a path up and out'],
  ['../'.repeat(30) + 'etc/passwd', '../../etc/passwd, up to the real /etc/passwd'],
  [join(top, 'secret.txt'), 'an absolute path'],
  ['/etc/passwd', 'an absolute system path'],
  ['link-out.txt', 'a symbolic link to a file outside'],
  ['out/secret.txt', 'a path through a linked folder outside'],
];

function assertRefused(result: { html: string; diagnostics: Diagnostic[] }, directive: string, target: string): void {
  const refusal = result.diagnostics.find((d) => /outside the content root/.test(d.message));
  assert.ok(refusal, `${directive} ${target}: refused (${result.diagnostics.map((d) => d.message).join(' | ') || 'no message'})`);
  assert.ok(refusal.severity === 'error' || refusal.severity === 'severe', `${directive} ${target}: an error, not a ${refusal.severity}`);
  assert.match(refusal.message, new RegExp(`Problems with "${directive}" directive path`));
  assert.ok(refusal.line !== undefined && refusal.file.endsWith('guide.rst'), 'at its file and line');
  assert.ok(!result.html.includes(SECRET), `${directive} ${target}: the file's text is not in the page`);
  assert.ok(!/root:x?:0:0:/.test(result.html), `${directive} ${target}: /etc/passwd is not in the page`);
  assert.ok(!/<img[^>]+(secret|passwd)/.test(result.html), `${directive} ${target}: no image points at it`);
}

const directives: [string, (target: string) => string][] = [
  ['include', (t) => `.. include:: ${t}\n`],
  ['include', (t) => `.. include:: ${t}\n   :literal:\n`],
  ['include', (t) => `.. include:: ${t}\n   :code: text\n`],
  ['image', (t) => `.. image:: ${t}\n`],
  ['figure', (t) => `.. figure:: ${t}\n\n   A caption.\n`],
  ['csv-table', (t) => `.. csv-table:: T\n   :file: ${t.replace('secret.txt', 'secret.csv')}\n`],
  ['raw', (t) => `.. raw:: html\n   :file: ${t}\n`],
];

for (const [directive, make] of directives) {
  const variant = make('x').split('\n')[1]?.trim() || 'plain';
  test(`${directive} (${variant}) refuses every path out of the content root`, async () => {
    for (const [target, what] of escapes()) {
      const result = await render(`Title\n=====\n\n${make(target)}\nAfter.\n`, directive === 'raw');
      assertRefused(result, directive, `${target} (${what})`);
      assert.ok(result.html.includes('After.'), 'the rest of the document is still built');
    }
  });
}

test('the same directives read files inside the content root', async () => {
  const inside = await render('.. include:: inside.txt\n   :literal:\n\n.. image:: inside.png\n\n.. csv-table:: T\n   :file: inside.csv\n');
  assert.deepEqual(inside.diagnostics, []);
  assert.ok(inside.html.includes('inside text'));
  assert.match(inside.html, /<img[^>]+src="inside\.png"/);
  assert.match(inside.html, /<td><p>a<\/p><\/td>/);
});

test('literalinclude does not exist (docutils has none): an unknown directive, nothing read', async () => {
  const result = await render(`.. literalinclude:: ${'../'.repeat(30)}etc/passwd\n`);
  assert.ok(result.diagnostics.some((d) => d.severity === 'error' && d.message === 'Unknown directive type "literalinclude".'));
  assert.ok(!/root:x?:0:0:/.test(result.html));
});

test('raw is refused unless enabled, as a directive and as a role', async () => {
  const directive = await render('.. raw:: html\n\n   <script>alert(1)</script>\n');
  assert.deepEqual(directive.diagnostics.map((d) => `${d.severity}: ${d.message}`), ['warning: "raw" directive disabled.']);
  assert.ok(!directive.html.includes('<script>'));
  const role = await render('.. role:: raw-html(raw)\n   :format: html\n\nA :raw-html:`<script>alert(1)</script>` here.\n');
  assert.ok(role.diagnostics.some((d) => /raw/.test(d.message) && /disabled/.test(d.message)), role.diagnostics.map((d) => d.message).join(' | '));
  assert.ok(!role.html.includes('<script>'));
  const enabled = await render('.. raw:: html\n\n   <b class="x">bold</b>\n', true);
  assert.deepEqual(enabled.diagnostics, []);
  assert.ok(enabled.html.includes('<b class="x">bold</b>'));
});
