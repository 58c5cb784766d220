// `netguide build` on a content folder outside the project (five guides: the
// seed, an English and a Chinese guide with no data files, one with hostile
// captures, one that includes a two-host capture bundle), run from a folder
// outside the project, twice: the pages of every guide in both languages, every
// link (and every #fragment) resolving, the language switcher, hreflang,
// navigation, home pages, the summary on stderr, byte-identical builds.

import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildTopology } from '../../src/topology/build.js';
import { readSources } from '../../src/topology/sources.js';
import { alternates, build, decode, files, links, makeContent, page, pages, temporary, type BuildRun } from './helpers.js';

const GUIDES = ['alpha', 'beta', 'evil', 'local', 'two-hosts'];
/** Each guide's own language, as its text shows (no data file says it). */
const SOURCE: Record<string, string> = { alpha: 'en', beta: 'zh', evil: 'en', local: 'zh', 'two-hosts': 'en' };
const LANGS = ['zh', 'en'];

describe('netguide build of a content folder outside the project', () => {
  let root = '';
  let content = '';
  let out = '';
  let first: BuildRun;
  let second: BuildRun;

  before(async () => {
    root = temporary('site');
    content = makeContent(root, ['alpha', 'beta', 'evil', 'seed', 'two-hosts']);
    // relative paths, from the folder that holds the content folder (not the project)
    first = await build(root, ['--content', 'content', '--out', 'site']);
    second = await build(root, ['--content', 'content', '--out', 'again']);
    out = join(root, 'site');
  });

  it('should build without failing and say what it did on stderr: a line per guide, then the summary', () => {
    assert.equal(first.code, 0, first.stderr);
    const lines = first.stderr.split('\n');
    for (const guide of GUIDES) {
      assert.equal(lines.filter((l) => new RegExp(`^  ${guide}  `).test(l)).length, 1, `one progress line for ${guide}:\n${first.stderr}`);
    }
    assert.match(first.stderr, /netguide build: 23 pages written in \d+\.\d s, \d+ warnings, 0 errors, 0 severe/);
    // problems by file:line, relative to the folder the command ran in, each once
    assert.match(first.stderr, /^ {4}content\/evil\/evil\.rst:11:1: warning: capture line not understood/m);
    assert.match(first.stderr, /^ {4}content\/local\/local\.rst:15:1: warning: Image file not found: "local\.png"\.$/m);
    assert.equal(first.stderr.split('Image file not found').length - 1, 1, 'said once, though both languages render it');
    assert.match(first.stderr, /translation coverage: zh 0% \(0\/\d+ segments, 0 fuzzy\), en 0% \(0\/\d+ segments, 0 fuzzy\)/);
    assert.ok(!/\n\s+at .*\(/.test(first.stderr), 'no stack trace');
  });

  it('should publish every guide in both languages, both topology pages, a home page per language and /', () => {
    const expected = ['', ...LANGS.flatMap((l) => [`${l}/`, ...GUIDES.flatMap((g) => [`${l}/${g}/`, `${l}/${g}/topology/`])])].sort();
    assert.deepEqual(pages(out), expected);
    for (const url of expected) {
      const lang = url === '' ? 'zh' : url.slice(0, 2);
      assert.match(page(out, url), new RegExp(`^<!doctype html>\\n<html lang="${lang}">`), url);
    }
  });

  it('should tell each guide\'s language from its text, and show a guide not yet translated as written, marked with its language', () => {
    for (const guide of GUIDES) {
      for (const lang of LANGS) {
        const html = page(out, `${lang}/${guide}/`);
        const article = /<article class="guide" lang="(\w+)" data-pagefind-body>/.exec(html);
        assert.ok(article, `${lang}/${guide}: the guide's text`);
        assert.equal(article[1], SOURCE[guide], `${lang}/${guide}: the text is in the guide's language`);
        assert.equal(html.includes('class="untranslated-note"'), lang !== SOURCE[guide], `${lang}/${guide}: the note says it is not translated`);
      }
    }
  });

  it('should resolve every link of every page: each file exists, each #fragment is an id of its page', () => {
    const ids = new Map<string, Set<string>>();
    const idsOf = (url: string) => {
      let found = ids.get(url);
      if (!found) ids.set(url, (found = new Set([...page(out, url).matchAll(/\sid="([^"]+)"/g)].map((m) => decode(m[1]!)))));
      return found;
    };
    let checked = 0;
    for (const url of pages(out)) {
      const html = page(out, url);
      for (const link of links(html)) {
        if (/^(https?:|mailto:)/.test(link)) continue;
        assert.ok(!link.startsWith('//'), `${url}: ${link} is not a host name`);
        const [path, fragment] = link.split('#') as [string, string | undefined];
        const target = path === '' ? url : path.startsWith('/') ? path.slice(1) : assert.fail(`${url}: relative link ${link}`);
        const file = join(out, target);
        assert.ok(existsSync(file) && (statSync(file).isFile() || existsSync(join(file, 'index.html'))), `${url}: ${link} exists`);
        if (fragment) assert.ok(idsOf(target).has(decodeURIComponent(fragment)), `${url}: #${fragment} is an id of /${target}`);
        checked++;
      }
      assert.ok(!/\slang=""/.test(html), `${url}: no empty lang`);
    }
    assert.ok(checked > 1000, `${checked} links checked`);
  });

  it('should give every guide and topology page hreflang alternates (x-default: the guide\'s own language) and a switcher to the same page', () => {
    for (const guide of GUIDES) {
      for (const [suffix, kind] of [['', 'guide'], ['topology/', 'topology']] as const) {
        for (const lang of LANGS) {
          const html = page(out, `${lang}/${guide}/${suffix}`);
          assert.deepEqual(alternates(html), { zh: `/zh/${guide}/${suffix}`, en: `/en/${guide}/${suffix}`, 'x-default': `/${SOURCE[guide]}/${guide}/${suffix}` }, `${lang} ${kind} of ${guide}`);
          const switcher = [...html.matchAll(/<a class="switch-language" href="([^"]+)" hreflang="(\w+)"/g)].map((m) => [m[2], m[1]]);
          assert.deepEqual(switcher, [['zh', `/zh/${guide}/${suffix}`], ['en', `/en/${guide}/${suffix}`]]);
        }
      }
    }
    for (const lang of LANGS) assert.deepEqual(alternates(page(out, `${lang}/`)), { zh: '/zh/', en: '/en/', 'x-default': '/' });
  });

  it('should give a guide\'s sections the same ids in both languages (the switcher lands on the same section)', () => {
    for (const guide of GUIDES) {
      const ids = (lang: string) => [...page(out, `${lang}/${guide}/`).matchAll(/<section id="([^"]+)"/g)].map((m) => m[1]);
      // evil's one section became its subtitle (docutils' doctitle transform): no sections
      assert.equal(ids('zh').length > 0, guide !== 'evil', guide);
      assert.deepEqual(ids('en'), ids('zh'), guide);
    }
  });

  it('should put the site\'s navigation on every page: every guide, and this guide\'s text and topology, in the page\'s language', () => {
    for (const lang of LANGS) {
      for (const guide of GUIDES) {
        for (const suffix of ['', 'topology/']) {
          const html = page(out, `${lang}/${guide}/${suffix}`);
          const nav = /<nav class="site-nav"[\s\S]*?<\/nav>/.exec(html)![0];
          const listed = [...nav.matchAll(/<li><a href="([^"]+)"/g)].map((m) => m[1]);
          assert.deepEqual(listed, GUIDES.map((g) => `/${lang}/${g}/`));
          assert.ok(nav.includes(`<a href="/${lang}/${guide}/"`) && nav.includes(`<a href="/${lang}/${guide}/topology/"`), `${lang}/${guide}/${suffix}: this guide's pages`);
          assert.match(html, /<div class="search" id="search" role="search" data-base="\/"/, 'the search box');
          assert.match(html, /<script src="\/pagefind\/pagefind-ui\.js"><\/script>/);
          assert.match(html, /<link rel="icon" href="\/assets\/favicon\.svg"/);
        }
      }
    }
  });

  it('should list each guide once on each language\'s home page, with its title, its languages and its topology page', () => {
    for (const lang of LANGS) {
      const html = page(out, `${lang}/`);
      const cards = [...html.matchAll(/<li class="guide-card">([\s\S]*?)<\/li>/g)].map((m) => m[1]!);
      assert.equal(cards.length, GUIDES.length);
      GUIDES.forEach((guide, i) => {
        const card = cards[i]!;
        assert.match(card, new RegExp(`<h3><a href="/${lang}/${guide}/" lang="${SOURCE[guide]}">[^<]+</a></h3>`));
        assert.ok(card.includes(`href="/zh/${guide}/" hreflang="zh"`) && card.includes(`href="/en/${guide}/" hreflang="en"`), `${guide}: both languages`);
        assert.match(card, new RegExp(`<span class="version-status original">`));
        assert.ok(card.includes(`<a href="/${lang}/${guide}/topology/">`), `${guide}: its topology page`);
      });
    }
    assert.equal(/<h3><a href="\/en\/beta\/" lang="zh">([^<]+)</.exec(page(out, 'en/'))![1], '贝塔：抓取保存在单独的文件里', 'the title from the guide');
    const root = page(out, '');
    assert.ok(root.includes('<a href="/zh/" hreflang="zh">') && root.includes('<a href="/en/" hreflang="en">'), '/ lets the reader choose');
  });

  it('should put a table of contents beside the text: the guide\'s own contents topic, or one made from its sections', () => {
    const alpha = page(out, 'en/alpha/');
    const toc = /<aside class="toc">([\s\S]*?)<\/aside>/.exec(alpha)![1]!;
    assert.match(toc, /<nav class="contents"[^>]*role="doc-toc"/, 'the guide\'s contents topic, moved beside the text');
    assert.ok(!/<article[\s\S]*class="contents"/.test(alpha.slice(alpha.indexOf('<article'))), 'and no longer in the text');
    const beta = page(out, 'zh/beta/');
    const made = /<aside class="toc">([\s\S]*?)<\/aside>/.exec(beta)![1]!;
    const entries = [...made.matchAll(/<a href="#([^"]+)">([^<]+)<\/a>/g)].map((m) => m[2]);
    assert.deepEqual(entries, ['准备', '网络节点', '网桥', '命名空间']);
  });

  it('should link each capture on the guide page to its first line on the topology page of the same language', () => {
    const captures = readSources([join(content, 'local/local.rst')]).captures;
    assert.ok(captures.length > 10);
    for (const lang of LANGS) {
      const guide = page(out, `${lang}/local`);
      const topology = page(out, `${lang}/local/topology`);
      const found = [...guide.matchAll(/<\/pre><p class="capture-link"><a href="\/(\w+)\/local\/topology\/#([^"]+)">/g)];
      assert.equal(found.length, captures.length, 'one link per capture');
      for (const [, linkLang, anchor] of found) {
        assert.equal(linkLang, lang);
        assert.ok(topology.includes(`id="${anchor}"`), `#${anchor} is a row of the topology page`);
      }
      assert.deepEqual(found.map((l) => Number(/-(\d+)$/.exec(l[2]!)![1])), captures.map((c) => c.lineOffset + 1));
    }
  });

  it('should show the drawn topology where the seed\'s figure image is missing, the same drawing as the topology page', () => {
    for (const lang of LANGS) {
      const guide = page(out, `${lang}/local`);
      assert.ok(!guide.includes('<img src="local.png"'), 'no broken image');
      const figure = new RegExp(`<div class="generated-figure">(<svg[\\s\\S]*?</svg>)<p class="generated-figure-note">([^<]*)<a href="/${lang}/local/topology/">`).exec(guide);
      assert.ok(figure, 'a generated figure with its note and link');
      assert.match(figure[2]!, /local\.png/);
      assert.equal(figure[1], /<svg[\s\S]*?<\/svg>/.exec(page(out, `${lang}/local/topology`))![0]);
    }
  });

  it('should draw every bridge, port and interface of the seed, each saying where it was seen (paths relative to the content folder)', () => {
    const topology = buildTopology(readSources([join(content, 'local/local.rst')]));
    const svg = /<svg[\s\S]*?<\/svg>/.exec(page(out, 'zh/local/topology'))![0];
    const labels = new Set([...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => decode(m[1]!)));
    const names = [
      ...topology.bridges.flatMap((b) => [b.name, ...b.ports.map((p) => p.name)]),
      ...topology.interfaces.map((i) => i.name),
      ...topology.vms.map((v) => v.name),
      ...topology.namespaces.map((n) => n.name),
    ];
    assert.ok(names.length > 0);
    for (const name of names) assert.ok(labels.has(name), `${name} drawn`);
    assert.match(svg, /<title>[^<]*\nlocal\/local\.rst:\d+/);
    assert.ok(!svg.includes(root), 'no path of the machine that built it');
  });

  it('should show every capture line of the seed with its role, on both topology pages', () => {
    const sources = readSources([join(content, 'local/local.rst')]);
    const guideLines = readFileSync(join(content, 'local/local.rst'), 'utf8').split('\n');
    for (const lang of LANGS) {
      const html = page(out, `${lang}/local/topology`);
      const rows = [...html.matchAll(/<tr class="(\w+)" id="[^"]+"><td class="line">(\d+)<\/td><td class="role">[^<]*<\/td><td><code>([^<]*)<\/code>/g)];
      const shown = new Map(rows.map((r) => [Number(r[2]), { role: r[1], text: decode(r[3]!) }]));
      let count = 0;
      for (const c of sources.captures) {
        c.result.lineRoles.forEach((role, i) => {
          const line = c.lineOffset + i + 1;
          const row = shown.get(line);
          assert.ok(row, `${lang}: line ${line} shown`);
          assert.equal(row.role, role);
          assert.equal(row.text.trim(), guideLines[line - 1]!.trim());
          count++;
        });
      }
      assert.ok(count > 0);
    }
  });

  it('should escape capture text that looks like HTML and highlight its unparsed lines', () => {
    for (const url of ['en/evil/topology', 'zh/evil/topology', 'en/evil', 'zh/evil']) {
      const html = page(out, url);
      assert.ok(!html.includes('<script>alert'), `${url}: no live script`);
      assert.ok(!html.includes('<img src=x'), `${url}: no live img`);
      assert.ok(html.includes('&#x3C;script>alert(') || html.includes('&lt;script&gt;alert('), `${url}: the script line is shown as text`);
    }
    assert.match(page(out, 'en/evil/topology'), /<tr class="unparsed" id="line-[^"]+">[^\n]*&lt;script&gt;[^\n]*class="reason"/);
  });

  it('should link each capture a guide includes (as :literal: text or inside an included rst file) to its first row on the topology page', () => {
    const captures = readSources([join(content, 'two-hosts/two-hosts.rst')]).captures.filter((c) => c.result.lineRoles.length > 0);
    assert.ok(captures.length > 20);
    const guide = page(out, 'en/two-hosts');
    const topology = page(out, 'en/two-hosts/topology');
    const found = [...guide.matchAll(/<\/pre><p class="capture-link"><a href="\/en\/two-hosts\/topology\/#([^"]+)">/g)].map((m) => m[1]!);
    assert.equal(found.length, captures.length, 'one link per included capture');
    for (const anchor of found) {
      assert.match(anchor, /(captures-(compute|network)-\d\d-.*\.txt|two-hosts-notes\.rst)-\d+$/);
      assert.ok(topology.includes(`id="${anchor}"`), `#${anchor} is a row of the topology page`);
    }
    assert.ok(found.some((a) => a.endsWith('two-hosts-notes.rst-10')), 'the capture inside the included rst file');
  });

  it('should show each traced bridge of a walk table by table, with evidence in the included capture files', () => {
    const html = page(out, 'en/two-hosts/topology');
    const traces = [...html.matchAll(/<ol class="trace">([\s\S]*?)<\/ol>/g)].map((m) => m[1]!);
    assert.ok(traces.length >= 4, `traced bridge steps: ${traces.length}`);
    assert.ok(traces.some((t) => /table 21: the priority 32768 flow that matches VLAN=1/.test(t) && /send out of gre-c6336415 \(untagged, tunnel id 0x2a\)/.test(t)));
    assert.match(html, /<li class="depth-2" style="--depth: 2">/);
    const cited = [...html.matchAll(/<li class="depth-\d" [^>]*>table \d+: [^<]*<span class="evidence"><a href="#(line-[^"]+)">([^<]+)<\/a>/g)];
    assert.ok(cited.length > 0);
    for (const [, anchor, label] of cited) {
      assert.match(label!, /captures\/(compute|network)\/\d\d-ovs-ofctl-dump-flows-br-tun\.txt:\d+$/);
      assert.ok(html.includes(`id="${anchor}"`), `${label} is a capture row`);
    }
  });

  it('should index both languages for search, each in its own index', () => {
    const entry = JSON.parse(readFileSync(join(out, 'pagefind/pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
    assert.deepEqual(Object.keys(entry.languages).sort(), ['en', 'zh']);
    // the guide and topology pages of each language (home pages and / are not searched)
    assert.equal(entry.languages.zh!.page_count, GUIDES.length * 2);
    assert.equal(entry.languages.en!.page_count, GUIDES.length * 2);
  });

  it('should produce byte-identical sites from the same content', () => {
    assert.equal(second.code, 0, second.stderr);
    const a = files(out);
    const b = files(join(root, 'again'));
    assert.deepEqual(b, a);
    for (const f of a) assert.ok(readFileSync(join(out, f)).equals(readFileSync(join(root, 'again', f))), `${f} identical`);
  });
});
