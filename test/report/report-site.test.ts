// Network reports and the changes section, as a user builds them: a content
// folder whose `<name>/captures/` has no guide, `netguide build --bundle DIR`
// with no content folder at all, and a guide whose captures are replaced
// between two builds.

import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import * as tar from 'tar';
import { labSamples, repoRoot } from '../fixture-paths.js';
import { addGuide, build, decode, page, pages, temporary } from '../site/helpers.js';

/** The facts the lab's `local` bundle shows, as each language words them. */
const FACTS = {
  en: [/qvo7e2a4a6c-2b and qvb7e2a4a6c-2b are a veth pair/, /qvo7e2a4a6c-2b, tap0a8a0a6b-67 carry tag 1/, /neutron-l3-agent-snat in namespace qrouter-8c8b3c56-[0-9a-f-]+ rewrites source addresses: packets from 203\.0\.113\.0\/28/, /169\.254\.169\.254:80 for its metadata/, /DHCP is served by dnsmasq \(pid 93\)/],
  zh: [/qvo7e2a4a6c-2b 和 qvb7e2a4a6c-2b 是一对 veth/, /tag 是 1/, /neutron-l3-agent-snat 做源地址转换：从 203\.0\.113\.0\/28 出发的包/, /虚拟机访问 169\.254\.169\.254:80 取 metadata/, /DHCP 服务由 dnsmasq（进程 93）提供/],
} as const;

const rows = (html: string) => (html.match(/<tr class="(fact|header|blank|noise|unparsed)[^"]*" id="line-/g) ?? []).length;

test('a content folder\'s captures with no guide get a network report per language, beside the guides', async () => {
  const root = temporary('report');
  const content = join(root, 'content');
  mkdirSync(join(content, 'cloud/captures'), { recursive: true });
  cpSync(join(labSamples, 'local/allinone'), join(content, 'cloud/captures/allinone'), { recursive: true });
  addGuide(content, 'alpha');
  const run = await build(root, ['--content', 'content', '--out', 'out']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /cloud {2}report {2}29 captures, 0 problems/);
  const out = join(root, 'out');
  assert.ok(pages(out).includes('en/cloud/') && pages(out).includes('zh/cloud/'));
  const lines = readFileSync(join(labSamples, 'local/allinone/02-ip-link.txt'), 'utf8').split('\n').filter((l, i) => i > 0 && l !== '').length;
  for (const lang of ['en', 'zh'] as const) {
    const html = decode(page(out, `${lang}/cloud`));
    for (const fact of FACTS[lang]) assert.match(html, fact, `${lang}: ${fact}`);
    assert.match(html, /<svg[^>]*class="topology-diagram/, 'the diagram');
    assert.match(html, /<section id="walks">[\s\S]*<ol class="walk">/, 'the walks');
    assert.match(html, /<section id="findings">/);
    // every capture, every line, each with its role; the lines notes cite are marked
    assert.equal((html.match(/<div class="capture" id="capture-/g) ?? []).length, 29);
    const coverage = Number(/<tr><th>[^<]*<\/th><td>(\d+)<\/td><\/tr>/.exec(html)![1]);
    assert.equal(rows(html), coverage, 'one row per capture line');
    assert.ok(coverage > lines);
    assert.match(html, /<tr class="fact cited" id="line-/);
    // every note's evidence link lands on a row of the page
    const ids = new Set([...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
    for (const m of html.matchAll(/<a href="#(line-[^"]+)"/g)) assert.ok(ids.has(m[1]), `${lang}: #${m[1]} is a row`);
    // named in the navigation and on the home page
    assert.match(html, new RegExp(`<a href="/${lang}/cloud/" aria-current="true">`));
    assert.match(decode(page(out, `${lang}`)), new RegExp(`<a href="/${lang}/cloud/">${lang === 'en' ? 'Network report' : '网络报告'}: cloud</a>`));
  }
  // the guide is still a guide
  assert.match(page(out, 'en/alpha'), /<article class="guide"/);
});

test('netguide build --bundle DIR: a report with no content folder, named after the bundle', async () => {
  const root = temporary('bundle');
  cpSync(join(labSamples, 'gre'), join(root, 'gre-cloud'), { recursive: true });
  const run = await build(root, ['--bundle', 'gre-cloud', '--out', 'site']);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(pages(join(root, 'site')), ['', 'en/', 'en/gre-cloud/', 'zh/', 'zh/gre-cloud/']);
  const html = decode(page(join(root, 'site'), 'en/gre-cloud'));
  assert.match(html, /<th scope="row">compute<\/th>/);
  assert.match(html, /<th scope="row">network<\/th>/);
  assert.match(html, /patch/);
  assert.match(html, /gre/i);
  assert.ok(!existsSync(join(root, 'content')), 'nothing written beside the bundle');
  // a tarball (as capture.sh writes it): the same report, its evidence inside the archive
  tar.c({ gzip: true, file: join(root, 'node.tar.gz'), cwd: join(labSamples, 'local'), sync: true, portable: true }, ['allinone']);
  const fromTar = await build(root, ['--bundle', 'node.tar.gz', '--out', 'site3']);
  assert.equal(fromTar.code, 0, fromTar.stderr);
  const tarHtml = decode(page(join(root, 'site3'), 'zh/node'));
  for (const fact of FACTS.zh) assert.match(tarHtml, fact);
  assert.match(tarHtml, /node\.tar\.gz\/allinone\/01-ovs-vsctl-show\.txt:2/);
  assert.match(tarHtml, /<td><code>81ba9e18-314f-4150-88fd-b2aed2eafae0<\/code>/, 'the member\'s lines');
  const missing = await build(root, ['--bundle', 'nowhere', '--out', 'site2']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /nowhere: no such bundle/);
});

test('a guide\'s page shows what changed when its captures were replaced since the last build', async () => {
  const root = temporary('changes');
  const content = join(root, 'content');
  mkdirSync(join(content, 'lab'), { recursive: true });
  cpSync(join(repoRoot, 'test/fixtures/report/capture-guide/lab.rst'), join(content, 'lab/lab.rst'));
  cpSync(join(labSamples, 'local/allinone'), join(content, 'lab/captures/allinone'), { recursive: true });
  const out = join(root, 'out');
  assert.equal((await build(root, ['--content', 'content', '--out', 'out'])).code, 0);
  assert.ok(existsSync(join(out, '.netguide/lab.topology.json')), 'the topology is kept beside the site');
  assert.doesNotMatch(page(out, 'en/lab'), /class="changes"/, 'a first build shows no changes');
  // the node is captured again: the VM's port moved to another local VLAN
  const file = join(content, 'lab/captures/allinone/01-ovs-vsctl-show.txt');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/(Port qvo7e2a4a6c-2b\n\s+tag: )1/, '$14'));
  assert.equal((await build(root, ['--content', 'content', '--out', 'out'])).code, 0);
  const en = decode(page(out, 'en/lab'));
  const zh = decode(page(out, 'zh/lab'));
  assert.match(en, /<h2>Changes since the last build<\/h2>/);
  assert.match(zh, /<h2>自上次构建以来的变化<\/h2>/);
  const change = /<li class="change changed port">([^<]*)<span class="evidence">([^<]*)<\/span>/.exec(en);
  assert.ok(change, 'the port\'s change is listed');
  assert.match(change[1]!, /qvo7e2a4a6c-2b/);
  assert.match(change[1]!, /\b1\b[\s\S]*\b4\b/);
  assert.equal(change[2], 'captures/allinone/01-ovs-vsctl-show.txt:9');
  assert.match(zh, /<li class="change changed port">[^<]*qvo7e2a4a6c-2b/);
  assert.equal((en.match(/<li class="change /g) ?? []).length, 1, 'only what changed');
  // built again with the same captures: the same page, byte for byte
  const before = page(out, 'en/lab');
  assert.equal((await build(root, ['--content', 'content', '--out', 'out'])).code, 0);
  assert.equal(page(out, 'en/lab'), before);
});
