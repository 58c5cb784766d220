// The site's frame in a browser (Debian's Chromium through playwright-core):
// every page loads with no console error and no missing file (the favicon
// too), no page scrolls sideways at 375 px, the search box of each language
// finds that language's pages (Chinese words inside a sentence too), the
// language switcher lands on the same section, the theme toggle is
// remembered, and under --base-url links, assets and search results all carry
// the prefix. Skipped, and saying so, where no Chromium is installed.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM, launchChromium, pagesOf, serveFolder } from '../../scripts/site-screenshots.js';
import { build, makeContent, temporary } from './helpers.js';

const skip = existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM} (apt-get install chromium): the browser tests are skipped`;
if (skip) console.log(`# ${skip}`);

/** Type `query` into the page's search box; the result links Pagefind shows, once one of them is `expected`. */
async function search(tab: Page, query: string, expected: string): Promise<string[]> {
  await tab.fill('#search input', query);
  const shown = () => tab.$$eval('.pagefind-ui__result-link', (as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  await tab.waitForFunction((want) => Array.from(document.querySelectorAll('.pagefind-ui__result-link')).some((a) => new URL((a as HTMLAnchorElement).href).pathname === want), expected, { timeout: 20_000 })
    .catch(async () => assert.fail(`${query}: ${expected} not among ${(await shown()).join(' ')}`));
  return shown();
}

/** Every page the index of the page's language finds for `query` (Pagefind's own API, as the search box uses it). */
function searchAll(tab: Page, query: string): Promise<string[]> {
  return tab.evaluate(async (q) => {
    const base = document.getElementById('search')!.dataset.base!;
    const pagefind = await import(base + 'pagefind/pagefind.js');
    await pagefind.options({ baseUrl: base });
    const found = await pagefind.search(q);
    return Promise.all(found.results.map(async (r: { data: () => Promise<{ url: string }> }) => (await r.data()).url));
  }, query);
}

describe('the site in a browser', { skip }, () => {
  let root = '';
  let browser: Browser;
  let site: Awaited<ReturnType<typeof serveFolder>>;
  let prefixed: Awaited<ReturnType<typeof serveFolder>>;

  before(async () => {
    root = temporary('browser');
    makeContent(root, ['alpha', 'beta', 'seed']);
    const plain = await build(root, ['--content', 'content', '--out', 'site']);
    assert.equal(plain.code, 0, plain.stderr);
    const under = await build(root, ['--content', 'content', '--out', 'prefixed', '--base-url', '/docs/ng/']);
    assert.equal(under.code, 0, under.stderr);
    site = await serveFolder(join(root, 'site'));
    prefixed = await serveFolder(join(root, 'prefixed'), '/docs/ng/');
    browser = (await launchChromium())!;
  });

  after(async () => {
    await browser?.close();
    site?.server.close();
    prefixed?.server.close();
  });

  it('should load every page with no console error and no missing file, and no sideways scroll at 375 px', async () => {
    const urls = pagesOf(join(root, 'site'));
    assert.equal(urls.length, 1 + 2 + 3 * 4);
    for (const width of [1280, 375]) {
      const context = await browser.newContext({ viewport: { width, height: 800 } });
      const tab = await context.newPage();
      const errors: string[] = [];
      tab.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      tab.on('pageerror', (e) => errors.push(String(e)));
      for (const url of urls) {
        await tab.goto(site.url + url, { waitUntil: 'networkidle' });
        assert.deepEqual(errors, [], `${url} at ${width}px: console errors`);
        const sideways = await tab.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(sideways <= 0, `${url} at ${width}px scrolls sideways by ${sideways}px`);
      }
      await context.close();
    }
    assert.deepEqual(site.missing, [], 'every file asked for exists (no favicon 404)');
  });

  it('should search the page\'s language only: Chinese words on the Chinese side, English on the English side', async () => {
    const tab = await browser.newPage();
    await tab.goto(site.url + 'zh/local/', { waitUntil: 'networkidle' });
    await search(tab, '地址转换', '/zh/local/');
    const zh = await searchAll(tab, '地址转换');
    assert.ok(zh.length > 0 && zh.every((u) => u.startsWith('/zh/')), `only Chinese pages: ${zh.join(' ')}`);
    await search(tab, '命名空间', '/zh/beta/');
    assert.ok((await searchAll(tab, '命名空间')).includes('/zh/beta/'), '命名空间, inside a sentence');
    await tab.goto(site.url + 'en/alpha/', { waitUntil: 'networkidle' });
    await search(tab, 'namespaces', '/en/alpha/');
    const en = await searchAll(tab, 'namespaces');
    assert.ok(en.length > 0 && en.every((u) => u.startsWith('/en/')), `only English pages: ${en.join(' ')}`);
    await tab.close();
  });

  it('should switch language on the same page and section', async () => {
    const tab = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await tab.goto(site.url + 'zh/local/', { waitUntil: 'networkidle' });
    // the reader scrolled to "Create VM" (its title near the top of the window)
    await tab.evaluate(() => document.getElementById('create-vm')!.scrollIntoView());
    await Promise.all([tab.waitForURL(/\/en\/local\/#create-vm$/), tab.evaluate(() => (document.querySelector('a.switch-language[hreflang="en"]') as HTMLElement).click())]);
    await tab.waitForLoadState('networkidle');
    const top = await tab.evaluate(() => document.getElementById('create-vm')!.getBoundingClientRect().top);
    assert.ok(top >= 0 && top < 200, `the same section is in view (top ${top})`);
    // from a section the address names, back again
    await tab.goto(site.url + 'en/local/#openflow', { waitUntil: 'networkidle' });
    await Promise.all([tab.waitForURL(/\/zh\/local\/#openflow$/), tab.evaluate(() => (document.querySelector('a.switch-language[hreflang="zh"]') as HTMLElement).click())]);
    await tab.close();
  });

  it('should remember the theme the toggle chose, over the system\'s', async () => {
    const context = await browser.newContext({ colorScheme: 'light' });
    const tab = await context.newPage();
    await tab.goto(site.url + 'en/', { waitUntil: 'networkidle' });
    const background = () => tab.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(await background(), 'rgb(255, 255, 255)');
    await tab.click('.theme-toggle');
    assert.equal(await tab.getAttribute('.theme-toggle', 'aria-pressed'), 'true');
    assert.equal(await background(), 'rgb(13, 17, 23)');
    await tab.goto(site.url + 'zh/beta/', { waitUntil: 'networkidle' });
    assert.equal(await background(), 'rgb(13, 17, 23)', 'remembered on the next page');
    await tab.click('.theme-toggle');
    assert.equal(await background(), 'rgb(255, 255, 255)');
    await context.close();
    const dark = await browser.newContext({ colorScheme: 'dark' });
    const other = await dark.newPage();
    await other.goto(site.url + 'en/', { waitUntil: 'networkidle' });
    assert.equal(await other.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(13, 17, 23)', 'the system\'s dark');
    await dark.close();
  });

  it('should publish under --base-url: every link, asset and search result under the prefix', async () => {
    const tab = await browser.newPage();
    const errors: string[] = [];
    tab.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    for (const url of pagesOf(join(root, 'prefixed'))) {
      await tab.goto(prefixed.url + url, { waitUntil: 'networkidle' });
      const outside = await tab.$$eval('a[href], link[href], script[src], img[src]', (els) =>
        els.map((e) => (e as HTMLAnchorElement).href || (e as HTMLScriptElement).src).filter((u) => u.startsWith(location.origin) && !new URL(u).pathname.startsWith('/docs/ng/')));
      assert.deepEqual(outside, [], `${url}: links outside the prefix`);
    }
    assert.deepEqual(errors, []);
    assert.deepEqual(prefixed.missing, [], 'every file asked for exists under the prefix');
    await tab.goto(prefixed.url + 'zh/alpha/', { waitUntil: 'networkidle' });
    await search(tab, '命名空间', '/docs/ng/zh/beta/');
    const found = await searchAll(tab, '命名空间');
    assert.ok(found.length > 0 && found.every((u) => u.startsWith('/docs/ng/zh/')), `search results carry the prefix: ${found.join(' ')}`);
    await tab.close();
  });
});
