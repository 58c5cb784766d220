// Broken captures at the level of the site (test/fixtures/site/broken-captures):
// a capture with no output, an empty file, one cut short, one with binary
// garbage, one mislabelled, one saved as UTF-16, and an include of a capture
// file that is not there. The build goes on: every other guide is built, each
// problem is said at its file:line in the summary, the guide page shows each
// block with a visible note (a capture note under the block, or the problem's
// system message), every line of the damaged files reaches the page; --strict
// fails the same run. The missing file stays severe, as docutils' include
// makes it (the run fails without --strict too, after writing every page).

import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { decodeText } from '../../src/text-file.js';
import { build, fixtures, makeContent, page, pages, temporary, type BuildRun } from './helpers.js';

const guide = 'content/damaged';

describe('broken captures on the site', () => {
  let root = '';
  let lax: BuildRun;
  let strict: BuildRun;

  before(async () => {
    root = temporary('damaged');
    const content = makeContent(root, ['alpha']);
    cpSync(join(fixtures, 'broken-captures/damaged'), join(content, 'damaged'), { recursive: true });
    lax = await build(root, ['--content', 'content', '--out', 'site']);
    strict = await build(root, ['--content', 'content', '--out', 'strict', '--strict']);
  });

  it('should say each problem once at its file:line in the summary', () => {
    const said = (re: RegExp) => assert.match(lax.stderr, re, lax.stderr);
    said(new RegExp(`^ {4}${guide}/damaged\\.rst:12:1: warning: empty: the capture of \`ip link\` is empty`, 'm'));
    said(new RegExp(`^ {4}${guide}/damaged\\.rst:17:1: warning: Problem with "include" directive: the file ".*02-empty-file\\.txt" is empty`, 'm'));
    said(new RegExp(`^ {4}${guide}/captures/node1/03-ovs-vsctl-show-truncated\\.txt:7:1: warning: truncated: `, 'm'));
    said(new RegExp(`^ {4}${guide}/captures/node1/04-ip-route-garbage\\.txt:3:\\d+: warning: Problem with "include" directive: invalid UTF-8 \\(byte 0x[0-9a-f]{2}\\), shown as U\\+FFFD`, 'm'));
    said(new RegExp(`^ {4}${guide}/captures/node1/04-ip-route-garbage\\.txt:3:1: warning: control-characters: `, 'm'));
    said(new RegExp(`^ {4}${guide}/damaged\\.rst:32:1: warning: mislabeled: the output reads as that of \`ovs-vsctl show\``, 'm'));
    said(new RegExp(`^ {4}${guide}/captures/node1/06-ip-netns-utf16\\.txt:1:1: warning: Problem with "include" directive: the file is UTF-16LE`, 'm'));
    said(new RegExp(`^ {4}${guide}/damaged\\.rst:42:1: severe: Problems with "include" directive path:.*07-no-such-capture\\.txt`, 'm'));
    const lines = lax.stderr.split('\n').filter((l) => /^ {4}\S/.test(l));
    assert.equal(new Set(lines).size, lines.length, 'each once');
    assert.ok(!/\n\s+at .*[(:]\d+/.test(lax.stderr), 'no stack trace');
    assert.match(lax.stderr, /1 severe\n/);
  });

  it('should build the whole site, the damaged guide\'s pages too, and fail with --strict after writing them', () => {
    const all = ['', 'en/', 'en/alpha/', 'en/alpha/topology/', 'en/damaged/', 'en/damaged/topology/', 'zh/', 'zh/alpha/', 'zh/alpha/topology/', 'zh/damaged/', 'zh/damaged/topology/'];
    assert.deepEqual(pages(join(root, 'site')), all);
    assert.equal(lax.code, 1, 'the missing file is severe (docutils\' halt level)');
    assert.equal(strict.code, 1);
    assert.deepEqual(pages(join(root, 'strict')), all);
    assert.match(strict.stderr, /failed: --strict fails the build on any warning|failed: a severe problem/);
  });

  it('should show each damaged capture\'s block with a visible note, in both languages', () => {
    for (const lang of ['zh', 'en']) {
      const { document } = parseHTML(page(join(root, 'site'), `${lang}/damaged/`));
      const notes = Array.from(document.querySelectorAll('article .capture-note')).map((n) => n.textContent ?? '');
      for (const kind of ['empty', 'truncated', 'control-characters', 'mislabeled']) assert.ok(notes.some((n) => n.startsWith(`${kind}: `)), `${lang}: a ${kind} note (${notes.join(' | ')})`);
      // each note sits right after its block
      for (const note of Array.from(document.querySelectorAll('article .capture-note'))) {
        let before = note.previousElementSibling;
        while (before && before.matches('.capture-note, .capture-link')) before = before.previousElementSibling;
        assert.equal(before?.tagName, 'PRE', `${lang}: "${note.textContent}" follows its block`);
      }
      const messages = Array.from(document.querySelectorAll('article .system-message')).map((m) => m.textContent ?? '');
      for (const said of ['02-empty-file.txt" is empty', 'invalid UTF-8', 'the file is UTF-16LE', '07-no-such-capture.txt']) assert.ok(messages.some((m) => m.includes(said)), `${lang}: a visible message says ${said}`);
      assert.match(document.querySelector('article')!.textContent!, /The end of the guide is still shown\./);
    }
  });

  it('should show every line of the garbled and UTF-16 captures (bad bytes as U+FFFD, controls as symbols) on both pages', () => {
    for (const lang of ['zh', 'en']) {
      const blocks = Array.from(parseHTML(page(join(root, 'site'), `${lang}/damaged/`)).document.querySelectorAll('article pre')).map((p) => p.textContent ?? '');
      const topology = parseHTML(page(join(root, 'site'), `${lang}/damaged/topology/`)).document.body.textContent ?? '';
      for (const file of ['04-ip-route-garbage.txt', '06-ip-netns-utf16.txt', '03-ovs-vsctl-show-truncated.txt', '05-ip-route-mislabelled.txt']) {
        const text = decodeText(readFileSync(join(fixtures, 'broken-captures/damaged/captures/node1', file)), file).text;
        // what is printable, in order: control characters are shown as symbols (␀, <U+0085>) and tabs expanded, the rest as is
        const skeleton = (t: string) => t.replace(/<U\+00[89A-F][0-9A-F]>/g, '').replace(/[\x00-\x20\x7f-\x9f\u2400-\u2421]/g, '');
        const pageBlocks = blocks.map(skeleton);
        const topologyText = skeleton(topology);
        for (const line of text.replace(/\r\n?/g, '\n').split('\n').map(skeleton).filter((l) => l !== '')) {
          assert.ok(pageBlocks.some((b) => b.includes(line)), `${lang}/damaged/: ${file}: ${JSON.stringify(line.slice(0, 60))}`);
          if (!line.startsWith('$')) assert.ok(topologyText.includes(line), `${lang}/damaged/topology/: ${file}: ${JSON.stringify(line.slice(0, 60))}`);
        }
      }
    }
  });
});
