// The seed's catalogs (a copy in test/fixtures/i18n/seed, see its README)
// cover every segment of the seed, none fuzzy, every translation clean
// reStructuredText; its English page has no Chinese sentence left outside its
// captures and scripts, its Chinese page every heading in Chinese.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { guideCatalog } from '../../src/i18n/guide-catalog.js';
import { guideCoverage } from '../../src/i18n/guide-status.js';
import { readGuideSegments } from '../../src/i18n/guides.js';
import { renderGuide } from '../../src/pipeline.js';

const repo = resolve(import.meta.dirname, '../../..');
const file = join(repo, 'test/fixtures/i18n/seed/local/local.rst');
const guide = readGuideSegments({ name: 'local', file });

async function page(lang: 'zh' | 'en'): Promise<string> {
  const { html } = await renderGuide(readFileSync(file, 'utf8'), {
    path: file,
    parse: { sourceName: file, baseDir: dirname(file), contentRoot: dirname(file) },
    highlight: false,
    translation: { lang, catalog: guideCatalog(file, lang) },
  });
  return html;
}

describe("the seed's catalogs", () => {
  const coverage = guideCoverage(guide, ['zh', 'en']);
  const of = (lang: string) => coverage.languages.find((l) => l.lang === lang)!;

  it('should translate every segment into English, none fuzzy', () => {
    assert.deepEqual([of('en').percent, of('en').translated, of('en').needed, of('en').fuzzy, of('en').missing, of('en').stale], [100, 14, 14, 0, 0, 0]);
  });

  it('should translate every English heading and sentence into Chinese, none fuzzy', () => {
    assert.deepEqual([of('zh').percent, of('zh').translated, of('zh').needed, of('zh').fuzzy, of('zh').missing], [100, 10, 10, 0, 0]);
  });

  it('should hold only clean reStructuredText translations', () => {
    assert.deepEqual(coverage.diagnostics, []);
  });

  it('should leave no Chinese on the English page outside captures and scripts', async () => {
    const html = await page('en');
    const prose = html.replace(/<pre[\s\S]*?<\/pre>/g, '');
    assert.deepEqual(prose.match(/[^<>]*\p{Script=Han}[^<>]*/gu) ?? [], []);
    assert.ok(!html.includes('untranslated'));
    assert.match(html, /qvb7bfa2daa-66 and qvo7bfa2daa-66 are the two ends of a veth pair\./);
  });

  it('should give every heading of the Chinese page in Chinese (a name such as OpenFlow stays as it is)', async () => {
    const html = await page('zh');
    const headings = [...html.matchAll(/<h[1-6][^>]*>([\s\S]*?)<\/h[1-6]>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '').replace(/^[\d.]+\s+/, ''));
    assert.deepEqual(headings, ['OpenStack 网络 - Local 类型', '配置网络', '创建外部网络', '创建内部网络', '创建虚拟机', '检查网络', '计算节点', 'OpenFlow']);
    assert.match(html, /<dt class="author">作者<\/dt>/);
    assert.match(html, /<dt class="copyright">版权<\/dt>/);
    assert.match(html, /<p class="topic-title">目录<\/p>/);
    assert.ok(!html.includes('untranslated'));
  });
});
