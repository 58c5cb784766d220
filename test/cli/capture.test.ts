// `netguide capture` and the script it prints (scripts/capture.sh): POSIX sh
// that dash parses and ShellCheck passes, run for real on this machine with a
// hung ovsdb-server (a socket that never answers), so the time limit and the
// background-kill fallback are exercised, and its bundle read back.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureScriptPath, runCapture } from '../../src/cli/capture.js';
import { readBundle } from '../../src/captures/bundle.js';
import { findParser } from '../../src/captures/registry.js';

const script = captureScriptPath();
const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

test('should print scripts/capture.sh as it is, and where it is with --path', async () => {
  let out = '';
  assert.equal(await runCapture({}, (s) => (out += s), () => undefined, false), 0);
  assert.equal(out, readFileSync(script, 'utf8'));
  assert.match(out, /^#!\/bin\/sh\n/);
  out = '';
  await runCapture({ path: true }, (s) => (out += s), () => undefined, false);
  assert.equal(out.trim(), script);
});

test('should be POSIX sh that sh and dash parse and ShellCheck passes', (t) => {
  for (const shell of ['sh', 'dash'].filter(has)) {
    const r = spawnSync(shell, ['-n', script], { encoding: 'utf8' });
    assert.equal(r.status, 0, `${shell} -n: ${r.stderr}`);
  }
  if (!has('shellcheck')) return t.skip('shellcheck is not installed (apt-get install shellcheck)');
  const r = spawnSync('shellcheck', ['-s', 'sh', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

test('should refuse a folder that is not empty and holds no earlier capture, writing nothing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'netguide-capture-refuse-'));
  try {
    writeFileSync(join(dir, 'notes.txt'), 'mine\n');
    const r = spawnSync('sh', [script, dir], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /is not empty and holds no earlier netguide capture/);
    assert.deepEqual(readdirSync(dir), ['notes.txt']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A unix socket that accepts and never answers: an ovsdb-server that hangs. */
function hungDaemon(path: string): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer(() => undefined);
    server.listen(path, () => resolve(server));
  });
}

interface ManifestCommand { seq: number; command: string; file: string; exit_status: number; duration_ms: number; timed_out: boolean }
interface Manifest { format: string; host: string; root: boolean; timeout_seconds: number; execution: string; tool_versions: Record<string, string>; skipped: { command: string; reason: string }[]; commands: ManifestCommand[] }

test('should capture this machine with dash, not hang on a hung daemon (background-kill fallback), and write a bundle netguide reads', async (t) => {
  if (!has('dash')) return t.skip('dash is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'netguide-capture-run-'));
  const rundir = join(dir, 'ovs-run');
  mkdirSync(rundir);
  const server = await hungDaemon(join(rundir, 'db.sock'));
  try {
    const out = join(dir, 'out');
    const started = Date.now();
    // spawnSync would block the event loop that serves the hung socket: run it asynchronously
    const r = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
      const child = spawn('dash', [script, out], { env: { ...process.env, OVS_RUNDIR: rundir, NETGUIDE_CAPTURE_TIMEOUT: '2', NETGUIDE_CAPTURE_TIMER: 'fallback' } });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.stdout.resume();
      child.on('close', (status) => resolve({ status, stderr }));
    });
    const seconds = (Date.now() - started) / 1000;
    assert.equal(r.status, 0, r.stderr);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
    assert.equal(manifest.format, 'netguide-capture/1');
    assert.match(manifest.execution, /at most 2 seconds \(fallback\)/);
    assert.ok(manifest.tool_versions['kernel'], 'tool versions recorded');
    // the hung daemon: ovs-vsctl show stopped at the limit, recorded as timed out, the rest of OVS skipped with the reason
    const ovs = manifest.commands.find((c) => c.command === 'ovs-vsctl show');
    assert.ok(ovs, 'ovs-vsctl show was run');
    assert.equal(ovs.exit_status, 124);
    assert.equal(ovs.timed_out, true);
    assert.ok(ovs.duration_ms >= 1900 && ovs.duration_ms < 6000, `stopped after ${ovs.duration_ms} ms`);
    assert.match(r.stderr, /timed out after 2s: ovs-vsctl show/);
    assert.ok(manifest.skipped.some((s) => /ovs-vsctl show timed out/.test(s.reason)), JSON.stringify(manifest.skipped));
    assert.ok(seconds < 120, `took ${seconds}s`);
    // every command it ran is one netguide parses, its file starts with `$ command`, and the manifest matches the files
    const bundle = readBundle(out);
    assert.equal(bundle.layout, 'capture-lab');
    assert.deepEqual(bundle.problems, []);
    assert.deepEqual(bundle.hosts.map((h) => h.name), [manifest.host]);
    const captures = bundle.hosts[0]!.captures;
    assert.deepEqual(captures.map((c) => c.command), manifest.commands.map((c) => c.command));
    for (const c of manifest.commands) {
      assert.ok(findParser(c.command), `a parser for ${c.command}`);
      assert.equal(readFileSync(join(out, c.file), 'utf8').split('\n')[0], `$ ${c.command}`);
      assert.match(c.file, new RegExp(`^${manifest.host}/\\d{2,}-[a-z0-9-]+\\.txt$`));
    }
    for (const needed of ['ip -d link show', 'ip addr', 'ip route', 'ip netns', 'ps -ef']) assert.ok(manifest.commands.some((c) => c.command === needed), needed);
    // the archive holds the same bundle; the temporary folder is gone; no timer left running
    assert.ok(existsSync(join(out, `${manifest.host}.tar.gz`)));
    assert.deepEqual(readBundle(join(out, `${manifest.host}.tar.gz`)).hosts[0]!.captures.map((c) => c.command), captures.map((c) => c.command));
    const left = spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).stdout.split('\n').filter((l) => l.includes(out) || /^ovs-vsctl show$/.test(l.trim()));
    assert.deepEqual(left, []);
  } finally {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('should run read from stdin (as `netguide capture | ssh node sh -s -- DIR` does) and say what it skipped for want of root, as an ordinary user', async (t) => {
  if (process.getuid?.() !== 0) return t.skip('needs root to run the script as the user nobody');
  if (spawnSync('sh', ['-c', 'id nobody && command -v su'], { encoding: 'utf8' }).status !== 0) return t.skip('no user nobody or no su here');
  const dir = mkdtempSync(join(tmpdir(), 'netguide-capture-user-'));
  try {
    spawnSync('chown', ['-R', 'nobody', dir]);
    const out = join(dir, 'out');
    const r = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
      const child = spawn('su', ['nobody', '-s', '/bin/sh', '-c', `NETGUIDE_CAPTURE_TIMEOUT=5 sh -s -- ${out}`]);
      child.stdin.end(readFileSync(script));
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.stdout.resume();
      child.on('close', (status) => resolve({ status, stderr }));
    });
    assert.equal(r.status, 0, r.stderr);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
    assert.equal(manifest.root, false);
    assert.match(r.stderr, /not root: /);
    for (const tool of ['iptables-save', 'ip6tables-save']) {
      assert.ok(manifest.skipped.some((s) => s.command === tool && s.reason === 'no permission (needs root)'), JSON.stringify(manifest.skipped));
    }
    assert.ok(!manifest.commands.some((c) => c.command.startsWith('ip netns exec ')), 'no namespace commands without root');
    // no command ate the rest of the script from stdin: it ran to the end and wrote the archive
    assert.ok(existsSync(join(out, `${manifest.host}.tar.gz`)));
    assert.ok(manifest.commands.some((c) => c.command === 'ps -ef'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
