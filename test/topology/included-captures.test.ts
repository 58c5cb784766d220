// A guide that keeps its captures in files beside it and includes them (as
// `:literal:` text, or inside an included reStructuredText file): every fact
// must point at the line of the file it was read from, not at the guide.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildTopology } from '../../src/topology/build.js';
import { readSources } from '../../src/topology/sources.js';
import { repoRoot } from './fixture-cases.js';

const dir = join(repoRoot, 'test/fixtures/guides/included-captures');
const guide = relative(process.cwd(), join(dir, 'guide.rst'));
const sources = readSources([guide]);
const topology = buildTopology(sources);

/** The text of `file` at 1-based `line`. */
const lineOf = (file: string, line: number) => readFileSync(file, 'utf8').split('\n')[line - 1] ?? '';

test('should read every line of the included captures, none left unparsed', () => {
  assert.deepEqual(sources.problems, []);
  assert.equal(topology.coverage.unparsed, 0);
  assert.equal(sources.captures.length, 3);
  assert.deepEqual(sources.captures.map((c) => [relative(dir, c.file), c.host, c.command]), [
    ['captures/compute-ovs-vsctl-show.txt', 'compute', 'ovs-vsctl show'],
    ['captures/compute-dump-flows-br-tun.txt', 'compute', 'ovs-ofctl dump-flows br-tun'],
    ['network.rst', 'network', 'ip netns'],
  ]);
});

test('should point a `:literal:` include\'s facts at the included file, counting :start-line:', () => {
  const flows = topology.flows.filter((f) => f.bridge === 'br-tun');
  assert.equal(flows.length, 12);
  for (const f of flows) {
    const ev = f.evidence[0]!;
    assert.ok(ev.file.endsWith('captures/compute-dump-flows-br-tun.txt'), ev.file);
    assert.equal(lineOf(ev.file, ev.line).trim(), f.text, `line ${ev.line}`);
  }
  const bridge = topology.bridges.find((b) => b.name === 'br-tun')!;
  assert.ok(bridge.evidence[0]!.file.endsWith('captures/compute-ovs-vsctl-show.txt'));
  assert.match(lineOf(bridge.evidence[0]!.file, bridge.evidence[0]!.line), /Bridge br-tun/);
});

test('should point a literal block of an included reStructuredText file at that file, and take its host section', () => {
  const router = topology.namespaces.find((n) => n.name.startsWith('qrouter-'))!;
  assert.equal(router.host, 'network');
  const ev = router.evidence[0]!;
  assert.ok(ev.file.endsWith('included-captures/network.rst'), ev.file);
  assert.match(lineOf(ev.file, ev.line), /^\s+qrouter-8c8b3c56-4f7a-4b2e-9f3d-2d1e7a6b5c42 \(id: 1\)$/);
});
