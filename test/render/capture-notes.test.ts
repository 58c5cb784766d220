// The capture-notes rehype plugin on real guides: the fixture copy of the seed
// (captures written in the guide), the two-host guide (captures brought in by
// `:literal:` includes and inside an included rst file), the guide with
// contradicted claims, and the guide whose captures look like HTML. Every
// capture line becomes an addressable element with its text unchanged; each
// block gets the notes whose evidence lies in it, those lines marked; names link
// to the diagram; the author's checked bullets carry their verdict.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseHTML } from 'linkedom';
import { renderGuide, understand } from '../../src/pipeline.js';
import { lineAnchor } from '../../src/render/anchors.js';
import { capturePositions, rehypeCaptureNotes, type CaptureNotesOptions } from '../../src/render/capture-notes/index.js';
import { diagramGraph } from '../../src/render/diagram/graph.js';
import { explanationText, findingText } from '../../src/render/words.js';
import { seedGuide } from '../fixture-paths.js';

const repo = resolve(import.meta.dirname, '../../..');
const seed = seedGuide;

const readLines = (file: string) => readFileSync(file, 'utf8').replace(/\r\n?/g, '\n').split('\n');

async function render(guide: string, lang: string, extra: Partial<CaptureNotesOptions> = {}) {
  const { sources, topology } = understand([guide]);
  const captures = capturePositions(sources.captures, readLines);
  const text = readFileSync(guide, 'utf8');
  const base = dirname(resolve(guide));
  const parse = { sourceName: guide, baseDir: base, contentRoot: base };
  const options: CaptureNotesOptions = { topology, lang, captures, folder: dirname(guide), ...extra };
  const { html } = await renderGuide(text, { path: guide, parse, rehypePlugins: [[rehypeCaptureNotes, options]] });
  const { html: plain } = await renderGuide(text, { path: guide, parse });
  const dom = (h: string) => parseHTML(`<!doctype html><html><body>${h}</body></html>`).document;
  return { html, document: dom(html), plainDocument: dom(plain), topology, captures };
}

/** The two-host guide with its captures copied beside it, as the site test does. */
function twoHosts(): string {
  const dir = mkdtempSync(join(tmpdir(), 'netguide-notes-'));
  cpSync(join(repo, 'test/fixtures/site/two-hosts/two-hosts'), dir, { recursive: true });
  cpSync(join(repo, 'test/fixtures/topology/gre-two-vms/bundle'), join(dir, 'captures'), { recursive: true });
  return join(dir, 'two-hosts.rst');
}

const squeeze = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

describe('capture notes', () => {
  it('should make every capture line an element of its own, its text unchanged', async () => {
    for (const guide of [seed, twoHosts()]) {
      const { document, plainDocument, captures } = await render(guide, 'en');
      assert.ok(captures.length > 10);
      for (const c of captures) {
        const lines = readLines(c.file);
        for (let line = c.firstLine; line < c.firstLine + c.lineCount; line++) {
          const el = document.getElementById(lineAnchor(c.file, line));
          assert.ok(el, `${c.file}:${line} addressable`);
          assert.equal(el.getAttribute('data-line'), String(line));
          assert.ok(el.closest('.capture-block pre'), `${c.file}:${line} inside its capture block`);
          assert.equal(squeeze(el.textContent), squeeze(lines[line - 1]), `${c.file}:${line} as written`);
        }
      }
      // every block shows exactly the text it showed without the plugin
      const before = Array.from(plainDocument.querySelectorAll('pre')).map((p) => p.textContent);
      const after = Array.from(document.querySelectorAll('pre')).map((p) => p.textContent);
      assert.deepEqual(after, before, `${guide}: blocks keep their text`);
    }
  });

  it('should find the block of a capture included as :literal: text and inside an included rst file', async () => {
    const guide = twoHosts();
    const { document, captures } = await render(guide, 'en');
    const blocks = document.querySelectorAll('.capture-block');
    // one block per capture here (no block holds two prompts)
    assert.equal(blocks.length, captures.length);
    const files = new Set(Array.from(blocks).map((b) => b.getAttribute('data-file')));
    assert.ok([...files].some((f) => f!.endsWith('notes.rst')), 'the block inside notes.rst');
    assert.ok([...files].some((f) => /captures\/compute\/\d\d-/.test(f!)), 'blocks brought in from capture files');
  });

  it('should put under each block the explanations, findings and walk steps whose evidence lies in it, their lines marked', async () => {
    for (const lang of ['zh', 'en']) {
      const { document, topology } = await render(seed, lang);
      let checked = 0;
      for (const e of topology.explanations) {
        const text = explanationText(e, lang);
        for (const ev of e.evidence) {
          const line = document.getElementById(lineAnchor(ev.file, ev.line));
          if (!line) continue;
          const block = line.closest('.capture-block')!;
          const notes = Array.from(block.querySelectorAll('.capture-notes li.note.explanation'));
          const k = notes.findIndex((n) => squeeze(n.textContent).includes(squeeze(text)));
          assert.ok(k >= 0, `${lang}: ${e.id} under the block of ${ev.file}:${ev.line}`);
          assert.ok(line.classList.contains('noted'), `${ev.file}:${ev.line} marked`);
          const number = Array.from(block.querySelectorAll('.capture-notes li.note')).indexOf(notes[k]!) + 1;
          assert.ok(line.getAttribute('data-notes')!.split(' ').includes(String(number)), `${ev.file}:${ev.line} names note ${number}`);
          assert.ok(notes[k]!.getAttribute('data-lines')!.split(' ').includes(line.id));
          checked++;
        }
      }
      assert.ok(checked > 20, `${lang}: ${checked} explanation lines checked`);
      // each walk step is a note of the blocks holding its evidence, naming its walk and number
      for (const w of topology.walks) {
        for (const [i, s] of w.steps.entries()) {
          const ev = s.evidence.find((x) => document.getElementById(lineAnchor(x.file, x.line)));
          if (!ev) continue;
          const block = document.getElementById(lineAnchor(ev.file, ev.line))!.closest('.capture-block')!;
          const refs = Array.from(block.querySelectorAll('li.note.walk-step a[data-walk]')).map((a) => `${a.getAttribute('data-walk')}#${a.getAttribute('data-step')}`);
          assert.ok(refs.some((r) => r.endsWith(`#${i + 1}`) && r.startsWith(w.id.toLowerCase().replace(/[^a-z0-9\u4e00-\u9fff]+/g, '-').replace(/^-+|-+$/g, ''))), `${lang}: ${w.id} step ${i + 1} under its block`);
        }
      }
      // the notes are in the page's language
      assert.ok(document.querySelector('.capture-notes')!.getAttribute('aria-label')!.startsWith(lang === 'zh' ? '这段输出说明了什么：' : 'What this output shows: '));
    }
  });

  it('should link the names in a block to the diagram, resolved where the command ran', async () => {
    const { document, topology } = await render(seed, 'en');
    const graph = diagramGraph(topology);
    const ids = new Set<string>();
    const visit = (b: (typeof graph.roots)[number]) => { ids.add(b.id); b.children.forEach(visit); };
    graph.roots.forEach(visit);
    const names = Array.from(document.querySelectorAll('pre a.name'));
    assert.ok(names.length > 30);
    for (const a of names) assert.ok(ids.has(a.getAttribute('data-node')!) && a.getAttribute('href') === `#${a.getAttribute('data-node')}`, `${a.textContent} links to a box`);
    // `lo` in each namespace's `ip link` is that namespace's lo
    for (const ns of topology.namespaces) {
      const block = Array.from(document.querySelectorAll('.capture-block')).find((b) => (b.getAttribute('data-command') ?? '').includes(`ip netns exec ${ns.name} ip link`));
      if (!block) continue;
      const lo = Array.from(block.querySelectorAll('pre a.name')).find((a) => a.textContent === 'lo');
      const expected = graph.roots.flatMap((h) => h.children).find((b) => b.kind === 'namespace' && b.label === ns.name)?.children.find((c) => c.label === 'lo');
      assert.ok(lo && expected, `lo in ${ns.name}`);
      assert.equal(lo.getAttribute('data-node'), expected.id);
    }
    // and each block lists its names with the other blocks showing them
    const veth = topology.links.find((l) => l.kind === 'veth')!;
    const lists = Array.from(document.querySelectorAll('.capture-names li')).filter((li) => li.querySelector('a.name')!.textContent === veth.a.name);
    assert.ok(lists.length > 1, `${veth.a.name} is in several blocks`);
    for (const li of lists) {
      for (const other of Array.from(li.querySelectorAll('a[href^="#capture-"]'))) assert.ok(document.getElementById(other.getAttribute('href')!.slice(1))?.classList.contains('capture-block'));
    }
  });

  it('should put each checked bullet\'s verdict beside it, with the reason', async () => {
    for (const [guide, lang] of [[seed, 'zh'], [join(repo, 'test/fixtures/topology/contradicted-claims/input.rst'), 'en']] as const) {
      const { document, topology } = await render(guide, lang);
      const claimed = topology.findings.filter((f) => f.claim);
      assert.ok(claimed.length > 0);
      for (const f of claimed) {
        const item = Array.from(document.querySelectorAll('li.claim')).find((li) => squeeze(li.textContent).includes(squeeze(f.claim!.text)));
        assert.ok(item, `${guide}: the bullet "${f.claim!.text}"`);
        assert.equal(item.querySelectorAll('.verdict').length, 1, 'one verdict per bullet');
        const verdict = item.querySelector('.verdict')!;
        assert.ok(squeeze(verdict.textContent).includes(squeeze(findingText(f, lang))), `its reason: ${findingText(f, lang)}`);
        const expected = f.kind === 'confirmed' ? 'confirmed' : f.kind === 'contradicted' ? 'contradicted' : 'unchecked';
        // the bullet's verdict is its worst finding's
        if (claimed.filter((g) => g.claim!.line === f.claim!.line).every((g) => g.kind === f.kind)) assert.ok(verdict.classList.contains(expected), `${f.claim!.text}: ${expected}`);
      }
      if (guide !== seed) assert.ok(document.querySelectorAll('.verdict.contradicted').length > 0);
    }
  });

  it('should escape capture lines that look like HTML', async () => {
    const { html, document } = await render(join(repo, 'test/fixtures/site/three-guides/evil/evil.rst'), 'en');
    assert.ok(!html.includes('<script>alert'), 'no live script');
    assert.ok(!/<img src=x/i.test(html), 'no live img');
    assert.ok(Array.from(document.querySelectorAll('pre .line')).some((l) => l.textContent!.includes('<script>alert(')), 'the line shown as text');
  });

  it('should give every block the copy button\'s labels, place the panel, and add nothing to a page without captures', async () => {
    const panel = { type: 'element' as const, tagName: 'section', properties: { id: 'the-panel' }, children: [] };
    const { document } = await render(seed, 'zh', { panel });
    for (const pre of Array.from(document.querySelectorAll('pre'))) assert.equal(pre.getAttribute('data-copy'), '复制');
    const placed = document.getElementById('the-panel')!;
    assert.ok(placed, 'panel placed');
    assert.equal(placed.nextElementSibling?.classList.contains('capture-block') || !!placed.parentElement?.querySelector(':scope > .capture-block'), true, 'before the first capture block');
    const none = await render(join(repo, 'test/fixtures/rst/include-code/input.rst'), 'en', { panel });
    assert.equal(none.document.querySelectorAll('.capture-block').length, 0);
  });
});
