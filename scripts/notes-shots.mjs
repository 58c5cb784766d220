// Screenshots of the guide and topology pages at 1280 and 375 px, light and
// dark: the top of each page, the first explained capture block (its notes
// beside or under it), a highlighted script block, and the dark theme chosen
// by the toggle over a light system. For looking at, not for tests.
//   node scripts/notes-shots.mjs SITE OUT [URL...]
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serveFolder, launchChromium } from '../dist/scripts/site-screenshots.js';

const [site = '_site', out = '/tmp/shots-notes', ...urls] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const { url, server, missing } = await serveFolder(resolve(site));
const browser = await launchChromium();
const pages = urls.length ? urls : ['en/local/', 'zh/local/', 'en/local/topology/'];
try {
  for (const page of pages) for (const width of [1280, 375]) for (const scheme of ['light', 'dark', 'toggle-dark']) {
    const context = await browser.newContext({ viewport: { width, height: width > 800 ? 900 : 812 }, colorScheme: scheme === 'dark' ? 'dark' : 'light' });
    const tab = await context.newPage();
    const errors = [];
    tab.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    tab.on('pageerror', (e) => errors.push(String(e)));
    await tab.goto(url + page, { waitUntil: 'networkidle' });
    if (scheme === 'toggle-dark') await tab.click('.theme-toggle');
    const name = (what) => join(out, `${page.replace(/\/$/, '').replace(/\//g, '_')}-${width}-${scheme}-${what}.png`);
    await tab.screenshot({ path: name('top') });
    for (const [what, selector] of [['notes', '.capture-block.has-notes'], ['code', 'pre.shiki'], ['walks', '.walks']]) {
      const el = await tab.$(selector);
      if (!el) continue;
      await el.evaluate((e) => { e.scrollIntoView({ block: 'start' }); window.scrollBy(0, -70); });
      await tab.waitForTimeout(150);
      await tab.screenshot({ path: name(what) });
    }
    const scroll = await tab.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    console.log(`${page} ${width} ${scheme}${scroll > 0 ? ` scrolls sideways ${scroll}px` : ''}${errors.length ? ` console: ${errors.join(' | ')}` : ''}`);
    await context.close();
  }
} finally { await browser.close(); server.close(); }
if (missing.length) console.log('not found:', [...new Set(missing)].join(', '));
