import { serve } from '/work/wt/capture-notes/dist/test/browser/serve.js';
import { launch } from '/work/wt/capture-notes/dist/test/browser/chromium.js';
const [root, url, width, scheme, out, ...ys] = process.argv.slice(2);
const s = await serve(root);
const b = await launch();
const page = await b.context.newPage();
await page.emulateMedia({ colorScheme: scheme });
await page.setViewportSize({ width: +width, height: 900 });
await page.goto(s.url + url);
await page.waitForTimeout(300);
for (const y of ys) {
  if (y.startsWith('js:')) { await page.evaluate(y.slice(3)); await page.waitForTimeout(300); continue; }
  if (y.startsWith('sel:')) { await page.locator(y.slice(4)).first().scrollIntoViewIfNeeded(); await page.evaluate(() => window.scrollBy(0, -60)); }
  else await page.evaluate((yy) => window.scrollTo(0, yy), +y);
  await page.waitForTimeout(200);
  await page.screenshot({ path: `${out}-${y.replace(/[^a-z0-9]/gi, '_').slice(0, 30)}.png` });
}
await b.close(); await s.close();
