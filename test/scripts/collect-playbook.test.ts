// scripts/collect.yml, run for real by ansible-playbook against a local
// inventory (ansible_connection=local): capture.sh runs on "the node" (this
// machine), its archive is fetched and unpacked into one folder, one
// sub-folder per inventory host, which netguide reads as one bundle. Skipped,
// saying so, where Ansible is not installed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readBundle } from '../../src/captures/bundle.js';

const playbook = fileURLToPath(new URL('../../../scripts/collect.yml', import.meta.url));
const ansible = spawnSync('sh', ['-c', 'command -v ansible-playbook'], { encoding: 'utf8' }).stdout.trim();

function run(args: string[], cwd: string): Promise<{ status: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(ansible, args, { cwd, env: { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_HOST_KEY_CHECKING: 'False', ANSIBLE_LOCAL_TEMP: join(cwd, '.ansible-local'), ANSIBLE_REMOTE_TEMP: join(cwd, '.ansible-remote'), PWD: cwd } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (status) => resolve({ status, out }));
  });
}

test('should pass ansible-playbook --syntax-check', async (t) => {
  if (!ansible) return t.skip('ansible-playbook is not installed (Debian: apt-get install ansible-core)');
  const dir = mkdtempSync(join(tmpdir(), 'netguide-collect-'));
  try {
    writeFileSync(join(dir, 'hosts.ini'), 'node-a ansible_connection=local\n');
    const r = await run(['-i', 'hosts.ini', '--syntax-check', playbook], dir);
    assert.equal(r.status, 0, r.out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('should run capture.sh on an inventory host and fetch its bundle into <dest>/<host>/, readable as one bundle', async (t) => {
  if (!ansible) return t.skip('ansible-playbook is not installed (Debian: apt-get install ansible-core)');
  const dir = mkdtempSync(join(tmpdir(), 'netguide-collect-'));
  try {
    writeFileSync(join(dir, 'hosts.ini'), `node-a ansible_connection=local ansible_python_interpreter=${process.env['NETGUIDE_PYTHON'] ?? '/usr/bin/python3'}\n`);
    const become = process.getuid?.() === 0 ? 'true' : 'false';
    const temps = () => readdirSync(tmpdir()).filter((n) => n.startsWith('netguide-capture.'));
    const before = new Set(temps());
    const r = await run(['-i', 'hosts.ini', playbook, '-e', 'netguide_timeout=5', '-e', `netguide_become=${become}`, '-e', `netguide_dest=${join(dir, 'fleet')}`], dir);
    assert.equal(r.status, 0, r.out);
    assert.match(r.out, /node-a\s+: ok=\d+\s+changed=\d+\s+unreachable=0\s+failed=0/);
    const sub = join(dir, 'fleet', 'node-a');
    const manifest = JSON.parse(readFileSync(join(sub, 'manifest.json'), 'utf8')) as { format: string; host: string; commands: { file: string }[] };
    assert.equal(manifest.format, 'netguide-capture/1');
    assert.ok(existsSync(join(sub, `${manifest.host}.tar.gz`)), 'the fetched archive');
    assert.ok(manifest.commands.every((c) => existsSync(join(sub, c.file))), 'every capture unpacked');
    // the fleet folder is one bundle: the host's captures, nothing missing
    const bundle = readBundle(join(dir, 'fleet'));
    assert.deepEqual(bundle.problems, []);
    assert.deepEqual(bundle.hosts.map((h) => h.name), [manifest.host]);
    assert.equal(bundle.hosts[0]!.captures.length, manifest.commands.length);
    // the play's temporary folder on "the node" is gone
    assert.match(r.out, /Remove the temporary folder on the node/);
    assert.deepEqual(temps().filter((n) => !before.has(n)), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
