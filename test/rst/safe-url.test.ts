// The URL allow-list of the HTML writer (src/rst/to-hast/safe-url.ts): links
// and images from a guide keep only schemes that name a place, read as a
// browser reads them; refusals are reported at the node.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unified } from 'unified';
import rehypeStringify from 'rehype-stringify';
import { VFile } from 'vfile';
import { rstParse } from '../../src/rst/index.js';
import { rstRehype } from '../../src/rst/to-hast/index.js';
import { rstTransforms } from '../../src/rst/transforms/index.js';
import { safeImage, safeLink, schemeOf } from '../../src/rst/to-hast/safe-url.js';

test('should read the scheme as a browser does: controls and spaces around, tabs and newlines inside ignored', () => {
  assert.equal(schemeOf('javascript:alert(1)'), 'javascript');
  assert.equal(schemeOf(' \u0001JaVaScRiPt:alert(1)'), 'javascript');
  assert.equal(schemeOf('java\tscr\nipt:alert(1)'), 'javascript');
  assert.equal(schemeOf('images/a:b.png'), undefined, 'a colon after a slash is a relative path');
  assert.equal(schemeOf('#section'), undefined);
  assert.equal(schemeOf('//example.org/x'), undefined);
});

test('should keep links that name a place and refuse the rest', () => {
  for (const ok of ['https://example.org/', 'http://x', 'mailto:a@example.org', 'ftp://x/y', '#id', 'other/page.html', '../up', '//cdn.example.org/x']) assert.equal(safeLink(ok).url, ok, ok);
  for (const [bad, scheme] of [['javascript:alert(1)', 'javascript'], ['\u0000javascript:x', 'javascript'], ['vbscript:x', 'vbscript'], ['data:text/html,<script>x</script>', 'data'], ['data:image/png;base64,AAAA', 'data'], ['file:///etc/passwd', 'file']] as const) {
    assert.deepEqual(safeLink(bad), { url: undefined, refused: scheme }, bad);
  }
});

test('should show raster data: images but no SVG, HTML or script URL as an image', () => {
  for (const ok of ['a.png', 'https://example.org/a.png', 'data:image/png;base64,iVBORw0KGgo=', 'data:image/jpeg;base64,/9j/']) assert.equal(safeImage(ok).url, ok, ok);
  for (const bad of ['data:image/svg+xml;base64,PHN2Zz4=', 'data:text/html,x', 'javascript:alert(1)', 'mailto:x@y']) assert.equal(safeImage(bad).url, undefined, bad);
});

test('should report each refused URL at its place, keep the text and drop http-equiv metas', async () => {
  const file = new VFile({ path: 'guide.rst', value: 'Go `there <javascript:alert(1)>`_ or `here <https://example.org/>`_.\n\n.. image:: data:image/svg+xml;base64,PHN2Zz4=\n\n.. meta::\n   :http-equiv=refresh: 0; url=https://example.org/\n   :description: kept\n' });
  const result = await unified().use(rstParse).use(rstTransforms as never, {}).use(rstRehype as never, {}).use(rehypeStringify as never).process(file);
  const html = String(result.value);
  assert.match(html, /<a class="reference external" title="there">there<\/a>/);
  assert.match(html, /<a class="reference external" href="https:\/\/example.org\/">here<\/a>/);
  assert.match(html, /<img alt="data:image\/svg\+xml;base64,PHN2Zz4=">/);
  assert.doesNotMatch(html, /http-equiv|refresh/i);
  assert.match(html, /<meta content="kept" name="description">/);
  // the meta directive's elements move to the top of the document: sorted by place
  const said = [...result.messages].sort((a, b) => (a.line ?? 0) - (b.line ?? 0)).map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.reason}`);
  assert.deepEqual(said.map((s) => s.split(' ')[0]), ['1:4', '3:1', '6:4']);
  assert.match(said[0]!, /unsafe-url: "javascript:" link not made live/);
  assert.match(said[1]!, /unsafe-url: "data:" image not shown/);
  assert.match(said[2]!, /unsafe-meta: meta http-equiv="refresh" not put on the page/);
});
