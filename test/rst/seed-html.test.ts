// The seed guide (content/local/local.rst, its copy in test/fixtures/seed) rendered by the whole rst → HTML
// pipeline shows what issue 2 asks for: docinfo, a numbered table of contents,
// numbered sections, the missing figure as a warning at its line, the three
// included scripts highlighted as bash, and every literal block intact.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import type { RstHtmlResult } from '../../src/rst/html.js';
import { renderGuide as rstToHtml } from '../../src/pipeline.js';
import { isElement, toText, type RstElement } from '../../src/rst/nodes.js';
import { seedDir as guideDir } from '../fixture-paths.js';

const seedPath = join(guideDir, 'local.rst');
const seedText = readFileSync(seedPath, 'utf8');
let result: RstHtmlResult;

before(async () => {
  result = await rstToHtml(seedText, {
    path: seedPath,
    parse: { sourceName: seedPath, baseDir: guideDir, contentRoot: guideDir },
    html: { imageBase: guideDir },
  });
});

/** Text of an HTML fragment as a browser shows it (tags dropped, character references decoded). */
function htmlText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#([0-9]+);/g, (_, dec: string) => String.fromCodePoint(parseInt(dec, 10)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** Tabs to spaces at stops of 8, as the parser reads lines. */
function expandTabs(line: string): string {
  let out = '';
  for (const c of line) out += c === '\t' ? ' '.repeat(8 - (out.length % 8)) : c;
  return out;
}

function preBlocks(html: string): Array<{ open: string; text: string }> {
  return [...html.matchAll(/(<pre\b[^>]*>)([\s\S]*?)<\/pre>/g)].map((m) => ({ open: m[1]!, text: htmlText(m[2]!) }));
}

function allElements(root: RstElement): RstElement[] {
  const out: RstElement[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    out.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) {
      const child = node.children[i]!;
      if (isElement(child)) stack.push(child);
    }
  }
  return out;
}

test('should render the seed without errors', () => {
  const errors = result.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'severe');
  assert.deepEqual(errors, []);
});

test('should show the bibliographic field list as docinfo with author and copyright', () => {
  const docinfo = /<dl class="docinfo">([\s\S]*?)<\/dl>/.exec(result.html);
  assert.ok(docinfo, 'a docinfo list');
  assert.match(docinfo[1]!, /<dt class="author">Author<\/dt><dd class="author">Yugang LIU/);
  assert.match(docinfo[1]!, /<dt class="copyright">Copyright<\/dt><dd class="copyright"><a [^>]*href="http:\/\/creativecommons.org\/licenses\/by-sa\/3.0\/"/);
  assert.doesNotMatch(result.html, /class="field-list"/, 'no field list left over');
});

test('should have a numbered table of contents linking to every section', () => {
  const nav = /<nav class="contents"[^>]*>([\s\S]*?)<\/nav>/.exec(result.html);
  assert.ok(nav, 'a contents nav');
  const entries = [...nav[1]!.matchAll(/<a class="reference internal" href="#([^"]+)"[^>]*><span class="sectnum">([0-9.]+)\u00a0{3}<\/span>/g)];
  const sectionCount = (result.html.match(/<section /g) ?? []).length;
  assert.equal(entries.length, sectionCount, 'one entry per section');
  assert.deepEqual(entries.slice(0, 2).map((e) => e[2]), ['1', '2']);
  assert.ok(entries.some((e) => e[2]!.includes('.')), 'sub-sections numbered n.m');
  for (const [, id] of entries) assert.match(result.html, new RegExp(`<section id="${id}"`), `target of #${id}`);
});

test('should number every section heading and link it back to its entry', () => {
  const headings = [...result.html.matchAll(/<h([2-6])>([\s\S]*?)<\/h\1>/g)];
  const sectionCount = (result.html.match(/<section /g) ?? []).length;
  assert.equal(headings.length, sectionCount);
  for (const [, , inner] of headings) {
    // docutils 0.19 names the entries `toc-entry-N` (auto_id_prefix "%").
    const backref = /^<a class="toc-backref" href="#(toc-entry-\d+)" role="doc-backlink"><span class="sectnum">[0-9.]+\u00a0{3}<\/span>/.exec(inner!);
    assert.ok(backref, inner);
    assert.match(result.html, new RegExp(`<a class="reference internal" href="#[^"]+" id="${backref[1]}"`), `entry ${backref[1]}`);
  }
});

test('should warn about the missing figure image at its line without failing', () => {
  const line = seedText.split('\n').findIndex((l) => /^\.\. figure:: local\.png/.test(l)) + 1;
  assert.ok(line > 0);
  const warning = result.diagnostics.find((d) => /local\.png/.test(d.message));
  assert.ok(warning, 'a diagnostic about local.png');
  assert.equal(warning.severity, 'warning');
  assert.equal(warning.line, line);
  assert.match(warning.file, /local\.rst$/);
  assert.match(result.html, /<figure><img src="local\.png" alt="local\.png"><\/figure>/);
});

test('should highlight the three included scripts as bash with their whole text', () => {
  const bash = preBlocks(result.html).filter((b) => /<pre [^>]*class="[^"]*shiki/.test(b.open));
  const scripts = [...seedText.matchAll(/^\.\. include:: (\S+)\n\s+:code: bash$/gm)].map((m) => m[1]!);
  assert.equal(scripts.length, 3);
  assert.equal(bash.length, 3);
  scripts.forEach((script, i) => {
    const source = readFileSync(join(guideDir, script), 'utf8');
    assert.equal(bash[i]!.text.replace(/\n+$/, ''), source.replace(/\n+$/, ''), `${script} intact`);
  });
  assert.equal((result.html.match(/<code class="language-bash">/g) ?? []).length, 3);
});

test('should keep every literal block of the document intact', () => {
  const literalTexts = allElements(result.document!.root)
    .filter((node) => node.type === 'literal_block')
    .map((node) => toText(node));
  const rendered = preBlocks(result.html).map((b) => b.text);
  assert.ok(literalTexts.length >= 20, `found ${literalTexts.length} literal blocks`);
  assert.equal(rendered.length, literalTexts.length);
  literalTexts.forEach((text, i) => assert.equal(rendered[i], text, `literal block ${i + 1}`));
  // And against the source: every indented line (literal block text; directive options aside) appears in the page.
  const page = htmlText(result.html);
  for (const line of seedText.split('\n')) {
    if (/^ {4}\S/.test(line) && !/^ {4}:[a-z-]+:/.test(line)) assert.ok(page.includes(expandTabs(line).slice(4).trimEnd()), line);
  }
});
