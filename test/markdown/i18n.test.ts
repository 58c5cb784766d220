// A Markdown guide in the i18n commands and on a translated page: its
// segments are the Markdown tree's paragraphs, headings (without their `#`s),
// list items, table cells (without their pipes) and front-matter prose, never
// code, names or fields that hold names; a translation is Markdown inline
// text (its **strong**, `code` and [links][label] become nodes, the guide's
// link definitions at hand), a missing one stays as written and marked.
//
//   test/fixtures/markdown-guides/segments/segments.md

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseHTML } from 'linkedom';
import type { CatalogEntry, GuideCatalog } from '../../src/i18n/guide-catalog.js';
import { findGuides, markupOf, segmentsOfText, selectGuides } from '../../src/i18n/guides.js';
import { hasWords } from '../../src/i18n/segments.js';
import { parseMarkdownInline } from '../../src/markdown/index.js';
import { renderGuide } from '../../src/pipeline.js';
import { fixturesDir } from '../fixture-paths.js';

const folder = join(fixturesDir, 'markdown-guides');
const file = join(folder, 'segments/segments.md');
const text = readFileSync(file, 'utf8');

function catalog(lang: string, entries: Record<string, string | { msgstr: string; fuzzy: boolean }>): GuideCatalog {
  const map = new Map<string, CatalogEntry>();
  for (const [msgid, value] of Object.entries(entries)) {
    const { msgstr, fuzzy } = typeof value === 'string' ? { msgstr: value, fuzzy: false } : value;
    map.set(msgid, { msgid, msgstr, fuzzy, references: [] });
  }
  return { path: join(folder, 'segments/locales', `${lang}.po`), lang, headers: {}, entries: map, obsolete: new Map() };
}

describe('a Markdown guide\'s segments', () => {
  it('should find headings, paragraphs, list items, table cells and front-matter prose, in document order, as written', () => {
    const segments = segmentsOfText(text, file, folder);
    assert.deepEqual(segments.map((s) => [s.node.type, s.msgid, s.lang, s.line]), [
      ['title', '本地网络', 'zh', 6],
      ['paragraph', '本文档采用 CC BY-SA 许可', 'zh', 3],
      ['paragraph', '计算节点上的网桥，见 [Neutron 文档][neutron] 和 `br-int`。', 'zh', 8],
      ['title', 'Check the bridges', 'en', 10],
      ['paragraph', 'qvo 端口在 **br-int** 里', 'zh', 12],
      ['paragraph', '每个 VM 有一个 qbr 网桥', 'zh', 14],
      ['paragraph', '接口', 'zh', 16],
      ['paragraph', '说明', 'zh', 16],
      ['paragraph', '连到 br-int 的一端', 'zh', 18],
    ]);
    // never code (a capture, a script, an indented block), a name alone, or the author's name
    const all = segments.map((s) => s.msgid).join('\n');
    for (const never of ['ovs-vsctl', '脚本的注释', 'veth0', '缩进的代码块', 'tap7bfa2daa-66', 'Yugang']) assert.ok(!all.includes(never), never);
  });

  it('should set Markdown code spans and link destinations aside when asking whether a text has words', () => {
    assert.equal(hasWords('`ip link`:', 'markdown'), false);
    assert.equal(hasWords('`ip link`:', 'rst'), true, 'one backtick is RST interpreted text, words');
    assert.equal(hasWords('[eth0](https://example.org/a b)', 'markdown'), false);
    assert.equal(hasWords('see [the docs](https://example.org/)', 'markdown'), true);
  });

  it('should find <guide>/<guide>.md as the i18n commands\' guide, .rst first, and tell the markup by the name', () => {
    assert.deepEqual(findGuides(folder).map((g) => [g.name, g.file]), [
      ['local', join(folder, 'local/local.md')],
      ['segments', join(folder, 'segments/segments.md')],
    ]);
    assert.deepEqual(selectGuides(folder, [file, 'segments', 'nowhere']), {
      guides: [{ name: 'segments', file }, { name: 'segments', file: join(folder, 'segments/segments.md') }],
      unknown: ['nowhere'],
    });
    assert.equal(markupOf('a/b.md'), 'markdown');
    assert.equal(markupOf('a/b.MARKDOWN'), 'markdown');
    assert.equal(markupOf('a/b.rst'), 'rst');
  });
});

describe('a Markdown guide translated', () => {
  it('should put each translation in as Markdown inline text and mark the rest untranslated', async () => {
    const en = catalog('en', {
      '本地网络': 'Local network',
      '计算节点上的网桥，见 [Neutron 文档][neutron] 和 `br-int`。': 'The bridges of the compute node: see [the Neutron docs][neutron] and `br-int`.',
      'qvo 端口在 **br-int** 里': 'The qvo port is in **br-int**',
      '连到 br-int 的一端': 'the end on br-int',
      '说明': { msgstr: 'Meaning', fuzzy: true },
    });
    const { html, diagnostics } = await renderGuide(text, { path: file, translation: { lang: 'en', catalog: en } });
    assert.deepEqual(diagnostics.filter((d) => d.severity !== 'info'), []);
    const { document } = parseHTML(`<html><body>${html}</body></html>`);
    assert.equal(document.querySelector('h1')!.textContent, 'Local network');
    const link = document.querySelector('a[href="https://docs.openstack.org/neutron/"]')!;
    assert.equal(link.textContent, 'the Neutron docs', 'the reference finds the guide\'s definition');
    assert.equal(link.closest('p')!.querySelector('code')!.textContent, 'br-int');
    assert.equal(document.querySelector('li strong')!.textContent, 'br-int');
    assert.match(document.querySelector('li')!.textContent!, /^The qvo port is in br-int$/);
    const cells = Array.from(document.querySelectorAll('td, th') as ArrayLike<Element>).map((c) => c.textContent!.trim());
    assert.ok(cells.includes('the end on br-int'));
    // fuzzy and missing stay as written, in their own language, marked
    const untranslated = Array.from(document.querySelectorAll('.untranslated') as ArrayLike<Element>).map((e) => [e.getAttribute('lang'), e.textContent]);
    assert.ok(untranslated.some(([lang, t]) => lang === 'zh' && t === '说明'), JSON.stringify(untranslated));
    assert.ok(untranslated.some(([lang, t]) => lang === 'zh' && t === '每个 VM 有一个 qbr 网桥'));
    assert.ok(!untranslated.some(([, t]) => t === 'Check the bridges'), 'English already');
    // the captures and code stay as they are
    assert.match(html, /\$ ovs-vsctl show/);
  });

  it('should keep a translation that is not one paragraph as plain text, with a warning', () => {
    const list = parseMarkdownInline('1. 第一步');
    assert.deepEqual(list.nodes.map((n) => n.type), ['text']);
    assert.match(list.messages[0]!.message, /not one paragraph/);
    const inline = parseMarkdownInline('see [x][a] and *y*', { definitions: '[a]: https://example.org/' });
    assert.deepEqual(inline.nodes.map((n) => n.type), ['text', 'reference', 'text', 'emphasis']);
    assert.deepEqual(inline.messages, []);
  });
});
