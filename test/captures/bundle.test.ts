import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readBundle, sosFileCommand, type Bundle } from '../../src/captures/bundle.js';
import { fixturesRoot } from './run-fixtures.js';
import { labSamples } from '../fixture-paths.js';

/** What a bundle read gives, paths relative to the bundle, without the records (the parsers' fixtures check those). */
function summary(bundle: Bundle): unknown {
  const rel = (p: string) => relative(bundle.root, p).split('\\').join('/');
  return {
    layout: bundle.layout,
    hosts: bundle.hosts.map((h) => ({
      name: h.name,
      captures: h.captures.map((c) => ({
        file: rel(c.file), command: c.command, parser: c.result.parser, netns: c.result.netns ?? null, lineOffset: c.lineOffset,
        records: c.result.records.length, unparsed: c.result.unparsed.map((u) => `${u.line}: ${u.reason}`),
        ...(c.exitStatus !== undefined ? { exitStatus: c.exitStatus, extra: c.extra } : {}),
      })),
    })),
    skipped: bundle.skipped.map(rel),
    problems: bundle.problems.map((p) => `${rel(p.file)}:${p.line ?? 1}: ${p.severity}: ${p.message}`),
  };
}

for (const name of ['sosreport-network', 'lab-mini']) {
  test(`should read bundle fixture ${name} as expected.json says`, () => {
    const dir = join(fixturesRoot, 'bundle', name);
    const actual = JSON.parse(JSON.stringify(summary(readBundle(dir)))) as unknown;
    const expectedPath = join(fixturesRoot, 'bundle', `${name}.expected.json`);
    if (process.env['UPDATE_FIXTURES'] === '1' || !existsSync(expectedPath)) {
      writeFileSync(expectedPath, JSON.stringify(actual, null, 2) + '\n');
      if (process.env['UPDATE_FIXTURES'] !== '1') assert.fail(`wrote missing ${expectedPath}; review it and run again`);
      return;
    }
    assert.deepEqual(actual, JSON.parse(readFileSync(expectedPath, 'utf8')));
  });
}

test('should turn sosreport file names back into commands', () => {
  assert.equal(sosFileCommand('ovs-vsctl_-t_5_show'), 'ovs-vsctl -t 5 show');
  assert.equal(sosFileCommand('ip_netns_exec_qdhcp-5f2f_ip_-d_address_show'), 'ip netns exec qdhcp-5f2f ip -d address show');
});

test('should read every capture of a lab bundle, in manifest order, with the manifest\'s commands', () => {
  const dir = join(labSamples, 'local');
  const bundle = readBundle(dir);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { commands: { command: string; file: string }[] };
  assert.equal(bundle.layout, 'capture-lab');
  assert.deepEqual(bundle.hosts.map((h) => h.name), ['allinone']);
  const captures = bundle.hosts[0]!.captures;
  assert.deepEqual(captures.map((c) => c.command), manifest.commands.map((c) => c.command));
  assert.ok(captures.every((c) => c.lineOffset === 1));
  assert.deepEqual(bundle.problems, []);
});

test('should report a missing folder instead of throwing', () => {
  const bundle = readBundle(join(fixturesRoot, 'bundle', 'no-such-folder'));
  assert.equal(bundle.problems[0]?.severity, 'error');
});
