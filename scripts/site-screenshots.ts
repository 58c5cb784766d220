// Screenshots of a built site, to look at what a reader gets: every page (or
// the ones named) at 1280 and 375 px wide, light and dark, with Debian's
// Chromium through playwright-core (never a downloaded browser).
//
//   node dist/scripts/site-screenshots.js [SITE=_site] [OUT=/tmp/shots-site] [--base /prefix/] [URL...]
//
// Also exports the small static server and browser launch the site's browser
// tests use.

import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml',
  '.json': 'application/json', '.wasm': 'application/wasm', '.png': 'image/png',
};

/** Serve `dir` under `base` (`/` or `/prefix/`) on a free port of 127.0.0.1; 404 for anything else. */
export async function serveFolder(dir: string, base = '/'): Promise<{ url: string; server: Server; requests: string[]; missing: string[] }> {
  const requests: string[] = [];
  const missing: string[] = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    let file = path.startsWith(base) ? normalize(join(dir, path.slice(base.length))) : '';
    if (file && existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!file || !file.startsWith(resolve(dir)) || !existsSync(file)) {
      missing.push(path);
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}${base}`, server, requests, missing };
}

/**
 * Debian's Chromium, headless; undefined when it is not installed. Each launch
 * gets a fresh profile (playwright makes a new --user-data-dir for it).
 */
export async function launchChromium(): Promise<Browser | undefined> {
  if (!existsSync(CHROMIUM)) return undefined;
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/** Every page of a built site (`zh/local/`, …), from its index.html files. */
export function pagesOf(site: string): string[] {
  return (readdirSync(site, { recursive: true }) as string[])
    .filter((f) => f.endsWith('index.html') && !f.startsWith('pagefind'))
    .map((f) => f.slice(0, -'index.html'.length))
    .sort();
}

async function main(args: string[]): Promise<void> {
  const baseAt = args.indexOf('--base');
  const base = baseAt >= 0 ? args.splice(baseAt, 2)[1]! : '/';
  const [site = '_site', out = '/tmp/shots-site', ...urls] = args;
  mkdirSync(out, { recursive: true });
  const { url, server, missing } = await serveFolder(resolve(site), base);
  const browser = await launchChromium();
  if (!browser) throw new Error(`no Chromium at ${CHROMIUM}`);
  try {
    for (const page of urls.length > 0 ? urls : pagesOf(site)) {
      for (const width of [1280, 375]) {
        for (const scheme of ['light', 'dark'] as const) {
          const context = await browser.newContext({ viewport: { width, height: width > 800 ? 900 : 812 }, colorScheme: scheme });
          const tab = await context.newPage();
          const errors: string[] = [];
          tab.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
          tab.on('pageerror', (e) => errors.push(String(e)));
          await tab.goto(url + page, { waitUntil: 'networkidle' });
          const name = `${(page || 'root').replace(/\/$/, '').replace(/\//g, '_')}-${width}-${scheme}.png`;
          await tab.screenshot({ path: join(out, name), fullPage: false });
          const scroll = await tab.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          console.log(`${name}${scroll > 0 ? `  page scrolls sideways by ${scroll}px` : ''}${errors.length ? `  console: ${errors.join(' | ')}` : ''}`);
          await context.close();
        }
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  if (missing.length > 0) console.log(`not found: ${[...new Set(missing)].join(', ')}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
