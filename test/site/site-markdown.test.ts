// A Markdown guide is a first-class guide of the site: `netguide build` on a
// content folder holding the VXLAN guide twice — `vxlan-md/vxlan-md.md`
// (captures as `console` fences, several `$ cmd` prompts in one fence) and
// its reStructuredText twin `vxlan-rst/vxlan-rst.rst` (captures included from
// files) — publishes both languages of each, links every capture of the
// Markdown guide to its rows on the topology page, and shows the same facts
// (explanations, walks, findings, the drawn devices) for both twins.
// `netguide i18n extract|status` work on the .md guide, and a translation in
// its catalog shows on the page.
//
//   test/fixtures/markdown-guides/vxlan-tcpdump/guide.md   (the Markdown twin)
//   test/fixtures/guides/vxlan-tcpdump/                    (guide.rst, its captures)

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { readSources } from '../../src/topology/sources.js';
import { fixturesDir } from '../fixture-paths.js';
import { alternates, build, cli, decode, page, pages, temporary, type BuildRun } from './helpers.js';

const LANGS = ['zh', 'en'];

/** `netguide i18n ARGS` run from `cwd`: what it printed (stdout, then stderr). */
function i18n(cwd: string, args: string[]): string {
  const run = spawnSync(process.execPath, [cli, 'i18n', ...args], { cwd, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout + run.stderr;
}

/** A topology page's explanations, walk steps and findings, as words (their evidence links, which name the files, left out). */
function facts(html: string): Record<string, string[]> {
  const items = (list: string) => [...html.matchAll(new RegExp(`<(?:ul|ol) class="${list}">([\\s\\S]*?)</(?:ul|ol)>`, 'g'))]
    .flatMap((m) => [...m[1]!.matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)].map((li) => decode(li[1]!.replace(/<span class="evidence">[\s\S]*?<\/span>/g, '').replace(/<[^>]+>/g, '')).trim()));
  return { explanations: items('explanations'), walks: items('walk'), findings: items('findings') };
}

/** The names the diagram draws. */
const drawn = (html: string) => new Set([.../<svg[\s\S]*?<\/svg>/.exec(html)![0].matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => decode(m[1]!)));

describe('netguide build of a content folder holding a Markdown guide and its RST twin', () => {
  let root = '';
  let content = '';
  let out = '';
  let run: BuildRun;
  let extract = '';
  let status = '';

  before(async () => {
    root = temporary('markdown-site');
    content = join(root, 'content');
    mkdirSync(join(content, 'vxlan-md'), { recursive: true });
    cpSync(join(fixturesDir, 'markdown-guides/vxlan-tcpdump/guide.md'), join(content, 'vxlan-md/vxlan-md.md'));
    cpSync(join(fixturesDir, 'guides/vxlan-tcpdump'), join(content, 'vxlan-rst'), { recursive: true });
    renameSync(join(content, 'vxlan-rst/guide.rst'), join(content, 'vxlan-rst/vxlan-rst.rst'));
    // the catalogs of the Markdown guide, made by the command; then a translator's words in them
    extract = i18n(root, ['extract', '--content', 'content', 'vxlan-md']);
    const en = join(content, 'vxlan-md/locales/en.po');
    writeFileSync(en, readFileSync(en, 'utf8').replace(
      'msgid "两个隧道端点之间是 UDP 4789 的 VXLAN 包，VNI 是 1"\nmsgstr ""',
      'msgid "两个隧道端点之间是 UDP 4789 的 VXLAN 包，VNI 是 1"\nmsgstr "Between the two tunnel ends are **VXLAN** packets on UDP 4789, VNI 1"',
    ));
    const zh = join(content, 'vxlan-md/locales/zh.po');
    writeFileSync(zh, readFileSync(zh, 'utf8').replace('msgid "Check network"\nmsgstr ""', 'msgid "Check network"\nmsgstr "检查网络"'));
    status = i18n(root, ['status', '--content', 'content', 'vxlan-md']);
    run = await build(root, ['--content', 'content', '--out', 'site']);
    out = join(root, 'site');
  });

  it('should make the .md guide\'s catalogs from its headings, paragraphs and list items, never its captures', () => {
    assert.match(extract, /^vxlan-md: created content\/vxlan-md\/locales\/vxlan-md\.pot \(\d+ segments\); created content\/vxlan-md\/locales\/zh\.po/m);
    const pot = readFileSync(join(content, 'vxlan-md/locales/vxlan-md.pot'), 'utf8');
    const msgids = [...pot.matchAll(/^msgid "(.+)"$/gm)].map((m) => m[1]!);
    for (const heading of ['OpenStack Network - VXLAN', 'Check network', 'compute node', 'network node']) assert.ok(msgids.includes(heading), heading);
    assert.ok(msgids.includes('两个隧道端点之间是 UDP 4789 的 VXLAN 包，VNI 是 1'), 'a bullet');
    assert.ok(!msgids.some((m) => m.startsWith('#') || m.startsWith('$') || m.includes('ovs-vsctl show') || m.includes('datapath_type')), 'no heading marks, no capture lines');
    assert.match(pot, /^#: vxlan-md\.md:\d+$/m);
    assert.match(status, /^vxlan-md \(content\/vxlan-md\/vxlan-md\.md\): \d+ segments$/m);
    assert.match(status, /^ {2}en +\d%  1\/\d+ translated, 0 fuzzy/m);
    assert.match(status, /^ {2}zh +\d+%  1\/5 translated, 0 fuzzy, 4 missing/m);
  });

  it('should publish both guides in both languages, with their topology pages', () => {
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /^ {2}vxlan-md {2}zh \(original\) en {2}15 captures, 0 problems/m);
    for (const lang of LANGS) for (const guide of ['vxlan-md', 'vxlan-rst']) {
      assert.ok(pages(out).includes(`${lang}/${guide}/`), `${lang}/${guide}/`);
      assert.ok(pages(out).includes(`${lang}/${guide}/topology/`), `${lang}/${guide}/topology/`);
      assert.match(page(out, `${lang}/${guide}`), new RegExp(`^<!doctype html>\\n<html lang="${lang}">`));
    }
  });

  it('should give the Markdown guide\'s page its contents, language switcher and translations', () => {
    for (const lang of LANGS) {
      const html = page(out, `${lang}/vxlan-md`);
      assert.match(html, /<aside class="toc">[\s\S]*?<nav class="contents"[^>]*role="doc-toc"/);
      const switcher = [...html.matchAll(/<a class="switch-language" href="([^"]+)" hreflang="(\w+)"/g)].map((m) => [m[2], m[1]]);
      assert.deepEqual(switcher, LANGS.map((l) => [l, `/${l}/vxlan-md/`]));
      assert.deepEqual(alternates(html), { zh: '/zh/vxlan-md/', en: '/en/vxlan-md/', 'x-default': '/zh/vxlan-md/' });
    }
    const en = page(out, 'en/vxlan-md');
    assert.match(en, /<li>Between the two tunnel ends are <strong>VXLAN<\/strong> packets on UDP 4789, VNI 1<\/li>/);
    assert.match(en, /<span lang="zh" class="[^"]*untranslated[^"]*"/, 'the rest stays Chinese, marked');
    assert.match(page(out, 'zh/vxlan-md'), /<h2[^>]*>检查网络/);
    assert.match(page(out, 'en/vxlan-md'), /<h2[^>]*>Check network/);
  });

  it('should link every capture of the Markdown guide, several in one fence too, to its first row on the topology page', () => {
    const captures = readSources([join(content, 'vxlan-md/vxlan-md.md')]).captures.filter((c) => c.result.lineRoles.length > 0);
    const twin = readSources([join(content, 'vxlan-rst/vxlan-rst.rst')]).captures.filter((c) => c.result.lineRoles.length > 0);
    assert.equal(captures.length, 15);
    assert.equal(captures.length, twin.length);
    for (const lang of LANGS) {
      const guide = page(out, `${lang}/vxlan-md`);
      const topology = page(out, `${lang}/vxlan-md/topology`);
      const found = [...guide.matchAll(/<\/pre>(?:<p class="capture-link">[\s\S]*?<\/p>)*/g)]
        .flatMap((m) => [...m[0].matchAll(/<a href="\/(\w+)\/vxlan-md\/topology\/#([^"]+)">/g)]);
      assert.deepEqual(found.map((l) => Number(/-(\d+)$/.exec(l[2]!)![1])), captures.map((c) => c.lineOffset + 1));
      for (const [, linkLang, anchor] of found) {
        assert.equal(linkLang, lang);
        assert.ok(topology.includes(`id="${anchor}"`), `#${anchor} is a row of the topology page`);
      }
      assert.equal(found.length, [...page(out, `${lang}/vxlan-rst`).matchAll(/<p class="capture-link">/g)].length, 'as many as the RST twin');
    }
  });

  it('should show the same explanations, walks, findings and drawing for the Markdown guide as for its RST twin', () => {
    for (const lang of LANGS) {
      const md = page(out, `${lang}/vxlan-md/topology`);
      const rst = page(out, `${lang}/vxlan-rst/topology`);
      const a = facts(md);
      assert.ok(a.explanations!.length > 5 && a.walks!.length > 0 && a.findings!.length > 0, JSON.stringify(a).slice(0, 200));
      assert.deepEqual(a, facts(rst));
      assert.deepEqual([...drawn(md)].sort(), [...drawn(rst)].sort());
      assert.match(md, /<a href="#line-vxlan-md-vxlan-md\.md-\d+">vxlan-md\.md:\d+/, 'evidence points into the Markdown guide');
    }
  });
});
