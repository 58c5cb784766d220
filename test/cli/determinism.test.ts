// The CLI's outputs are byte-identical from run to run: `topology --json`,
// `explain` (in Chinese, so generated prose is in it), `rst2html`, `rst2xml` — stdout and stderr —
// across two runs, under another time zone and locale (TZ=Asia/Shanghai,
// LC_ALL=zh_CN.UTF-8), with the inputs copied in reverse order (every file and
// folder created last-first), and with every directory listing reversed (a
// preloaded module turns fs.readdir* around).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturesDir, repoRoot } from '../fixture-paths.js';

const cli = join(repoRoot, 'dist/src/cli.js');
const reverseReaddir = join(repoRoot, 'dist/test/cli/reverse-readdir.js');

/** What the runs read, copied under one folder so every run names the same relative paths. */
const INPUTS: [string, string][] = [
  [join(fixturesDir, 'lab-samples/gre'), 'gre'],
  [join(fixturesDir, 'broken-captures/bundle'), 'broken'],
  [join(fixturesDir, 'seed/local'), 'seed'],
  [join(fixturesDir, 'guides/included-captures'), 'guide'],
];

const COMMANDS: string[][] = [
  ['topology', '--json', 'gre', 'broken', 'guide/guide.rst', 'seed/local.rst'],
  ['explain', '--lang', 'zh', 'gre', 'broken', 'guide/guide.rst', 'seed/local.rst'],
  ['rst2html', 'seed/local.rst'],
  ['rst2xml', 'guide/guide.rst'],
];

let root = '';
let work = '';

/** Copy `from` to `to`, creating entries in sorted or reverse-sorted order. */
function copyOrdered(from: string, to: string, reverse: boolean): void {
  mkdirSync(to, { recursive: true });
  const names = readdirSync(from).sort();
  if (reverse) names.reverse();
  for (const name of names) {
    const source = join(from, name);
    if (statSync(source).isDirectory()) copyOrdered(source, join(to, name), reverse);
    else cpSync(source, join(to, name));
  }
}

function lay(reverse: boolean): void {
  rmSync(work, { recursive: true, force: true });
  const inputs = reverse ? [...INPUTS].reverse() : INPUTS;
  for (const [from, name] of inputs) copyOrdered(from, join(work, name), reverse);
}

interface Output {
  status: number | null;
  stdout: string;
  stderr: string;
}

function runAll(env: NodeJS.ProcessEnv = {}, preload: string[] = []): Output[] {
  return COMMANDS.map((args) => {
    const r = spawnSync(process.execPath, [...preload, cli, ...args], {
      cwd: work,
      encoding: 'utf8',
      maxBuffer: 1 << 28,
      env: { ...process.env, NODE_OPTIONS: '', ...env },
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  });
}

function assertSame(a: Output[], b: Output[], what: string): void {
  COMMANDS.forEach((args, i) => {
    const command = `netguide ${args.join(' ')}`;
    assert.equal(b[i]!.status, a[i]!.status, `${command}: exit status ${what}`);
    assert.ok(b[i]!.stdout === a[i]!.stdout, `${command}: stdout differs ${what}`);
    assert.ok(b[i]!.stderr === a[i]!.stderr, `${command}: stderr differs ${what}`);
  });
}

let baseline: Output[] = [];

before(() => {
  root = mkdtempSync(join(tmpdir(), 'netguide-determinism-'));
  work = join(root, 'inputs');
  lay(false);
  baseline = runAll({ TZ: 'UTC', LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' });
});

after(() => rmSync(root, { recursive: true, force: true }));

test('the runs say something (not empty, no crash)', () => {
  COMMANDS.forEach((args, i) => {
    const out = baseline[i]!;
    assert.ok(out.stdout.length > 1000, `netguide ${args.join(' ')}: ${out.stdout.length} bytes on stdout; stderr: ${out.stderr.slice(0, 500)}`);
    assert.ok(out.status === 0 || out.status === 1, `netguide ${args.join(' ')}: exit ${out.status}`);
  });
  assert.match(baseline[0]!.stderr, /broken\/allinone\/02-ip-link\.txt:6:1: warning: truncated/, 'the warnings are part of what must stay the same');
});

test('a second run is byte-identical', () => {
  assertSame(baseline, runAll({ TZ: 'UTC', LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' }), 'on a second run');
});

test('another time zone and locale change nothing (TZ=Asia/Shanghai, LC_ALL=zh_CN.UTF-8)', () => {
  assertSame(baseline, runAll({ TZ: 'Asia/Shanghai', LC_ALL: 'zh_CN.UTF-8', LANG: 'zh_CN.UTF-8' }), 'under Asia/Shanghai and zh_CN');
});

test('files created in reverse order, and directory listings reversed, change nothing', () => {
  lay(true);
  try {
    assertSame(baseline, runAll({ TZ: 'UTC', LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' }), 'with the files created in reverse order');
    assertSame(baseline, runAll({ TZ: 'UTC', LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' }, ['--import', reverseReaddir]), 'with every directory listing reversed');
  } finally {
    lay(false);
  }
});

test('the reversing preload does reverse directory listings (the test above can fail)', () => {
  const r = spawnSync(process.execPath, ['--import', reverseReaddir, '-e', "import('node:fs').then((fs) => console.log(fs.readdirSync(process.argv[1]).join(',')))", join(work, 'gre')], { encoding: 'utf8' });
  assert.equal(r.stdout.trim(), readdirSync(join(work, 'gre')).reverse().join(','));
});
