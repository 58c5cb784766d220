// Builds the real site (our .eleventy.js, templates and data) from a copy of
// the content folder plus the fixture guides in test/fixtures/site/, twice, and
// checks the pages a reader gets.

import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join, relative, resolve } from 'node:path';
import { buildTopology } from '../../src/topology/build.js';
import { readSources } from '../../src/topology/sources.js';
import { findGuides } from '../../src/site/guide-pages.js';

const run = promisify(execFile);
const repo = resolve(import.meta.dirname, '../../..');
const fixtures = join(repo, 'test/fixtures/site');


/** A content folder: the real guides, the fixture guides, the real data files and layouts. */
function makeInput(root: string): string {
  const content = join(root, 'content');
  cpSync(join(repo, 'content'), content, { recursive: true, filter: (src) => !src.endsWith('/_data') });
  for (const entry of readdirSync(fixtures, { withFileTypes: true })) {
    if (entry.isDirectory()) cpSync(join(fixtures, entry.name), join(content, entry.name), { recursive: true });
  }
  // the two-host guide includes the lab's two-VM GRE captures from its own folder
  cpSync(join(repo, 'test/fixtures/topology/gre-two-vms/bundle'), join(content, 'two-hosts/captures'), { recursive: true });
  // Symlinks, so the data file's imports of dist/ resolve from the repository.
  symlinkSync(join(repo, 'content/_data'), join(content, '_data'));
  symlinkSync(join(repo, '_includes'), join(root, '_includes'));
  return content;
}

/** Eleventy in its own process, as `npm run build` runs it (the config's folders come from the environment). */
async function build(input: string, output: string): Promise<void> {
  const cli = join(repo, 'node_modules/@11ty/eleventy/cmd.cjs');
  await run(process.execPath, [cli, '--quiet'], { cwd: repo, env: { ...process.env, NETGUIDE_CONTENT: input, NETGUIDE_SITE: output } });
}

function files(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)))
    .sort();
}

const decode = (html: string) =>
  html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

describe('site build', () => {
  let root = '';
  let input = '';
  let outA = '';
  let outB = '';
  const page = (out: string, url: string) => readFileSync(join(out, url, 'index.html'), 'utf8');

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'netguide-site-'));
    input = makeInput(root);
    outA = join(root, 'a');
    outB = join(root, 'b');
    await build(input, outA);
    await build(input, outB);
  });

  it('should publish a topology page in both languages for every guide', () => {
    const guides = findGuides(input);
    assert.ok(guides.length >= 2, 'the seed guide and the fixture guide');
    for (const g of guides) {
      for (const lang of ['zh', 'en']) {
        const html = page(outA, `${lang}/${g.name}/topology`);
        assert.match(html, new RegExp(`<html lang="${lang}">`));
        assert.match(html, /<svg [^>]*class="topology-diagram"/);
        const other = lang === 'zh' ? 'en' : 'zh';
        assert.ok(html.includes(`hreflang="${other}" href="/${other}/${g.name}/topology/"`), `alternate of ${lang}/${g.name}`);
      }
    }
  });

  it('should link the guide page and its topology page both ways', () => {
    const guide = page(outA, 'zh/local');
    assert.ok(guide.includes('href="/zh/local/topology/"'));
    assert.ok(page(outA, 'zh/local/topology').includes('href="/zh/local/"'));
    assert.ok(page(outA, 'en/local/topology').includes('href="/zh/local/"'));
  });

  it('should link every piece of evidence to its capture row on the same page', () => {
    for (const url of ['zh/local/topology', 'en/local/topology', 'en/evil/topology', 'en/two-hosts/topology']) {
      if (!existsSync(join(outA, url, 'index.html'))) continue;
      const html = page(outA, url);
      const rows = new Set([...html.matchAll(/<tr class="[a-z]+" id="([^"]+)">/g)].map((m) => m[1]));
      const links = [...html.matchAll(/<span class="evidence">((?:, )?<a href="#[^"]+">[^<]+<\/a>)+<\/span>/g)];
      const targets = [...html.matchAll(/<a href="#(line-[^"]+)">([^<]+)<\/a>/g)];
      if (url !== 'en/evil/topology') assert.ok(links.length > 10 && targets.length > 10, `${url}: evidence links`);
      for (const [, anchor, label] of targets) {
        assert.ok(rows.has(anchor), `${url}: ${label} links to #${anchor}, which is a capture row`);
        assert.match(label!, /^[^:]+:\d+(-\d+)?$/);
      }
    }
  });

  it('should link each capture on the guide page to its first line on the topology page', () => {
    const captures = readSources([join(input, 'local/local.rst')]).captures;
    assert.ok(captures.length > 10);
    // The guide is published in its own language (zh); its links go to that language's topology page.
    for (const lang of ['zh']) {
      const guide = page(outA, `${lang}/local`);
      const topology = page(outA, `${lang}/local/topology`);
      const links = [...guide.matchAll(/<\/pre><p class="capture-link"><a href="\/(\w+)\/local\/topology\/#([^"]+)">/g)];
      assert.equal(links.length, captures.length, 'one link per capture');
      for (const [, linkLang, anchor] of links) {
        assert.equal(linkLang, lang);
        assert.ok(topology.includes(`id="${anchor}"`), `#${anchor} is a row of the topology page`);
      }
      assert.deepEqual(links.map((l) => Number(/-(\d+)$/.exec(l[2]!)![1])), captures.map((c) => c.lineOffset + 1));
    }
  });

  it('should show the drawn topology where the seed\'s figure image is missing', () => {
    const guide = page(outA, 'zh/local');
    assert.ok(!guide.includes('<img src="local.png"'), 'no broken image');
    // the note and its link, then the diagram panel (drawings, devices, walks)
    const figure = /<div class="generated-figure"><p class="generated-figure-note">([^<]*)<a href="\/zh\/local\/topology\/">[^<]*<\/a><\/p><section class="topology-panel"[\s\S]*?(<svg[\s\S]*?<\/svg>)/.exec(guide);
    assert.ok(figure, 'a generated figure with its note, link and diagram');
    assert.match(figure[1]!, /local\.png/);
    // The same drawing as the topology page of that language.
    assert.equal(figure[2], /<svg[\s\S]*?<\/svg>/.exec(page(outA, 'zh/local/topology'))![0]);
  });

  it('should draw every bridge, port and interface of the seed in the diagram', () => {
    const topology = buildTopology(readSources([join(input, 'local/local.rst')]));
    const svg = /<svg[\s\S]*?<\/svg>/.exec(page(outA, 'zh/local/topology'))![0];
    const labels = new Set([...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => decode(m[1]!)));
    const names = [
      ...topology.bridges.flatMap((b) => [b.name, ...b.ports.map((p) => p.name)]),
      ...topology.interfaces.map((i) => i.name),
      ...topology.vms.map((v) => v.name),
      ...topology.namespaces.map((n) => n.name),
    ];
    assert.ok(names.length > 0);
    for (const name of names) assert.ok(labels.has(name), `${name} drawn`);
    // Every element says where it was seen.
    assert.match(svg, /<title>[^<]*local\.rst:\d+/);
    for (const link of topology.links.filter((l) => l.kind === 'veth')) assert.match(svg, /class="wire veth/);
  });

  it('should show every capture line of the seed with its role', () => {
    const sources = readSources([join(input, 'local/local.rst')]);
    const guideLines = readFileSync(join(input, 'local/local.rst'), 'utf8').split('\n');
    for (const lang of ['zh', 'en']) {
      const html = page(outA, `${lang}/local/topology`);
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
    const html = page(outA, 'en/evil/topology');
    assert.ok(!html.includes('<script>alert'), 'no live script');
    assert.ok(!html.includes('<img src=x'), 'no live img');
    assert.ok(html.includes('&lt;script&gt;alert('), 'the script line is shown as text');
    assert.match(html, /<tr class="unparsed" id="line-[^"]+">[^\n]*&lt;script&gt;[^\n]*class="reason"/);
  });

  it('should link each capture a guide includes (as :literal: text or inside an included rst file) to its first row on the topology page', () => {
    const captures = readSources([join(input, 'two-hosts/two-hosts.rst')]).captures.filter((c) => c.result.lineRoles.length > 0);
    assert.ok(captures.length > 20);
    const guide = page(outA, 'en/two-hosts');
    const topology = page(outA, 'en/two-hosts/topology');
    const links = [...guide.matchAll(/<\/pre><p class="capture-link"><a href="\/en\/two-hosts\/topology\/#([^"]+)">/g)].map((m) => m[1]!);
    assert.equal(links.length, captures.length, 'one link per included capture');
    for (const anchor of links) {
      assert.match(anchor, /(captures-(compute|network)-\d\d-.*\.txt|two-hosts-notes\.rst)-\d+$/);
      assert.ok(topology.includes(`id="${anchor}"`), `#${anchor} is a row of the topology page`);
    }
    // notes.rst line 9 is `$ ip netns`: its first output line is line 10 of that file
    assert.ok(links.some((a) => a.endsWith('two-hosts-notes.rst-10')), 'the capture inside the included rst file');
  });

  it('should show each traced bridge of a walk table by table, with evidence in the included capture files', () => {
    const html = page(outA, 'en/two-hosts/topology');
    const traces = [...html.matchAll(/<ol class="trace">([\s\S]*?)<\/ol>/g)].map((m) => m[1]!);
    assert.ok(traces.length >= 4, `traced bridge steps: ${traces.length}`);
    // the VM → VM walk: compute's br-tun floods (or unicasts) into the GRE tunnel with key 0x2a
    assert.ok(traces.some((t) => /table 21: the priority 32768 flow that matches VLAN=1/.test(t) && /send out of gre-c6336415 \(untagged, tunnel id 0x2a\)/.test(t)));
    // resubmits are nested: depth classes beyond 0
    assert.match(html, /<li class="depth-2" style="--depth: 2">/);
    // each lookup cites its flow line in the included dump, and that row is on the page
    const cited = [...html.matchAll(/<li class="depth-\d" [^>]*>table \d+: [^<]*<span class="evidence"><a href="#(line-[^"]+)">([^<]+)<\/a>/g)];
    assert.ok(cited.length > 0);
    for (const [, anchor, label] of cited) {
      assert.match(label!, /captures\/(compute|network)\/\d\d-ovs-ofctl-dump-flows-br-tun\.txt:\d+$/);
      assert.ok(html.includes(`id="${anchor}"`), `${label} is a capture row`);
    }
  });

  it('should produce byte-identical sites from the same input', () => {
    const a = files(outA);
    assert.deepEqual(files(outB), a);
    for (const f of a) assert.ok(readFileSync(join(outA, f)).equals(readFileSync(join(outB, f))), `${f} identical`);
    if (existsSync(root)) rmSync(root, { recursive: true, force: true });
  });
});
