// The Markdown reader as a unified plugin and through the pipeline's
// renderGuide: its messages become vfile messages and diagnostics at their
// line (INFO stays in the tree only, as for RST), the front matter becomes
// docinfo and title metadata, a lone top heading the document title, and
// refused HTML never reaches the page as markup.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { markdownParse } from '../../src/markdown/index.js';
import { guideFormat, renderGuide } from '../../src/pipeline.js';
import { readSources } from '../../src/topology/sources.js';
import { repoRoot } from '../topology/fixture-cases.js';

test('should parse with unified().use(markdownParse) and report warnings as vfile messages at their place', () => {
  const file = new VFile({ path: 'g.md', value: '# A\n\n<div>x</div>\n\n# A\n' });
  const processor = unified().use(markdownParse);
  const tree = processor.parse(file) as unknown as { type: string; attributes: Record<string, unknown> };
  assert.equal(tree.type, 'document');
  assert.equal(tree.attributes.source, 'g.md');
  assert.deepEqual(file.messages.map((m) => [m.line, m.column, m.fatal, m.reason]), [[3, 1, false, 'raw HTML is disabled; it is shown as text.']]);
});

test('should choose the Markdown reader for .md and .markdown paths', () => {
  assert.equal(guideFormat('content/x/x.md'), 'markdown');
  assert.equal(guideFormat('X.MARKDOWN'), 'markdown');
  assert.equal(guideFormat('x.rst'), 'rst');
  assert.equal(guideFormat(undefined), 'rst');
});

test('should render a Markdown guide: title from the lone top heading, docinfo from the front matter, shiki on fences', async () => {
  const text = [
    '---', 'title: Metadata title', 'author: A. Name', 'version: 1.2', '---', '',
    '# Local guide', '', '## compute node', '', '```console', '$ ip netns', 'qdhcp-1', '```', '',
    'Inline <script>alert(1)</script> and [a](javascript:alert(1)).', '',
  ].join('\n');
  const { html, diagnostics, document } = await renderGuide(text, { path: '/nowhere/g.md' });
  assert.equal(document?.root.attributes.title, 'Metadata title');
  assert.match(html, /^<h1 class="title">Local guide<\/h1><dl class="docinfo"><dt class="author">Author<\/dt><dd class="author">A. Name<\/dd><dt class="version">Version<\/dt><dd class="version">1.2<\/dd><\/dl>/);
  assert.match(html, /<section id="compute-node"><h2>compute node<\/h2><pre class="literal-block code console shiki/);
  assert.ok(!html.includes('<script'), 'no markup from the guide');
  assert.match(html, /&#x3C;script>/);
  assert.ok(!/href="javascript:/.test(html), 'no javascript: link');
  assert.deepEqual(diagnostics.map((d) => [d.file, d.line, d.severity]), [['/nowhere/g.md', 16, 'warning'], ['/nowhere/g.md', 16, 'warning']]);
});

test('should render the same Markdown twice byte for byte', async () => {
  const text = '# T\n\n- a[^1]\n\n[^1]: note\n\n| a | b |\n|---|---|\n| 1 | 2 |\n';
  const one = await renderGuide(text, { path: 'g.md' });
  const two = await renderGuide(text, { path: 'g.md' });
  assert.equal(one.html, two.html);
  assert.match(one.html, /<table>/);
});

test('should read a .md guide in readSources and refuse other extensions with a clear message', () => {
  const dir = mkdtempSync(join(tmpdir(), 'md-guide-'));
  writeFileSync(join(dir, 'g.md'), '## network node\n\n```console\n$ ip netns\nqrouter-1\n```\n');
  writeFileSync(join(dir, 'g.html'), '<p>x</p>');
  const sources = readSources([join(dir, 'g.md'), join(dir, 'g.html')]);
  assert.deepEqual(sources.captures.map((c) => [c.host, c.command, c.lineOffset]), [['network', 'ip netns', 4]]);
  assert.deepEqual(sources.problems.map((p) => p.message), ['not a guide (.rst, .md) or a folder of captures']);
});

test('should run `netguide explain`, `rst2html` and `rst2xml` on a Markdown guide', () => {
  const guide = join(repoRoot, 'test/fixtures/markdown-guides/local/local.md');
  const cli = join(repoRoot, 'dist/src/cli.js');
  const explain = spawnSync(process.execPath, [cli, 'explain', guide, '--lang', 'zh'], { encoding: 'utf8' });
  assert.equal(explain.status, 0, explain.stderr);
  assert.match(explain.stdout, /local\.md:\d+/);
  const html = spawnSync(process.execPath, [cli, 'rst2html', guide], { encoding: 'utf8' });
  assert.equal(html.status, 0, html.stderr);
  assert.match(html.stdout, /<h1 class="title">OpenStack Network - Local<\/h1>/);
  assert.match(html.stderr, /local\.md:14:1: warning: Image file not found: "local\.png"\./);
  const xml = spawnSync(process.execPath, [cli, 'rst2xml', join(repoRoot, 'test/fixtures/markdown/raw-html/input.md'), '--strict'], { encoding: 'utf8' });
  assert.equal(xml.status, 1);
  assert.match(xml.stdout, /^<\?xml version="1\.0" encoding="utf-8"\?>\n<document source="[^"]*input\.md">\n    <system_message level="2" line="1"/);
  assert.match(xml.stderr, /input\.md:7:8: warning: raw HTML is disabled; it is shown as text\./);
});
