// Two builds of the same content folder are byte-identical: every file under
// the output (pages, assets, the search index, the diagrams), on a second run,
// and in another folder whose files were created in reverse order, built under
// another time zone and locale (TZ=Asia/Shanghai, LC_ALL=zh_CN.UTF-8) with
// every directory listing reversed (test/cli/reverse-readdir.ts, preloaded).
// The two content folders lie in different temporary folders, so an absolute
// path written anywhere shows too.

import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build, files, makeContent, repo, temporary, type BuildRun } from './helpers.js';

/** The guides: prose and captures in the text, includes, scripts, a translation, hostile names, two hosts, the seed. */
const GUIDES = ['alpha', 'beta', 'hostile', 'two-hosts', 'seed'] as const;

/** Copy `from` to `to`, every folder's entries created last name first. */
function copyReversed(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from).sort().reverse()) {
    const source = join(from, name);
    if (statSync(source).isDirectory()) copyReversed(source, join(to, name));
    else cpSync(source, join(to, name));
  }
}

/** The first place two sites differ: a file only one has, or a file's first differing bytes. */
function difference(a: string, b: string): string | undefined {
  const left = files(a);
  const right = files(b);
  const only = [...left.filter((f) => !right.includes(f)).map((f) => `only in the first: ${f}`), ...right.filter((f) => !left.includes(f)).map((f) => `only in the second: ${f}`)];
  if (only.length > 0) return only.slice(0, 5).join('\n');
  for (const f of left) {
    const x = readFileSync(join(a, f));
    const y = readFileSync(join(b, f));
    if (x.equals(y)) continue;
    let i = 0;
    while (i < x.length && i < y.length && x[i] === y[i]) i++;
    const around = (buf: Buffer) => JSON.stringify(buf.subarray(Math.max(0, i - 80), i + 80).toString('utf8'));
    return `${f} differs at byte ${i}:\n  ${around(x)}\n  ${around(y)}`;
  }
  return undefined;
}

describe('site determinism', () => {
  let first = '';
  let other = '';
  const runs: Record<string, BuildRun> = {};

  before(async () => {
    first = temporary('determinism-a');
    makeContent(first, [...GUIDES]);
    // the same content, created in reverse order in another folder
    other = temporary('determinism-b');
    copyReversed(join(first, 'content'), join(other, 'content'));
    const here = { env: { TZ: 'UTC', LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' } };
    runs.first = await build(first, ['--content', 'content', '--out', 'site'], here);
    runs.second = await build(first, ['--content', 'content', '--out', 'again'], here);
    runs.other = await build(other, ['--content', 'content', '--out', 'site'], {
      env: { TZ: 'Asia/Shanghai', LC_ALL: 'zh_CN.UTF-8', LANG: 'zh_CN.UTF-8' },
      node: ['--import', join(repo, 'dist/test/cli/reverse-readdir.js')],
    });
  });

  it('should build every page of every guide each time, with the same exit status', () => {
    for (const [name, run] of Object.entries(runs)) assert.equal(run.code, runs.first!.code, `${name}: ${run.stderr}`);
    const site = files(join(first, 'site'));
    for (const guide of ['alpha', 'beta', 'hostile', 'two-hosts', 'local']) for (const lang of ['zh', 'en']) {
      assert.ok(site.includes(`${lang}/${guide}/index.html`) && site.includes(`${lang}/${guide}/topology/index.html`), `${lang}/${guide}`);
    }
    assert.ok(site.some((f) => f.startsWith('pagefind/')), 'a search index');
  });

  it('should write the same bytes on a second run', () => {
    assert.equal(difference(join(first, 'site'), join(first, 'again')), undefined);
  });

  it('should write the same bytes from files created in reverse order elsewhere, listed in reverse, under Asia/Shanghai and zh_CN.UTF-8', () => {
    assert.equal(difference(join(first, 'site'), join(other, 'site')), undefined);
  });

  it('should report the same problems, in the same order', () => {
    const problems = (run: BuildRun) => run.stderr.split('\n').filter((l) => /^ {4}\S.*:\d+:\d+: /.test(l) || /^ {4}\S.*: (warning|error|severe): /.test(l));
    assert.ok(problems(runs.first!).length > 0, 'the hostile guide has problems to report');
    assert.deepEqual(problems(runs.second!), problems(runs.first!));
    assert.deepEqual(problems(runs.other!), problems(runs.first!));
  });
});
