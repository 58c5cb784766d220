// The site's small parts, each on its own: a guide's language told from its
// text, URL segments and the base URL, the outline taken from a page's HTML,
// stale output removed, and the report's exit status and paths.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectLanguage } from '../../src/site/languages.js';
import { normaliseBase, slugOf } from '../../src/site/urls.js';
import { guidePage } from '../../src/pipeline.js';
import { rehypePageOutline, type PageOutline } from '../../src/site/page-outline.js';
import { removeStale } from '../../src/site/output.js';
import { BuildReport } from '../../src/site/report.js';
import { findGuides } from '../../src/site/guides.js';
import { fixtures, repo, temporary } from './helpers.js';

describe('a guide\'s language', () => {
  it('should be Chinese when the prose is written in Han characters, though headings and names are English', () => {
    assert.equal(detectLanguage(readFileSync(join(repo, 'test/fixtures/rst/transform-seed/input.rst'), 'utf8')), 'zh');
    assert.equal(detectLanguage(readFileSync(join(fixtures, 'three-guides/beta/beta.rst'), 'utf8')), 'zh');
  });

  it('should be the site\'s default (English) otherwise, whatever the captures hold', () => {
    assert.equal(detectLanguage(readFileSync(join(fixtures, 'three-guides/alpha/alpha.rst'), 'utf8')), 'en');
    assert.equal(detectLanguage(''), 'en');
    // Han characters in a literal block (indented) are not the prose
    assert.equal(detectLanguage('Title\n=====\n\nThe output::\n\n    名字 网络 命名空间 网桥 接口 路由器\n'), 'en');
    // an English guide quoting one Chinese word stays English
    assert.equal(detectLanguage('The Chinese word for bridge is 网桥, as the captures of a localised system show it here.\n'), 'en');
  });
});

describe('URLs', () => {
  it('should keep a safe folder name as the URL segment and slugify others', () => {
    assert.equal(slugOf('two-hosts'), 'two-hosts');
    assert.equal(slugOf('My Guide (v2)'), 'my-guide-v2');
    assert.equal(slugOf('网络'), encodeURIComponent('网络'));
  });

  it('should give --base-url one leading and one trailing slash', () => {
    for (const [given, base] of [[undefined, '/'], ['/', '/'], ['docs', '/docs/'], ['/docs/ng', '/docs/ng/'], ['//docs//ng//', '/docs/ng/']] as const) {
      assert.equal(normaliseBase(given), base, String(given));
    }
  });

  it('should find each guide folder of a content folder, never `_` or `.` folders or a folder without its guide', () => {
    const root = temporary('guides');
    for (const folder of ['b', 'a', '_data', '.git', 'notes']) mkdirSync(join(root, folder));
    for (const guide of ['a', 'b', '_data']) writeFileSync(join(root, guide, `${guide}.rst`), 'T\n=\n');
    writeFileSync(join(root, 'notes/readme.rst'), 'T\n=\n');
    assert.deepEqual(findGuides(root).map((g) => g.name), ['a', 'b']);
  });
});

describe('a page\'s outline', () => {
  const outlineOf = async (file: string) => {
    const into: PageOutline = { sectionIds: [] };
    const page = await guidePage(file, { contentRoot: join(fixtures, 'three-guides'), rehypePlugins: [[rehypePageOutline, { label: 'Contents', into }]] });
    return { into, html: page.html };
  };

  it('should move the guide\'s own contents topic out of the text', async () => {
    const { into, html } = await outlineOf(join(fixtures, 'three-guides/alpha/alpha.rst'));
    assert.equal(into.title, 'Alpha: one bridge and its namespaces');
    assert.deepEqual(into.sectionIds, ['compute-node', 'namespaces', 'the-open-vswitch-bridges', 'summary']);
    assert.equal(into.toc?.tagName, 'nav');
    assert.ok(!html.includes('class="contents"'), 'no longer in the text');
  });

  it('should keep the section ids when a translation (the guide\'s catalog) changes the titles: the switcher\'s targets', async () => {
    const { parseCatalog } = await import('../../src/i18n/guide-catalog.js');
    const file = join(fixtures, 'three-guides/alpha/alpha.rst');
    const catalog = parseCatalog(['msgid ""', 'msgstr ""', '"Language: zh\\n"', '', 'msgid "Namespaces"', 'msgstr "命名空间"', ''].join('\n'), 'zh.po');
    const source = await guidePage(file, { contentRoot: join(fixtures, 'three-guides') });
    const translated = await guidePage(file, { contentRoot: join(fixtures, 'three-guides'), translation: { lang: 'zh', catalog } });
    const ids = (html: string) => [...html.matchAll(/<section id="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(translated.html.includes('命名空间') && !source.html.includes('命名空间'));
    assert.deepEqual(ids(translated.html), ids(source.html));
  });

  it('should make a contents list from the sections when the guide has none', async () => {
    const { into } = await outlineOf(join(fixtures, 'three-guides/beta/beta.rst'));
    assert.equal(into.title, '贝塔：抓取保存在单独的文件里');
    const { toHtml } = await import('hast-util-to-html');
    assert.equal(toHtml(into.toc!), '<nav class="contents" role="doc-toc"><p class="topic-title">Contents</p><ul><li><a href="#section-2">准备</a></li><li><a href="#section-3">网络节点</a><ul><li><a href="#section-4">网桥</a></li><li><a href="#section-5">命名空间</a></li></ul></li></ul></nav>');
  });
});

describe('stale output', () => {
  it('should remove the files under the site\'s own folders this build did not write, and nothing else', () => {
    const out = temporary('stale');
    const write = (f: string) => { mkdirSync(join(out, f, '..'), { recursive: true }); writeFileSync(join(out, f), f); };
    for (const f of ['zh/a/index.html', 'zh/gone/index.html', 'zh/gone/topology/index.html', 'assets/site.css', 'assets/old.css', 'CNAME', 'other/x.html']) write(f);
    const removed = removeStale(out, ['zh/a/index.html', 'assets/site.css'].map((f) => join(out, f)), ['zh', 'en', 'assets']);
    assert.deepEqual(removed, ['assets/old.css', 'zh/gone/index.html', 'zh/gone/topology/index.html']);
    assert.ok(!existsSync(join(out, 'zh/gone')), 'empty folders go too');
    for (const f of ['zh/a/index.html', 'assets/site.css', 'CNAME', 'other/x.html']) assert.ok(existsSync(join(out, f)), f);
  });
});

describe('the build report', () => {
  const report = (strict: boolean) => {
    const lines: string[] = [];
    const r = new BuildReport({ contentRoot: '/work/content', userCwd: '/work', strict, write: (l) => lines.push(l) });
    return { r, lines };
  };

  it('should fail on severe problems only (docutils\' halt level), and on warnings with --strict', () => {
    for (const strict of [false, true]) {
      const { r } = report(strict);
      r.add('g', [{ file: 'g/g.rst', line: 3, severity: 'error', message: 'an error' }]);
      assert.equal(r.exitCode(), strict ? 1 : 0);
      r.add('g', [{ file: 'g/g.rst', line: 4, severity: 'severe', message: 'a severe one' }]);
      assert.equal(r.exitCode(), 1);
    }
    const { r } = report(true);
    r.add('g', [{ file: 'g/g.rst', line: 3, severity: 'info', message: 'just so you know' }]);
    assert.equal(r.exitCode(), 0);
  });

  it('should list each problem once, by guide, at its file:line from the user\'s folder', () => {
    const { r, lines } = report(false);
    const d = { file: 'g/g.rst', line: 3, column: 1, severity: 'warning' as const, message: 'twice' };
    r.add('g', [d, { ...d }]);
    r.add('g', [{ ...d }]);
    r.pages = 4;
    r.coverage.set('zh', undefined);
    r.coverage.set('en', { translated: 3, total: 4, fuzzy: 1 });
    r.printSummary();
    assert.match(lines[0]!, /^netguide build: 4 pages written in \d+\.\d s, 1 warnings, 0 errors, 0 severe$/);
    assert.deepEqual(lines.slice(1), ['  g:', '    content/g/g.rst:3:1: warning: twice', '  translation coverage: zh n/a, en 75% (3/4 segments, 1 fuzzy)']);
  });
});
