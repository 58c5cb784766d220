// `netguide topology` / `explain` on broken input: a bundle whose captures are
// cut short, mislabelled, empty, a failed command's message, or full of control
// characters, and a guide with an empty included capture. Each problem is a
// warning at its file:line, the rest is still read and explained (exit 0), and
// --strict makes the same run exit 1. An empty folder or guide has nothing to
// explain: an error, exit 1, and no empty heading. rst2html warns about an
// empty document and shows control characters as visible symbols.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { runTopology } from '../../src/cli/topology.js';
import { runExplain } from '../../src/cli/explain.js';
import { fixturesDir, repoRoot } from '../fixture-paths.js';

const bundle = relative(repoRoot, join(fixturesDir, 'broken-captures/bundle'));
const guide = relative(repoRoot, join(fixturesDir, 'broken-captures/guide/guide.rst'));

async function run(fn: typeof runTopology, paths: string[], options: { strict?: boolean; json?: boolean } = {}) {
  let out = '';
  let err = '';
  const cwd = process.cwd();
  process.chdir(repoRoot);
  try {
    const status = await fn(paths, options, (s) => (out += s), (s) => (err += s));
    return { status, out, err };
  } finally {
    process.chdir(cwd);
  }
}

const at = (file: string, line: number, kind: string) => new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${line}:1: warning: ${kind}: `, 'm');

test('a bundle of broken captures: one warning per problem at its file:line, the rest explained, exit 0; --strict exits 1', async () => {
  const lax = await run(runTopology, [bundle]);
  assert.equal(lax.status, 0, lax.err);
  const host = `${bundle}/allinone`;
  assert.match(lax.err, at(`${host}/01-ovs-vsctl-show.txt`, 14, 'truncated'));
  assert.match(lax.err, at(`${host}/02-ip-link.txt`, 6, 'truncated'));
  assert.match(lax.err, at(`${host}/03-ip-addr.txt`, 1, 'mislabeled'));
  assert.match(lax.err, at(`${host}/04-brctl-show.txt`, 1, 'empty'));
  assert.match(lax.err, at(`${host}/05-virsh-list.txt`, 2, 'command-failed'));
  assert.match(lax.err, at(`${host}/06-ps-ef-grep-dns.txt`, 3, 'control-characters'));
  // the rest is read: the router's namespace, the bridge's ports, the DHCP server
  assert.match(lax.out, /qrouter-8c8b3c56-4f7a-4b2e-9f3d-2d1e7a6b5c42 \[router\]/);
  assert.match(lax.out, /- qvo7e2a4a6c-2b tag=1/);
  assert.match(lax.out, /dhcp: dnsmasq pid=93/);
  for (const fn of [runTopology, runExplain]) {
    const strict = await run(fn, [bundle], { strict: true });
    assert.equal(strict.status, 1, `${fn.name} --strict`);
    assert.equal(strict.err, lax.err, 'the same warnings');
  }
  const explain = await run(runExplain, [bundle]);
  assert.equal(explain.status, 0);
  assert.match(explain.out, /^# Explanations/);
});

test('a guide with an empty included capture and one cut short: warnings at the guide\'s lines', async () => {
  const lax = await run(runTopology, [guide]);
  assert.equal(lax.status, 0, lax.err);
  assert.match(lax.err, at(guide, 8, 'empty'), 'the empty capture, at its include');
  assert.match(lax.err, at(guide, 23, 'truncated'));
  assert.match(lax.out, /Coverage: /);
  assert.equal((await run(runTopology, [guide], { strict: true })).status, 1);
});

test('an empty folder or guide: nothing to explain, an error, exit 1, no empty heading', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'netguide-empty-'));
  const emptyGuide = join(dir, 'empty.rst');
  writeFileSync(emptyGuide, '');
  for (const fn of [runExplain, runTopology]) {
    const r = await run(fn, [dir]);
    assert.equal(r.status, 1, fn.name);
    assert.equal(r.out, '');
    assert.equal(r.err, `${dir}:1:1: error: nothing to explain: no captures in this folder (capture files \`<host>/NN-command.txt\` whose first line is \`$ command\`, or a sosreport)\n`);
  }
  const r = await run(runExplain, [emptyGuide]);
  assert.equal(r.status, 1);
  assert.match(r.err, /empty\.rst:1:1: error: nothing to explain: no captures in this guide/);
  // one empty path among good ones: a warning, the rest explained
  const mixed = await run(runExplain, [dir, bundle]);
  assert.equal(mixed.status, 0);
  assert.ok(mixed.err.includes(`${dir}:1:1: warning: no captures in this folder`), mixed.err);
});

test('rst2html warns about an empty document and shows control characters as symbols, never raw', () => {
  const dir = mkdtempSync(join(tmpdir(), 'netguide-rst-'));
  const cli = join(repoRoot, 'dist/src/cli.js');
  writeFileSync(join(dir, 'empty.rst'), '\n  \n');
  const empty = spawnSync(process.execPath, [cli, 'rst2html', join(dir, 'empty.rst')], { encoding: 'utf8' });
  assert.equal(empty.status, 0);
  assert.equal(empty.stderr, `${join(dir, 'empty.rst')}:1:1: warning: The document is empty: there is nothing to show.\n`);
  assert.equal(spawnSync(process.execPath, [cli, 'rst2html', '--strict', join(dir, 'empty.rst')]).status, 1);

  writeFileSync(join(dir, 'controls.rst'), 'Title\n=====\n\n::\n\n    $ ps -ef\n    root 1 0 0 10:00 ? 00:00:01 init\u0000\u0007 \u001b[31mred\n');
  const controls = spawnSync(process.execPath, [cli, 'rst2html', join(dir, 'controls.rst')], { encoding: 'utf8' });
  assert.equal(controls.status, 0);
  assert.ok(!/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(controls.stdout), 'no raw control character in the HTML');
  assert.ok(controls.stdout.includes('init\u2400\u2407 \u241b[31mred'), controls.stdout);
  assert.match(controls.stderr, /controls\.rst:7:1: warning: A line holds control characters \(NUL, BEL, ESC\)/);
});
