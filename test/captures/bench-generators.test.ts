// The bench's generated captures must read as real ones do: every line of every
// generated capture understood by its parser, the facts mutually consistent
// (a small generated cloud joins into the VMs, veth pairs and tunnels it was
// made of), and the yardstick's twin (ifconfig, iptables -L) of the same facts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCapture } from '../../src/captures/registry.js';
import { generateCaptures } from '../../scripts/generate-captures.js';
import { generateCloud } from '../../scripts/generate-cloud.js';
import { joinedTopology } from '../../src/pipeline.js';

test('should generate captures every line of which the parsers understand', () => {
  const dir = mkdtempSync(join(tmpdir(), 'netguide-gen-'));
  try {
    const made = generateCaptures(dir, { flows: 500, links: 300, rules: 400, ps: 600 });
    const expect: Record<string, number> = { flows: 500, 'ip-link': 300, ps: 600 };
    for (const [kind, capture] of Object.entries(made)) {
      if (kind === 'ifconfig') continue; // no netguide parser: jc's input only
      const result = parseCapture(readFileSync(join(dir, capture.file), 'utf8'));
      assert.notEqual(result.parser, 'none', kind);
      assert.deepEqual(result.unparsed, [], kind);
      if (expect[kind] !== undefined) assert.equal(result.records.length, expect[kind], kind);
    }
    // the iptables-save and its -L listing hold the same rules
    const rules = (file: string) => (parseCapture(readFileSync(join(dir, file), 'utf8')).records as { kind: string }[]).filter((r) => r.kind === 'rule').length;
    assert.equal(rules(made['iptables-save']!.file), rules(made['iptables-list']!.file));
    assert.ok(rules(made['iptables-save']!.file) >= 400);
    // ifconfig shows the same 300 devices
    assert.equal(readFileSync(join(dir, made['ifconfig']!.file), 'utf8').match(/^\S+: flags=/gm)?.length, 300);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('should generate a cloud whose captures join into the VMs, veth pairs and tunnels it was made of', () => {
  const dir = mkdtempSync(join(tmpdir(), 'netguide-cloud-'));
  try {
    const made = generateCloud(dir, { hosts: 3, vmsPerHost: 2, seed: 4 });
    assert.equal(made.hosts, 4, 'three compute nodes and one network node');
    const { sources, topology } = joinedTopology([dir]);
    assert.deepEqual(sources.problems, []);
    assert.deepEqual(topology.unparsed, []);
    assert.equal(topology.vms.length, 6);
    const links = (kind: string) => topology.links.filter((l) => l.kind === kind);
    assert.equal(links('veth').filter((l) => l.a.name.startsWith('qv')).length, 6, 'one qvb/qvo pair a VM');
    assert.ok(links('tunnel').length >= 3, `${links('tunnel').length} tunnels`);
    assert.equal(topology.namespaces.length, 6, 'a qdhcp and a qrouter namespace per network');
    assert.equal(topology.services.filter((s) => s.kind === 'dhcp').length, 3);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
