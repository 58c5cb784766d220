// A Markdown guide is understood exactly as its reStructuredText original:
// `netguide topology guide.md --json` gives the same facts, explanations,
// walks and claim verdicts as the .rst, each piece of evidence pointing at
// the same line of the same capture (the line numbers differ: Markdown needs
// fences, and the RST guide keeps some captures in included files).
//
//   test/fixtures/markdown-guides/local/local.md            the seed, in Markdown
//     twin: test/fixtures/rst/transform-seed/input.rst       (a copy of the seed with its scripts)
//   test/fixtures/markdown-guides/vxlan-tcpdump/guide.md    captures as `console` fences, `$ cmd` prompts,
//     twin: test/fixtures/guides/vxlan-tcpdump/guide.rst     several in one fence; the RST includes files

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { parseHTML } from 'linkedom';
import { renderGuide } from '../../src/pipeline.js';
import { readSources, type Sources } from '../../src/topology/sources.js';
import { repoRoot } from '../topology/fixture-cases.js';

const cli = join(repoRoot, 'dist/src/cli.js');
const pairs = [
  { name: 'the seed', md: 'test/fixtures/markdown-guides/local/local.md', rst: 'test/fixtures/rst/transform-seed/input.rst' },
  { name: 'vxlan-tcpdump', md: 'test/fixtures/markdown-guides/vxlan-tcpdump/guide.md', rst: 'test/fixtures/guides/vxlan-tcpdump/guide.rst' },
];

/** `netguide topology PATH --json`, run as a user runs it. */
function topologyJson(path: string): { json: Record<string, unknown>; stderr: string; status: number | null } {
  const run = spawnSync(process.execPath, [cli, 'topology', path, '--json'], { cwd: repoRoot, encoding: 'utf8' });
  return { json: JSON.parse(run.stdout) as Record<string, unknown>, stderr: run.stderr, status: run.status };
}

/**
 * Evidence made comparable across the twins: a line inside a capture is
 * "capture k (its command), output line j"; any other line (a claim's bullet)
 * is its text, without the list marker.
 */
function placeOf(sources: Sources): (file: string, line: number) => string {
  const texts = new Map<string, string[]>();
  const lineText = (file: string, line: number) => {
    if (!texts.has(file)) texts.set(file, readFileSync(join(repoRoot, file), 'utf8').split('\n'));
    return texts.get(file)![line - 1] ?? '';
  };
  return (file, line) => {
    const k = sources.captures.findIndex((c) => c.file === file && line > c.lineOffset && line <= c.lineOffset + c.result.lineRoles.length);
    if (k >= 0) return `capture ${k} (${sources.captures[k]!.command}) line ${line - sources.captures[k]!.lineOffset}`;
    return `text «${lineText(file, line).replace(/^\s*[-+*]\s+/, '').trim()}»`;
  };
}

function normalized(json: Record<string, unknown>, sources: Sources): unknown {
  const place = placeOf(sources);
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (!value || typeof value !== 'object') return value;
    const object = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(object)) {
      if (typeof object.file === 'string' && typeof object.line === 'number' && (key === 'file' || key === 'line' || key === 'endLine')) continue;
      out[key] = walk(v);
    }
    if (typeof object.file === 'string' && typeof object.line === 'number') {
      out.at = place(object.file, object.line);
      if (typeof object.endLine === 'number') out.endAt = place(object.file, object.endLine);
    }
    return out;
  };
  const { sources: _paths, ...rest } = json;
  void _paths;
  return walk(rest);
}

for (const pair of pairs) {
  test(`should give ${pair.name} in Markdown the same topology, explanations, walks and verdicts as in RST`, () => {
    const md = topologyJson(pair.md);
    const rst = topologyJson(pair.rst);
    assert.equal(md.status, rst.status);
    assert.equal(md.stderr.replaceAll(pair.md, 'GUIDE').replace(/GUIDE:\d+/g, 'GUIDE'), rst.stderr.replaceAll(pair.rst, 'GUIDE').replace(/GUIDE:\d+/g, 'GUIDE'));
    const mdSources = readSources([pair.md]);
    const rstSources = readSources([pair.rst]);
    // the same captures: commands, hosts and output, in the same order
    const captured = (s: Sources) => s.captures.map((c) => ({ host: c.host, command: c.command, lines: c.result.lineRoles.length }));
    assert.deepEqual(captured(mdSources), captured(rstSources));
    assert.ok(mdSources.captures.length >= 10, `${mdSources.captures.length} captures`);
    assert.ok(mdSources.captures.every((c) => c.file === pair.md), 'evidence of a Markdown guide points into the guide');
    const a = normalized(md.json, mdSources) as Record<string, unknown[]>;
    const b = normalized(rst.json, rstSources) as Record<string, unknown[]>;
    for (const key of Object.keys(b)) assert.deepEqual(a[key], b[key], key);
    assert.ok((a.walks ?? []).length > 0 && (a.explanations ?? []).length > 0 && (a.findings ?? []).length > 0);
  });
}

test('should point the Markdown seed\'s evidence at the guide\'s own lines', () => {
  const { json } = topologyJson(pairs[0]!.md);
  const lines = readFileSync(join(repoRoot, pairs[0]!.md), 'utf8').split('\n');
  const veth = (json.links as { kind: string; a: { name: string }; b: { name: string }; evidence: { file: string; line: number }[] }[])
    .find((l) => l.kind === 'veth' && [l.a.name, l.b.name].includes('qvb7bfa2daa-66'))!;
  for (const ev of veth.evidence) {
    assert.equal(ev.file, pairs[0]!.md);
    assert.match(lines[ev.line - 1]!, /peer_ifindex|qvo7bfa2daa-66|qvb7bfa2daa-66/);
  }
  const claim = (json.findings as { claim?: { line: number; text: string } }[]).find((f) => f.claim?.text.includes('是一对 veth'))!;
  assert.equal(lines[claim.claim!.line - 1], '+ qvb7bfa2daa-66 和 qvo7bfa2daa-66 是一对 veth');
});

/** The parts of a guide page both languages can say alike: section ids and titles, code blocks, bullets. */
async function pageOf(path: string) {
  const text = readFileSync(join(repoRoot, path), 'utf8');
  const folder = dirname(join(repoRoot, path));
  const { html, diagnostics } = await renderGuide(text, { path: join(repoRoot, path), parse: { sourceName: path, baseDir: folder, contentRoot: folder } });
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  document.querySelectorAll('.sectnum, nav.contents, .contents').forEach((n) => n.remove());
  const sections = Array.from(document.querySelectorAll('section')).map((s) => `${s.id}: ${s.querySelector('h2, h3, h4')?.textContent?.trim()}`);
  const blocks = Array.from(document.querySelectorAll('pre')).map((p) => ({ text: p.textContent ?? '', shiki: p.classList.contains('shiki') }));
  const bullets = Array.from(document.querySelectorAll('li')).map((li) => li.textContent?.trim());
  const title = document.querySelector('h1')?.textContent?.trim();
  const links = Array.from(document.querySelectorAll('a.reference.external')).map((a) => a.getAttribute('href'));
  return { sections, blocks, bullets, title, links, diagnostics, html };
}

test('should render the Markdown seed as the RST seed is rendered: title, sections and their ids, code blocks, bullets, links', async () => {
  const md = await pageOf(pairs[0]!.md);
  const rst = await pageOf(pairs[0]!.rst);
  assert.equal(md.title, 'OpenStack Network - Local');
  assert.equal(md.title, rst.title);
  assert.deepEqual(md.sections, rst.sections);
  // docutils expands tabs (from the RST's own indent), strips each line's trailing blanks and
  // the block's common indent; a Markdown code block keeps the capture exactly as pasted
  const words = (text: string) => text.split('\n').map((line) => line.trim().split(/\s+/).join(' '));
  assert.deepEqual(md.blocks.map((b) => words(b.text)), rst.blocks.map((b) => words(b.text)));
  // the included scripts (`:code: bash` / ```bash) are highlighted by shiki in both
  assert.deepEqual(md.blocks.map((b) => b.shiki), rst.blocks.map((b) => b.shiki));
  assert.equal(md.blocks.filter((b) => b.shiki).length, 3);
  assert.deepEqual(md.bullets, rst.bullets);
  assert.deepEqual(md.links.filter((l) => !l!.startsWith('mailto:')), rst.links.filter((l) => !l!.startsWith('mailto:')));
  // the front matter is the docinfo the RST fields are
  assert.match(md.html, /<dl class="docinfo"><dt class="author">Author<\/dt><dd class="author">Yugang LIU /);
  assert.match(md.html, /<dt class="copyright">Copyright<\/dt><dd class="copyright"><a class="reference external" href="http:\/\/creativecommons.org\/licenses\/by-sa\/3.0\/">/);
  // both miss local.png, and say so at the image's line
  const missing = (d: typeof md.diagnostics) => d.filter((x) => /Image file not found/.test(x.message)).map((x) => x.message);
  assert.deepEqual(missing(md.diagnostics), missing(rst.diagnostics));
  assert.deepEqual(rst.diagnostics.filter((x) => !/Image file not found/.test(x.message)), []);
  const at = md.diagnostics.find((x) => /Image file not found/.test(x.message))!;
  assert.equal(readFileSync(join(repoRoot, pairs[0]!.md), 'utf8').split('\n')[at.line! - 1], '![](local.png)');
  assert.deepEqual(md.diagnostics.filter((x) => !/Image file not found/.test(x.message)), []);
});

test('should highlight a console fence as a shell session and leave a text fence plain', async () => {
  const md = await pageOf(pairs[1]!.md);
  const consoles = md.blocks.filter((b) => b.text.startsWith('$ '));
  assert.ok(consoles.length >= 10);
  assert.ok(consoles.every((b) => b.shiki), 'every console fence is highlighted');
  assert.match(md.html, /data-language="console"/);
  assert.equal(relative(repoRoot, join(repoRoot, pairs[1]!.md)), pairs[1]!.md);
});
