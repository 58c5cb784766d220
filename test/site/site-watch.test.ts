// `netguide build --watch`: after the first build, a change to a capture file
// of one guide (in a content folder outside the project) makes that guide's
// pages again — the page shows the new capture line — while the other guides
// are kept as they were made.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, makeContent, page, temporary } from './helpers.js';

describe('netguide build --watch', () => {
  it('should make a guide\'s pages again when one of its capture files changes, and only that guide\'s', async (t) => {
    const root = temporary('watch');
    const content = makeContent(root, ['alpha', 'beta']);
    const out = join(root, 'site');
    const child = spawn(process.execPath, [cli, 'build', '--watch', '--content', 'content', '--out', 'site'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    t.after(() => { if (child.exitCode === null) child.kill('SIGTERM'); });
    let stderr = '';
    const waiters: { test: (s: string) => boolean; done: () => void }[] = [];
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      for (const w of [...waiters]) if (w.test(stderr)) { waiters.splice(waiters.indexOf(w), 1); w.done(); }
    });
    /** Resolves once stderr so far passes `test` (fails after `ms`). */
    const until = (what: string, test: (s: string) => boolean, ms = 120_000) => new Promise<void>((done, fail) => {
      if (test(stderr)) return done();
      const timer = setTimeout(() => fail(new Error(`timed out waiting for ${what}:\n${stderr}`)), ms);
      waiters.push({ test, done: () => { clearTimeout(timer); done(); } });
    });
    /** Make a change, and again while no rebuild after it shows it (the watcher may still be starting). */
    const changed = async (what: string, change: () => void, seen: () => boolean) => {
      for (let attempt = 0; attempt < 5; attempt++) {
        const count = summaries(stderr);
        change();
        await until(what, (s) => summaries(s) > count, 20_000).catch(() => {});
        if (seen()) return;
      }
      assert.fail(`${what}: never seen\n${stderr}`);
    };
    const summaries = (s: string) => s.split('\n').filter((l) => /^netguide build: \d+ pages written/.test(l)).length;

    await until('the first build', (s) => s.includes('watching the content folder') && summaries(s) >= 1);
    const before = page(out, 'zh/beta/topology/');
    assert.ok(!before.includes('qdhcp-0a1b2c3d'), 'not yet captured');
    const alphaBefore = readFileSync(join(out, 'en/alpha/index.html'));

    // the capture gains a namespace, as if captured again
    const capture = join(content, 'beta/captures/ip-netns.txt');
    const captured = readFileSync(capture, 'utf8');
    await changed('the rebuild', () => writeFileSync(capture, captured + 'qdhcp-0a1b2c3d-0000-4000-8000-000000000001\n'),
      () => page(out, 'zh/beta/topology/').includes('qdhcp-0a1b2c3d-0000-4000-8000-000000000001'));

    const after = page(out, 'zh/beta/topology/');
    assert.ok(after.includes('qdhcp-0a1b2c3d-0000-4000-8000-000000000001'), 'the new capture line is on the topology page');
    assert.ok(page(out, 'en/beta/').includes('qdhcp-0a1b2c3d-0000-4000-8000-000000000001'), 'and in the guide\'s included block');
    const lines = stderr.split('\n');
    const progress = (guide: string) => lines.filter((l) => l.startsWith(`  ${guide}  `));
    assert.match(progress('beta').at(-1)!, /\d+\.\d s$/, 'beta made again');
    assert.match(progress('alpha').at(-1)!, /unchanged$/, 'alpha kept');
    assert.ok(readFileSync(join(out, 'en/alpha/index.html')).equals(alphaBefore), 'alpha\'s page is the same');

    // the guide's text changes too
    const text = readFileSync(join(content, 'beta/beta.rst'), 'utf8');
    await changed('the second rebuild', () => writeFileSync(join(content, 'beta/beta.rst'), text.replace('准备\n----', '准备工作\n--------')),
      () => page(out, 'zh/beta/').includes('准备工作'));
  });
});
