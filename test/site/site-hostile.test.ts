// Hostile content, at the level of the whole site: a guide
// (test/fixtures/site/hostile) whose prose, links, images, directives, included
// SVG, captures (bridge, port, interface, namespace, VM names, process command
// lines) and Chinese translation (its PO msgstr) carry <script>, event-handler
// attributes, `javascript:` and `data:` URLs, raw HTML, a meta refresh and
// quotes. The site is built as a user builds it and every page is opened in
// Debian's Chromium with a trap on the payloads' global (`window.__pwned`),
// dialogs, console errors, requests and navigations outside the site: nothing
// may run, and the hostile text must be on the page as text. The search index
// (Pagefind) and the diagram carry it as text too. Skipped, saying so, where no
// Chromium is installed.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CHROMIUM, launchChromium, pagesOf, serveFolder } from '../../scripts/site-screenshots.js';
import { build, fixtures, makeContent, temporary, type BuildRun } from './helpers.js';

const skip = existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM} (apt-get install chromium): the hostile-content browser tests are skipped`;
if (skip) console.log(`# ${skip}`);

const guideFolder = join(fixtures, 'hostile/hostile');
const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/** What a page did that content must never make it do. */
interface Incidents {
  dialogs: string[];
  errors: string[];
  /** Requests to anything but the site's own server. */
  outside: string[];
  /** Navigations of the main frame away from the page asked for. */
  navigations: string[];
}

/** A browser context whose pages report every dialog, console error, payload, outside request and navigation. */
async function trapped(browser: Browser, origin: string): Promise<{ context: BrowserContext; tab: Page; incidents: Incidents }> {
  const incidents: Incidents = { dialogs: [], errors: [], outside: [], navigations: [] };
  const context = await browser.newContext();
  // the payloads all write this global (or call alert): a setter that says so the moment one runs
  await context.addInitScript(() => {
    let value: unknown;
    Object.defineProperty(window, '__pwned', { configurable: false, get: () => value, set: (v) => { value = v; console.error(`PAYLOAD RAN: ${String(v)}`); } });
  });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin)) return route.continue();
    incidents.outside.push(url);
    return route.abort();
  });
  const tab = await context.newPage();
  tab.on('dialog', (d) => { incidents.dialogs.push(`${d.type()}: ${d.message()}`); void d.dismiss(); });
  tab.on('console', (m) => { if (m.type() === 'error') incidents.errors.push(m.text()); });
  tab.on('pageerror', (e) => incidents.errors.push(String(e)));
  tab.on('framenavigated', (f) => { if (f === tab.mainFrame() && !f.url().startsWith(origin)) incidents.navigations.push(f.url()); });
  return { context, tab, incidents };
}

/** Everything on the page that could run code or leave it: none may come from content. */
function activeParts(tab: Page): Promise<string[]> {
  return tab.evaluate(() => {
    const found: string[] = [];
    const own = ['/assets/', '/pagefind/'];
    for (const el of Array.from(document.querySelectorAll('*'))) {
      const tag = el.tagName.toLowerCase();
      // the search box's own form (Pagefind UI: action="javascript:void(0);"); its results are checked on their own
      if (tag === 'form' && el.closest('#search') && el.getAttribute('action') === 'javascript:void(0);') continue;
      for (const a of Array.from(el.attributes)) {
        if (/^on/i.test(a.name)) found.push(`<${tag} ${a.name}="${a.value}">`);
        if (/^(href|src|xlink:href|action|formaction|srcdoc|poster|data)$/i.test(a.name)) {
          if (a.name === 'srcdoc') { found.push(`<${tag} srcdoc>`); continue; }
          const url = new URL(a.value, location.href);
          const linkable = tag === 'a' || tag === 'link' ? ['http:', 'https:', 'mailto:'] : ['http:', 'https:'];
          const dataImage = a.name === 'src' && tag === 'img' && /^data:image\/(png|jpeg|gif|webp|avif);/i.test(a.value);
          if (!linkable.includes(url.protocol) && !dataImage) found.push(`<${tag} ${a.name}="${a.value.slice(0, 60)}">`);
        }
      }
      if (['iframe', 'frame', 'object', 'embed', 'base', 'form'].includes(tag)) found.push(`<${tag}>`);
      if (tag === 'meta' && el.hasAttribute('http-equiv')) found.push(`<meta http-equiv="${el.getAttribute('http-equiv')}">`);
      if (tag === 'script') {
        const src = el.getAttribute('src');
        const pathOf = src ? new URL(src, location.href).pathname : '';
        if (src ? !own.some((p) => pathOf.includes(p)) : /pwned/.test(el.textContent ?? '')) found.push(`<script${src ? ` src="${src}"` : ''}>`);
      }
    }
    return found;
  });
}

describe('hostile content on the site', { skip }, () => {
  let root = '';
  let run: BuildRun;
  let browser: Browser;
  let site: Awaited<ReturnType<typeof serveFolder>>;

  before(async () => {
    root = temporary('hostile');
    makeContent(root, ['hostile', 'alpha']);
    run = await build(root, ['--content', 'content', '--out', 'site']);
    site = await serveFolder(join(root, 'site'));
    browser = (await launchChromium())!;
  });

  after(async () => {
    await browser?.close();
    site?.server.close();
  });

  it('should build every page, refusing raw HTML and saying where, with the dangerous links reported', () => {
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /content\/hostile\/hostile\.rst:41:1: warning: "raw" directive disabled\./);
    assert.match(run.stderr, /content\/hostile\/hostile\.rst:48:\d+: warning: raw \(and derived\) roles disabled/);
    assert.match(run.stderr, /content\/hostile\/locales\/zh\.po:42:1: warning: raw \(and derived\) roles disabled/);
    for (const scheme of ['javascript', 'vbscript', 'data']) assert.match(run.stderr, new RegExp(`content/hostile/hostile\\.rst:\\d+:\\d+: warning: .*"${scheme}:`, 'i'), `a ${scheme}: link is reported`);
    assert.match(run.stderr, /content\/hostile\/hostile\.rst:9:\d+: warning: meta http-equiv="refresh" not put on the page/, 'the meta refresh is reported');
    assert.deepEqual(pagesOf(join(root, 'site')), ['', 'en/', 'en/alpha/', 'en/alpha/topology/', 'en/hostile/', 'en/hostile/topology/', 'zh/', 'zh/alpha/', 'zh/alpha/topology/', 'zh/hostile/', 'zh/hostile/topology/']);
  });

  it('should run nothing on any page: no dialog, no payload, no console error, no request or navigation outside the site', async () => {
    const { context, tab, incidents } = await trapped(browser, site.url);
    for (const url of pagesOf(join(root, 'site'))) {
      await tab.goto(site.url + url, { waitUntil: 'networkidle' });
      // a meta refresh of 0 s, an image's onerror, an SVG's onload: give them time to fire
      await tab.waitForTimeout(300);
      if (await tab.$('svg.topology-diagram')) await tab.hover('svg.topology-diagram');
      assert.equal(tab.url(), site.url + url, `${url}: the page stayed`);
      assert.equal(await tab.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined, `${url}: no payload ran`);
      assert.equal(tab.frames().length, 1, `${url}: no frame`);
      assert.deepEqual(await activeParts(tab), [], `${url}: nothing active from content`);
    }
    // the figure's image file lies beside the guide but the site does not publish images: its 404 is the one error allowed
    const errors = incidents.errors.filter((e) => !/Failed to load resource: the server responded with a status of 404/.test(e));
    assert.deepEqual({ ...incidents, errors }, { dialogs: [], errors: [], outside: [], navigations: [] });
    assert.deepEqual(site.missing.filter((m) => !m.endsWith('/evil.svg')), [], 'no other file is missing');
    await context.close();
  });

  it('should show the hostile text as text, in both languages', async () => {
    const { context, tab } = await trapped(browser, site.url);
    const text = async (url: string) => {
      await tab.goto(site.url + url, { waitUntil: 'networkidle' });
      return { body: collapse(await tab.evaluate(() => document.body.textContent ?? '')), title: await tab.title() };
    };
    const en = await text('en/hostile/');
    for (const shown of [
      "Hostile <script>window.__pwned='title'</script> guide",
      `Prose with markup in it: <script>window.__pwned='prose'</script> and <img src=x onerror="window.__pwned='prose-img'"> and a quote " ' & <b>bold</b>.`,
      'a javascript link', 'mixed case', 'vbscript', 'data html', 'data svg', 'evil target', 'anonymous',
      `<img src=x onerror="window.__pwned='author'">`,
      "A substitution: <script>window.__pwned='substitution'</script>.",
      `<iframe src="javascript:window.__pwned='iframe'"></iframe>`,
      "<script>window.__pwned='cell'</script>", "<img src=x onerror=window.__pwned='cell-img'>",
      `<a href="javascript:window.__pwned='code-link'">x</a>`,
      `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="window.__pwned='svg-onload'">`,
      `Section "><script>window.__pwned='section'</script>`,
      `Bridge "br-<script>window.__pwned='bridge'</script>"`,
      `qdhcp-<img/src/onerror=window.__pwned='inline-ns'> (id: 3)`,
    ]) assert.ok(en.body.includes(collapse(shown)), `en/hostile/ shows ${shown}`);
    assert.ok(en.title.includes("Hostile <script>window.__pwned='title'</script> guide"), en.title);
    const zh = await text('zh/hostile/');
    for (const shown of [
      "敌意 <script>window.__pwned='po-title'</script> 指南",
      `正文里的标记：<script>window.__pwned='po-prose'</script> 和 <img src=x onerror="window.__pwned='po-img'">`,
      `小节 "><svg/onload=window.__pwned='po-section'>`,
      `主机的抓取 <iframe srcdoc="<script>parent.__pwned='po-iframe'</script>"></iframe>，各在一个文件里。`,
      "写在正文里的抓取 </code></pre><script>window.__pwned='po-close'</script>：",
    ]) assert.ok(zh.body.includes(collapse(shown)), `zh/hostile/ shows ${shown}`);
    assert.ok(zh.title.includes("敌意 <script>window.__pwned='po-title'</script> 指南"), zh.title);
    for (const lang of ['zh', 'en']) {
      const home = await text(`${lang}/`);
      assert.ok(home.body.includes(lang === 'zh' ? "敌意 <script>window.__pwned='po-title'</script> 指南" : "Hostile <script>window.__pwned='title'</script> guide"), `${lang}/ lists the guide by its title, as text`);
      // every line of every capture file, in the captures section of the topology page
      const topology = await text(`${lang}/hostile/topology/`);
      for (const file of ['01-ovs-vsctl-show', '02-ip-link', '03-ip-netns', '04-virsh-list', '05-ps-ef', '06-brctl-show']) {
        for (const line of readFileSync(join(guideFolder, 'captures/lab1', `${file}.txt`), 'utf8').split('\n').slice(1)) {
          if (line.trim()) assert.ok(topology.body.includes(collapse(line)), `${lang}/hostile/topology/ shows ${line}`);
        }
      }
    }
    await context.close();
  });

  it('should leave no link with a dangerous scheme live, and keep a safe one', async () => {
    const { context, tab } = await trapped(browser, site.url);
    for (const lang of ['en', 'zh']) {
      await tab.goto(`${site.url}${lang}/hostile/`, { waitUntil: 'networkidle' });
      const links = await tab.$$eval('article a', (as) => as.map((a) => ({ text: a.textContent?.trim() ?? '', href: a.getAttribute('href') })));
      for (const name of lang === 'en' ? ['a javascript link', 'mixed case', 'spaced', 'vbscript', 'data html', 'data svg', 'evil target', 'anonymous'] : ['链接']) {
        const link = links.find((l) => l.text === name);
        assert.ok(link, `${lang}: the link text "${name}" is shown`);
        assert.equal(link.href, null, `${lang}: "${name}" is not a live link`);
      }
      if (lang === 'en') assert.equal(links.find((l) => l.text === 'example')?.href, 'https://example.org/');
      const images = await tab.$$eval('article img', (is) => is.map((i) => i.getAttribute('src')));
      assert.ok(images.every((src) => src === null || !/^\s*(javascript:|vbscript:|data:(?!image\/(png|jpeg|gif|webp|avif);))/i.test(src)), `${lang}: no image from a javascript: or non-raster data: URL: ${images.join(' ')}`);
    }
    await context.close();
  });

  it('should carry the hostile names as text in the diagram', async () => {
    const { context, tab } = await trapped(browser, site.url);
    for (const lang of ['en', 'zh']) {
      await tab.goto(`${site.url}${lang}/hostile/topology/`, { waitUntil: 'networkidle' });
      const diagram = await tab.$eval('svg.topology-diagram', (svg) => ({ text: svg.textContent ?? '', elements: Array.from(svg.querySelectorAll('*')).map((e) => e.tagName.toLowerCase()) }));
      for (const name of ["br-<script>window.__pwned='bridge'</script>", "qvo<img/src/onerror=window.__pwned='port'>", `tap"><svg/onload=window.__pwned='quote'>`, "qbr<i>'x'</i>", "<img/src/onerror=window.__pwned='vm'>", `vm-"'&amp;<b>two</b>`]) {
        assert.ok(diagram.text.includes(name), `${lang}: the diagram names ${name}`);
      }
      const unexpected = diagram.elements.filter((t) => !['title', 'desc', 'g', 'rect', 'path', 'text', 'tspan', 'line', 'circle', 'polyline', 'polygon', 'marker', 'defs', 'style', 'a'].includes(t));
      assert.deepEqual([...new Set(unexpected)], [], `${lang}: only drawing elements in the diagram`);
    }
    await context.close();
  });

  it('should carry the hostile text as text in the search index: the search box shows it and runs nothing', async () => {
    const { context, tab, incidents } = await trapped(browser, site.url);
    for (const [lang, query, shown] of [['en', 'pwned', "<script>window.__pwned='prose'</script>"], ['zh', '敌意', "<script>window.__pwned='po-title'</script>"]] as const) {
      await tab.goto(`${site.url}${lang}/`, { waitUntil: 'networkidle' });
      // Pagefind's own API: what the index holds for the page
      const data = await tab.evaluate(async (q) => {
        const base = document.getElementById('search')!.dataset.base!;
        const pagefind = await import(base + 'pagefind/pagefind.js');
        await pagefind.options({ baseUrl: base });
        const found = await pagefind.search(q);
        return Promise.all(found.results.map(async (r: { data: () => Promise<{ url: string; content: string; excerpt: string; meta: { title: string } }> }) => r.data()));
      }, query);
      const page = data.find((d) => d.url === `/${lang}/hostile/`);
      assert.ok(page, `${lang}: the index finds the hostile guide for ${query}`);
      assert.ok(page.content.includes(shown), `${lang}: the index holds the text ${shown}`);
      // the search box shows the results (Pagefind UI puts the excerpt in as HTML): the text, and nothing active
      await tab.fill('#search input', query);
      await tab.waitForSelector(`.pagefind-ui__result-link[href$="/${lang}/hostile/"]`, { timeout: 20_000 });
      await tab.waitForTimeout(300);
      const results = await tab.$eval('.pagefind-ui__results', (r) => ({ text: r.textContent ?? '', tags: [...new Set(Array.from(r.querySelectorAll('*')).map((e) => e.tagName.toLowerCase()))] }));
      assert.ok(results.text.includes(lang === 'en' ? "Hostile <script>window.__pwned='title'</script> guide" : "敌意 <script>window.__pwned='po-title'</script> 指南"), `${lang}: the result's title as text: ${results.text.slice(0, 300)}`);
      assert.deepEqual(results.tags.filter((t) => !['li', 'div', 'p', 'a', 'mark', 'span', 'ul', 'ol', 'img', 'svg', 'path', 'button'].includes(t)), [], `${lang}: no element from the index's text`);
      assert.deepEqual(await activeParts(tab), [], `${lang}: nothing active after searching`);
    }
    assert.equal(await tab.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined);
    assert.deepEqual(incidents, { dialogs: [], errors: [], outside: [], navigations: [] });
    await context.close();
  });
});
