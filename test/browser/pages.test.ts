// The guide page and the topology page in a real browser (Debian's Chromium
// through playwright-core), built from the fixture copy of the seed guide:
// they load without a console error, the diagram holds the guide's devices and
// its veth pair, hovering or focusing a box lights its capture lines, a packet
// walk steps through and lights its path, axe-core finds no serious or
// critical violation (light and dark), and at 375 px the page does not scroll
// sideways (code blocks and the diagram scroll inside themselves) while the
// diagram's labels keep a readable size. Skipped, saying why, where no
// Chromium is installed. NETGUIDE_SHOTS=<folder> also saves screenshots of
// every page at 1280 and 375 px, light and dark.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import type { Page } from 'playwright-core';
import { understand } from '../../src/pipeline.js';
import type { Topology } from '../../src/topology/model.js';
import { launch, missingChromium, type Browser } from './chromium.js';
import { buildFixtureSite, type FixtureSite } from './fixture-site.js';
import { serve, type Served } from './serve.js';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

describe('guide and topology pages in Chromium', { skip: missingChromium }, () => {
  let site: FixtureSite;
  let server: Served;
  let browser: Browser;
  let topology: Topology;
  /** Every page of the guide: its guide page and its topology page in each language. */
  const pages: { url: string; kind: 'guide' | 'topology' }[] = ['zh', 'en'].flatMap((lang) => [
    { url: `/${lang}/local/`, kind: 'guide' as const },
    { url: `/${lang}/local/topology/`, kind: 'topology' as const },
  ]);

  before(async () => {
    site = await buildFixtureSite();
    server = await serve(site.out);
    browser = await launch();
    topology = understand([relative(process.cwd(), join(site.content, 'local/local.rst'))]).topology;
  });

  after(async () => {
    for (const { page } of opened.values()) await page.close();
    await browser?.close();
    await server?.close();
  });

  /** A page opened at `width`, in a colour scheme, with its console errors, failed requests and uncaught exceptions collected. */
  async function open(url: string, options: { width?: number; scheme?: 'light' | 'dark'; script?: boolean } = {}): Promise<{ page: Page; errors: string[] }> {
    const context = options.script === false ? await browser.context.browser()?.newContext({ javaScriptEnabled: false }) : undefined;
    if (options.script === false && !context) throw new Error('no browser context without scripts');
    const page = context ? await context.newPage() : await browser.context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()} (${m.location().url})`); });
    page.on('pageerror', (e) => errors.push(`exception: ${e.message}`));
    page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
    page.on('response', (r) => { if (r.status() >= 400) errors.push(`${r.status()}: ${r.url()}`); });
    await page.emulateMedia({ colorScheme: options.scheme ?? 'light' });
    await page.setViewportSize({ width: options.width ?? 1280, height: 900 });
    await page.goto(server.url + url, { waitUntil: 'load' });
    return { page, errors };
  }

  /** One page per url at 1280 px for the tests that read it or act on it in turn (loading is the slow part). */
  const opened = new Map<string, { page: Page; errors: string[] }>();
  async function shared(url: string): Promise<{ page: Page; errors: string[] }> {
    if (!opened.has(url)) opened.set(url, await open(url));
    const shown = opened.get(url)!;
    // the page in front: a page behind gets no animation frames (d3's transitions wait for them)
    await shown.page.bringToFront();
    return shown;
  }

  /** The id of the unfolded drawing's leaf box labelled `name`. */
  const boxId = (page: Page, name: string) =>
    page.evaluate((n) => Array.from(document.querySelectorAll('.drawing.unfolded g.box:not(.compound)')).find((g) => g.querySelector(':scope > text')?.textContent === n)?.id, name);

  /** The line numbers an evidence list rests on (ranges expanded). */
  const linesOf = (evidence: { line: number; endLine?: number }[]) =>
    [...new Set(evidence.flatMap((e) => Array.from({ length: (e.endLine ?? e.line) - e.line + 1 }, (_, i) => e.line + i)))].sort((a, b) => a - b);

  it('should build both guide pages and both topology pages', () => {
    for (const { url } of pages) assert.ok(existsSync(join(site.out, url, 'index.html')), `${url} built`);
  });

  it('should load every page with no console error, failed request or exception', async () => {
    for (const { url } of pages) {
      const { page, errors } = await shared(url);
      await page.waitForTimeout(200);
      assert.deepEqual(errors, [], url);
    }
  });

  it('should draw the guide\'s devices and its veth pair as a wire between them', async () => {
    const names = [
      ...topology.bridges.flatMap((b) => [b.name, ...b.ports.map((p) => p.name)]),
      ...topology.interfaces.map((i) => i.name),
      ...topology.vms.map((v) => v.name),
      ...topology.namespaces.map((n) => n.name),
      ...topology.hosts.map((h) => h.name),
    ];
    const veths = topology.links.filter((l) => l.kind === 'veth');
    assert.ok(names.length > 10 && veths.length > 0, 'the fixture has devices and a veth pair');
    for (const { url } of pages) {
      const { page } = await shared(url);
      const drawn = await page.$$eval('.drawing.unfolded g.box > text', (ts) => ts.map((t) => t.textContent));
      for (const name of names) assert.ok(drawn.includes(name), `${url}: ${name} drawn`);
      for (const veth of veths) {
        const [a, b] = [await boxId(page, veth.a.name), await boxId(page, veth.b.name)];
        assert.ok(a && b, `${url}: both ends of ${veth.a.name} — ${veth.b.name} drawn`);
        const wire = page.locator(`.drawing.unfolded g.wire.veth[data-source="${a}"][data-target="${b}"], .drawing.unfolded g.wire.veth[data-source="${b}"][data-target="${a}"]`);
        assert.equal(await wire.count(), 1, `${url}: one veth wire ${veth.a.name} — ${veth.b.name}`);
        const box = await wire.locator('path').boundingBox();
        assert.ok(box && box.width + box.height > 10, `${url}: the veth wire is visible`);
      }
      // focusable, named boxes; the figure's title and description
      assert.ok(await page.locator('.drawing.unfolded svg > title').count() === 1 && await page.locator('.drawing.unfolded svg > desc').count() === 1);
      const unnamed = await page.$$eval('.drawing g.box', (gs) => gs.filter((g) => !g.getAttribute('aria-label') || g.getAttribute('tabindex') === null || !g.getAttribute('role')).length);
      assert.equal(unnamed, 0, `${url}: every box focusable and named`);
    }
  });

  it('should light a box\'s capture lines when the pointer is over it, and when it has the focus', async () => {
    const veth = topology.links.find((l) => l.kind === 'veth')!;
    const port = topology.bridges.flatMap((b) => b.ports).find((p) => p.name === veth.a.name || p.name === veth.b.name)!;
    const expected = linesOf(port.evidence);
    for (const { url, kind } of pages) {
      const { page } = await shared(url);
      const id = (await boxId(page, port.name))!;
      const box = page.locator(`[id="${id}"]`);
      const litLines = () => page.$$eval('.lit', (els) => els.filter((e) => e.matches('.line, tr')).map((e) => Number(e.getAttribute('data-line') ?? e.querySelector('td.line')?.textContent)).sort((a, b) => a - b));
      assert.deepEqual(await litLines(), [], `${url}: nothing lit before`);
      await box.hover();
      const lit = await litLines();
      assert.deepEqual(lit, expected, `${url}: hovering ${port.name} lights the lines that prove it`);
      // the lines lit are the capture block's lines (guide) or the capture rows (topology page)
      const where = await page.$$eval('.lit', (els) => els.filter((e) => e.matches('.line, tr')).map((e) => (e.closest('.capture-block pre') ? 'block' : e.closest('table.capture-lines') ? 'row' : 'other')));
      assert.ok(where.every((w) => w === (kind === 'guide' ? 'block' : 'row')), `${url}: lit in ${kind === 'guide' ? 'capture blocks' : 'capture rows'}`);
      assert.ok(await page.locator(`.drawing.unfolded g.wire.veth.hl`).count() > 0, `${url}: the box's veth wire lights`);
      await page.mouse.move(0, 0);
      assert.deepEqual(await litLines(), [], `${url}: unlit when the pointer leaves`);

      // keyboard: focus the box, then move to the next one with an arrow key
      await box.focus();
      assert.deepEqual(await litLines(), expected, `${url}: focusing ${port.name} lights its lines`);
      await page.keyboard.press('ArrowRight');
      const moved = await page.evaluate(() => {
        const focused = document.activeElement;
        const wanted = [...new Set((focused?.getAttribute('data-lines') ?? '').split(' ').filter((id) => id && document.getElementById(id)))].sort();
        const lit = Array.from(document.querySelectorAll('.lit')).filter((e) => e.matches('.line, tr')).map((e) => e.id).sort();
        return { box: focused?.getAttribute('aria-label'), wanted, lit };
      });
      assert.notEqual(moved.box, await box.getAttribute('aria-label'), `${url}: ArrowRight moves the focus`);
      assert.deepEqual(moved.lit, moved.wanted, `${url}: the next box's lines after ArrowRight`);
    }
  });

  it('should step through each walk, lighting its path hop by hop', async () => {
    for (const { url } of pages) {
      const { page } = await shared(url);
      const data = JSON.parse(await page.locator('script.topology-data').textContent() ?? '{}') as { walks: { slug: string; title: string; steps: { key: string; near?: string; text: string; place: string }[] }[] };
      assert.equal(data.walks.length, topology.walks.length, `${url}: every walk in the page's data`);
      const walk = data.walks[0]!;
      assert.ok(walk.steps.length > 3);
      const player = page.locator('.walk-player');
      for (let i = 0; i < walk.steps.length; i++) {
        const step = walk.steps[i]!;
        const state = await page.evaluate(({ slug, key, near }) => {
          const boxes = Array.from(document.querySelectorAll('.drawing.unfolded g.box'));
          const of = (k: string) => boxes.filter((b) => (b.getAttribute('data-key') ?? '').split(' ').includes(k));
          const here = of(key).length > 0 || !near ? of(key) : of(near);
          return {
            text: document.querySelector('.walk-player .walk-current')?.textContent ?? '',
            current: document.querySelector(`.walk[data-walk="${slug}"] > ol > li[aria-current="step"]`)?.getAttribute('data-step'),
            here: here.map((b) => b.classList.contains('current')),
            lit: boxes.filter((b) => b.classList.contains('current')).length,
          };
        }, { slug: walk.slug, key: step.key, near: step.near ?? '' });
        assert.ok(state.text.includes(step.text), `${url}: step ${i + 1} shows its text`);
        assert.equal(state.current, String(i + 1), `${url}: step ${i + 1} is the list's current step`);
        assert.ok(state.here.every(Boolean), `${url}: step ${i + 1}'s box is the current one`);
        assert.equal(state.lit, state.here.length, `${url}: step ${i + 1}: only its box is current`);
        if (i < walk.steps.length - 1) await player.locator('button.walk-next').click();
      }
      // the whole path is lit: every step's box, and a wire between consecutive steps' boxes (the veth pair among them)
      const path = await page.evaluate((steps) => {
        const svg = document.querySelector('.drawing.unfolded svg')!;
        const boxes = Array.from(svg.querySelectorAll('g.box'));
        const of = (key: string) => boxes.filter((b) => (b.getAttribute('data-key') ?? '').split(' ').includes(key));
        const wanted = new Set(steps.flatMap((s) => (of(s.key).length > 0 || !s.near ? of(s.key) : of(s.near))).map((b) => b.id));
        const walked = new Set(boxes.filter((b) => b.classList.contains('walked')).map((b) => b.id));
        const wires = Array.from(svg.querySelectorAll('g.wire.walked')).map((w) => ({ kind: w.getAttribute('class'), ends: [w.getAttribute('data-source'), w.getAttribute('data-target')] }));
        return { missing: [...wanted].filter((id) => !walked.has(id)), extra: [...walked].filter((id) => !wanted.has(id)), wires, wanted: wanted.size };
      }, walk.steps.map((s) => ({ key: s.key, near: s.near ?? '' })));
      assert.deepEqual(path.missing, [], `${url}: every step's box walked`);
      assert.deepEqual(path.extra, [], `${url}: nothing else walked`);
      assert.ok(path.wanted >= walk.steps.length - 1, `${url}: every step but the last hop out has a box (${path.wanted} of ${walk.steps.length})`);
      const vethWalked = path.wires.filter((w) => / veth/.test(w.kind ?? '')).length;
      const vethOnPath = topology.walks[0]!.steps.some((s, i, all) => topology.links.some((l) => l.kind === 'veth' && i > 0 && [l.a.name, l.b.name].includes(s.at.name) && [l.a.name, l.b.name].includes(all[i - 1]!.at.name)));
      if (vethOnPath) assert.equal(vethWalked, 1, `${url}: the veth wire is on the path`);
      // previous: the button and the key
      await player.locator('button.walk-prev').click();
      assert.equal(await page.locator(`.walk[data-walk="${walk.slug}"] > ol > li[aria-current="step"]`).getAttribute('data-step'), String(walk.steps.length - 1));
      await player.locator('button.walk-prev').focus();
      await page.keyboard.press('ArrowLeft');
      assert.equal(await page.locator(`.walk[data-walk="${walk.slug}"] > ol > li[aria-current="step"]`).getAttribute('data-step'), String(walk.steps.length - 2));
      assert.match((await player.locator('.walk-position').textContent())!, new RegExp(`${walk.steps.length - 2}\\D+${walk.steps.length}`));
    }
  });

  it('should zoom and pan the diagram, with the buttons and by dragging', async () => {
    for (const { url } of pages) {
      const { page } = await shared(url);
      const svg = page.locator('.drawing.unfolded svg');
      const transform = () => svg.locator('g.viewport').getAttribute('transform');
      const scale = async () => Number(/scale\(([\d.]+)\)/.exec((await transform()) ?? '')?.[1] ?? 1);
      /** The value `read` settles on after an animation (polled, at most 5 s). */
      const settled = async <T>(read: () => Promise<T>, done: (v: T) => boolean): Promise<T> => {
        let v = await read();
        for (let i = 0; i < 50 && !done(v); i++) {
          await page.waitForTimeout(100);
          v = await read();
        }
        return v;
      };
      await page.locator('.drawing.unfolded button.zoom-reset').click();
      await page.waitForTimeout(300);
      const k0 = await scale();
      await page.locator('.drawing.unfolded button.zoom-in').click();
      assert.ok(await settled(scale, (k) => k > k0 * 1.25) > k0 * 1.25, `${url}: zoomed in`);
      const before = await transform();
      // drag from the middle of the part of the drawing in the window
      await svg.scrollIntoViewIfNeeded();
      const box = (await svg.boundingBox())!;
      const window = page.viewportSize()!;
      const x = box.x + box.width / 2;
      const y = Math.max(box.y, 0) + (Math.min(box.y + box.height, window.height) - Math.max(box.y, 0)) / 2;
      await page.mouse.move(x, y);
      await page.mouse.down();
      await page.mouse.move(x - 60, y - 40, { steps: 5 });
      await page.mouse.up();
      assert.notEqual(await transform(), before, `${url}: dragging pans`);
      await page.locator('.drawing.unfolded button.zoom-reset').click();
      assert.equal(await settled(scale, (k) => Math.abs(k - k0) < 1e-6), k0, `${url}: reset`);
    }
  });

  it('should copy a capture block\'s text, exactly, with its copy button, on both guide pages', async () => {
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    for (const guide of pages.filter((p) => p.kind === 'guide')) {
      const { page } = await shared(guide.url);
      const counts = await page.evaluate(() => ({ pre: document.querySelectorAll('pre').length, buttons: document.querySelectorAll('.code-wrap > button.copy-button + pre').length }));
      assert.ok(counts.pre > 10, guide.url);
      assert.equal(counts.buttons, counts.pre, `${guide.url}: a copy button on every code and capture block`);
      const block = page.locator('.capture-block .code-wrap').filter({ has: page.locator('.line.noted') }).first();
      await block.locator('button.copy-button').click();
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      const shown = await block.locator('pre').evaluate((pre) => pre.textContent!.replace(/\n$/, ''));
      assert.equal(copied, shown, guide.url);
      assert.ok(!/^\d+(,\d+)*…?\s/m.test(copied), `${guide.url}: the note marks are not copied`);
    }
  });

  it('should show the walks as ordered lists and every note without a script', async () => {
    for (const { url, kind } of pages) {
      const { page } = await open(url, { script: false });
      assert.equal(await page.locator('.walk-player').count(), 0);
      for (const [i, walk] of topology.walks.entries()) {
        const items = page.locator('.walks .walk').nth(i).locator(':scope > ol.walk-steps > li');
        assert.equal(await items.count(), walk.steps.length, `${url}: walk ${i + 1} as a list`);
        assert.ok(await items.first().isVisible());
      }
      if (kind === 'guide') {
        const notes = page.locator('.capture-notes li.note');
        assert.ok(await notes.count() > 10, `${url}: notes under the capture blocks`);
        assert.ok(await notes.first().isVisible());
        assert.ok(await page.locator('li.claim .verdict').count() > 0, `${url}: verdicts beside the author's bullets`);
      }
      await page.close();
    }
  });

  it('should switch shiki\'s colours with the theme toggle, whatever the system\'s scheme', async () => {
    for (const guide of pages.filter((p) => p.kind === 'guide')) {
      for (const system of ['light', 'dark'] as const) {
        const { page } = await open(guide.url, { scheme: system });
        /** A highlighted token whose two themes differ: its colour shown, its light and dark colours (as the browser writes them). */
        const token = () => page.evaluate(() => {
          const asRgb = (c: string) => { const e = document.createElement('i'); e.style.color = c; document.body.append(e); const v = getComputedStyle(e).color; e.remove(); return v; };
          const span = Array.from(document.querySelectorAll<HTMLElement>('.shiki span[style*="--shiki-dark:"]'))
            .find((t) => t.textContent!.trim() !== '' && asRgb(t.style.color) !== asRgb(t.style.getPropertyValue('--shiki-dark')));
          if (!span) return undefined;
          return { shown: getComputedStyle(span).color, light: asRgb(span.style.color), dark: asRgb(span.style.getPropertyValue('--shiki-dark')), theme: document.documentElement.dataset.theme };
        });
        const before = await token();
        assert.ok(before, `${guide.url}: a token with two colours`);
        assert.equal(before.shown, system === 'dark' ? before.dark : before.light, `${guide.url}: the system's ${system}`);
        await page.click('.theme-toggle');
        const after = (await token())!;
        assert.equal(after.theme, system === 'dark' ? 'light' : 'dark');
        assert.equal(after.shown, system === 'dark' ? after.light : after.dark, `${guide.url}: the toggle's ${after.theme} over the system's ${system}`);
        await page.evaluate(() => localStorage.removeItem('netguide-theme'));
        await page.close();
      }
    }
  });

  it('should give axe-core no serious or critical violation, light and dark', async () => {
    for (const { url } of pages) {
      const { page } = await shared(url);
      await page.addScriptTag({ content: axeSource });
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        const violations = await page.evaluate(async () => {
          const result = await (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, { resultTypes: ['violations'] });
          return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
        });
        assert.deepEqual(violations, [], `${url} (${scheme})`);
      }
    }
  });

  it('should not scroll sideways at 375 px but inside code blocks and the diagram, with labels of a readable size', async () => {
    for (const { url } of pages) {
      const { page } = await open(url, { width: 375 });
      const overflow = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth - window.innerWidth,
        // elements reaching past the right edge that are not inside something that scrolls by itself
        wide: Array.from(document.querySelectorAll('body *')).filter((e) => {
          const r = e.getBoundingClientRect();
          return r.width > 0 && r.right > window.innerWidth + 1 && !e.closest('pre, .drawings, table.capture-lines, .walk-choose');
        }).slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${Array.from(e.classList).join('.')}`),
      }));
      assert.ok(overflow.page <= 0, `${url}: the page is ${overflow.page}px wider than the window`);
      assert.deepEqual(overflow.wide, [], `${url}: nothing sticks out`);
      const labels = await page.$$eval('.drawing.unfolded g.box:not(.compound) > text', (ts) => ts.map((t) => t.getBoundingClientRect().height));
      assert.ok(labels.length > 0 && Math.min(...labels) >= 10, `${url}: labels at least 10 px tall (smallest ${Math.min(...labels)})`);
      await page.close();
    }
  });

  it('should save screenshots of every page when NETGUIDE_SHOTS names a folder', { skip: !process.env.NETGUIDE_SHOTS && 'NETGUIDE_SHOTS not set' }, async () => {
    const dir = process.env.NETGUIDE_SHOTS!;
    mkdirSync(dir, { recursive: true });
    for (const { url } of pages) {
      for (const scheme of ['light', 'dark'] as const) {
        for (const width of [1280, 375]) {
          const { page } = await open(url, { width, scheme });
          const name = `${url.replace(/^\/|\/$/g, '').replace(/\//g, '-')}-${width}-${scheme}.png`;
          await page.screenshot({ path: join(dir, name), fullPage: true });
          await page.close();
        }
      }
    }
  });
});
