// When a content folder has problems: a guide with a wrong include path among
// good ones (reported once, the rest built and indexed, exit status by
// docutils' halt level), --strict (fails on any warning, after every page was
// written), a guide removed from the folder (its pages and search entries go).

import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addGuide, build, makeContent, page, pages, temporary, type BuildRun } from './helpers.js';

/** The pages Pagefind indexed per language, from its entry file. */
const indexed = (out: string): Record<string, number> =>
  Object.fromEntries(Object.entries((JSON.parse(readFileSync(join(out, 'pagefind/pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> }).languages).map(([l, v]) => [l, v.page_count]));

describe('a guide with a wrong include path among good ones', () => {
  let root = '';
  let run: BuildRun;
  let strict: BuildRun;

  before(async () => {
    root = temporary('broken');
    makeContent(root, ['alpha', 'beta', 'broken']);
    run = await build(root, ['--content', 'content', '--out', 'site']);
    strict = await build(root, ['--content', 'content', '--out', 'strict', '--strict']);
  });

  it('should report the problem once, at its file and line, without a stack trace', () => {
    const said = run.stderr.split('\n').filter((l) => l.includes('no-such-script.sh'));
    assert.equal(said.length, 1, run.stderr);
    assert.match(said[0]!, /^ {4}content\/broken\/broken\.rst:6:1: severe: Problems with "include" directive path/);
    assert.match(run.stderr, /^ {2}broken  .* 1 problem /m, 'the guide\'s progress line counts it');
    assert.ok(!/\n\s+at .*[(:]\d+/.test(run.stderr), 'no stack trace');
  });

  it('should build and index every other page, and the broken guide\'s pages with the problem shown', () => {
    const out = join(root, 'site');
    for (const guide of ['alpha', 'beta', 'broken']) for (const lang of ['zh', 'en']) assert.ok(existsSync(join(out, lang, guide, 'index.html')), `${lang}/${guide}`);
    assert.match(page(out, 'en/broken/'), /class="system-message severe"[\s\S]*no-such-script\.sh[\s\S]*The rest of the guide is still shown\./);
    assert.deepEqual(indexed(out), { en: 6, zh: 6 });
  });

  it('should exit non-zero, as docutils\' halt level (severe) says, and say why', () => {
    assert.equal(run.code, 1);
    assert.match(run.stderr, /0 errors, 1 severe\n/);
    assert.match(run.stderr, /failed: a severe problem/);
  });

  it('should fail with --strict after every page was written', () => {
    assert.equal(strict.code, 1);
    assert.deepEqual(pages(join(root, 'strict')), pages(join(root, 'site')));
    assert.match(strict.stderr, /failed: --strict fails the build on any warning/);
  });
});

describe('a content folder that is not there', () => {
  it('should say so and exit 2, writing nothing', async () => {
    const root = temporary('missing');
    const run = await build(root, ['--content', 'no-such-folder', '--out', 'site']);
    assert.equal(run.code, 2);
    assert.equal(run.stderr.trim(), 'netguide build: no-such-folder: no such folder');
    assert.ok(!existsSync(join(root, 'site')));
  });
});

describe('--strict and warnings', () => {
  it('should fail on a warning (capture lines not understood) with --strict only, and pass a clean folder', async () => {
    const root = temporary('strict');
    makeContent(root, ['alpha', 'evil']);
    const lax = await build(root, ['--content', 'content', '--out', 'lax']);
    assert.equal(lax.code, 0, lax.stderr);
    assert.match(lax.stderr, /content\/evil\/evil\.rst:11:1: warning: capture line not understood/);
    const strict = await build(root, ['--content', 'content', '--out', 'strict', '--strict']);
    assert.equal(strict.code, 1, strict.stderr);
    assert.deepEqual(pages(join(root, 'strict')), pages(join(root, 'lax')), 'every page was still written');
    rmSync(join(root, 'content/evil'), { recursive: true });
    const clean = await build(root, ['--content', 'content', '--out', 'clean', '--strict']);
    assert.equal(clean.code, 0, clean.stderr);
    assert.match(clean.stderr, /0 warnings, 0 errors, 0 severe/);
  });
});

describe('a guide removed from the content folder', () => {
  it('should leave neither its pages nor its search entries in the site, and leave the site\'s other files alone', async () => {
    const root = temporary('removed');
    const content = makeContent(root, ['alpha', 'beta']);
    const out = join(root, 'site');
    assert.equal((await build(root, ['--content', 'content', '--out', 'site'])).code, 0);
    assert.ok(existsSync(join(out, 'zh/beta/index.html')));
    assert.deepEqual(indexed(out), { en: 4, zh: 4 });
    writeFileSync(join(out, 'CNAME'), 'guides.example.org\n');
    rmSync(join(content, 'beta'), { recursive: true });
    addGuide(content, 'evil');
    const again = await build(root, ['--content', 'content', '--out', 'site']);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(pages(out), ['', 'en/', 'en/alpha/', 'en/alpha/topology/', 'en/evil/', 'en/evil/topology/', 'zh/', 'zh/alpha/', 'zh/alpha/topology/', 'zh/evil/', 'zh/evil/topology/']);
    assert.ok(!existsSync(join(out, 'zh/beta')), 'its folder is gone');
    assert.match(again.stderr, /removed zh\/beta\/index\.html/);
    assert.deepEqual(indexed(out), { en: 4, zh: 4 });
    assert.ok(!page(out, 'zh/').includes('/zh/beta/'), 'the home page no longer lists it');
    assert.equal(readFileSync(join(out, 'CNAME'), 'utf8'), 'guides.example.org\n', 'a file the site does not own stays');
  });
});
