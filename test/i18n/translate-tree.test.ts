// A guide rendered in another language with its catalog
// (test/fixtures/i18n/render/guide): translated titles in the contents and the
// numbering, section ids those of the source, links in a translation resolved,
// a fuzzy or missing translation left as written with its own lang and the
// quiet mark, a problem in a translation reported at its line in the catalog.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { guideCatalog } from '../../src/i18n/guide-catalog.js';
import { msgstrLines, parseCatalog } from '../../src/i18n/guide-catalog.js';
import { renderGuide, type GuideTranslation } from '../../src/pipeline.js';

const repo = resolve(import.meta.dirname, '../../..');
const file = join(repo, 'test/fixtures/i18n/render/guide/guide.rst');
const text = readFileSync(file, 'utf8');

function render(translation?: GuideTranslation) {
  return renderGuide(text, {
    path: file,
    parse: { sourceName: file, baseDir: dirname(file), contentRoot: dirname(file) },
    highlight: false,
    ...(translation ? { translation } : {}),
  });
}

const ids = (html: string) => [...html.matchAll(/<section id="([^"]+)"/g)].map((m) => m[1]);

describe('a guide in another language', async () => {
  const source = await render();
  const english = await render({ lang: 'en', catalog: guideCatalog(file, 'en') });
  const html = english.html;

  it('should show translated titles in the contents, the numbering and the headings', () => {
    assert.match(html, /<h1 class="title">The guide's title<\/h1>/);
    assert.match(html, /<p class="topic-title">Contents<\/p>/);
    assert.match(html, /href="#section-2" id="toc-entry-1"><span class="sectnum">1\s{3}<\/span>Configure the bridge<\/a>/);
    assert.match(html, /<h2><a class="toc-backref" href="#toc-entry-2" role="doc-backlink"><span class="sectnum">2\s{3}<\/span>Check the network<\/a><\/h2>/);
    assert.ok(!/配置网桥|检查网络|指南标题/.test(html), 'no Chinese title is left');
  });

  it('should keep the section ids of the source', () => {
    assert.deepEqual(ids(html), ids(source.html));
    assert.ok(ids(html).length === 2);
  });

  it('should parse a translation as reStructuredText: emphasis, links, anonymous links in order, a closing ::', () => {
    assert.match(html, /<p>This explains <em>SimpleStack<\/em>: see <a class="reference external" href="https:\/\/example\.org\/simplestack">SimpleStack<\/a>\.<\/p>/);
    assert.match(html, /See <a class="reference external" href="https:\/\/example\.org\/one">the first<\/a> and <a class="reference external" href="https:\/\/example\.org\/two">the second<\/a>\./);
    assert.match(html, /<p>Run this command:<\/p><pre class="literal-block">ovs-vsctl add-br br-int<\/pre>/);
    assert.match(html, /<aside class="admonition note"><p class="admonition-title">Note<\/p><p>Mind the bridge's name\.<\/p>/);
  });

  it('should name the guide\'s own fields in the page\'s language (docinfo reads :作者: on an English page)', () => {
    assert.match(html, /<dt class="author">Author<\/dt><dd class="author">测试者<\/dd><dt class="copyright">Copyright<\/dt><dd class="copyright">Attribution 3\.0<\/dd>/);
  });

  it('should leave a fuzzy or missing translation as written, with its language and the quiet mark', () => {
    const mark = (words: string) => new RegExp(`<p><span lang="zh" class="untranslated" title="Not yet translated[^"]*">${words}</span></p>`);
    assert.match(html, mark('这一段的翻译已经过时。'), 'fuzzy');
    assert.match(html, mark('这一段还没有翻译。'), 'missing');
    assert.ok(!html.includes("This paragraph's translation is out of date."), 'a fuzzy translation is not shown');
  });

  it('should report a problem in a translation at its line in the catalog', () => {
    const catalogFile = join(dirname(file), 'locales/en.po');
    const line = msgstrLines(readFileSync(catalogFile, 'utf8')).get('这一段的翻译有问题。');
    const problem = english.diagnostics.find((d) => d.message.startsWith('Inline literal'));
    assert.deepEqual([problem?.file, problem?.line, problem?.severity], [catalogFile, line, 'warning']);
    assert.ok(!english.diagnostics.some((d) => d.file === file && d.severity !== 'warning' && d.severity !== 'info'), 'the guide itself has no new problem');
  });

  it('should mark every segment in another language when there is no catalog, in the page language\'s words', async () => {
    const chinese = await render({ lang: 'zh' });
    assert.ok(!chinese.html.includes('untranslated'), 'a Chinese guide on its Chinese page needs nothing');
    assert.match(chinese.html, /<dt class="author">作者<\/dt>/);
    assert.match(chinese.html, /<p class="topic-title">目录<\/p>/);
    assert.match(chinese.html, /<p class="admonition-title">注解<\/p>/);
    const untranslated = await render({ lang: 'en' });
    const marks = untranslated.html.match(/<span lang="zh" class="untranslated" title="Not yet translated/g) ?? [];
    // 11 segments, one of them in the table of contents twice over (entry and heading).
    assert.equal(marks.length, 11 + 2);
    assert.deepEqual(ids(untranslated.html), ids(source.html));
  });
});

describe('a translation with references of its own', () => {
  const text = '标题\n====\n\n第一段 [#]_ 。\n\n第二段 [#]_ 。\n\n.. [#] 注一\n.. [#] 注二\n';
  const po = [
    'msgid ""', 'msgstr ""', '"Language: en\\n"', '',
    'msgid "第一段 [#]_ 。"', 'msgstr "First [#]_, see `Nowhere`_."', '',
    'msgid "第二段 [#]_ 。"', 'msgstr "Second [#]_."', '',
  ].join('\n');

  it('should number auto footnotes in document order and show an unresolved link as the translator wrote it', async () => {
    const { html, diagnostics } = await renderGuide(text, { path: 'g.rst', highlight: false, translation: { lang: 'en', catalog: parseCatalog(po, 'locales/en.po') } });
    assert.match(html, /<p>First <a class="footnote-reference brackets"[^>]*href="#footnote-1"[\s\S]*?, see <a class="problematic"[^>]*>`Nowhere`_<\/a>\.<\/p><p>Second <a class="footnote-reference brackets"[^>]*href="#footnote-2"/);
    assert.ok(diagnostics.some((d) => d.message === 'Unknown target name: "nowhere".' && d.line === 4), 'reported where the segment is');
  });
});
