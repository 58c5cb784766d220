// netguide diff's logic (src/topology/diff.ts) on the fixture bundles: a
// bundle against copies changed as if captured again after the cloud changed,
// compared by what things are, never by the lines that show them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTopology } from '../../src/topology/build.js';
import { readSources } from '../../src/topology/sources.js';
import { diffTopology, type TopologyChange } from '../../src/topology/diff.js';
import type { Topology } from '../../src/topology/model.js';
import { readCatalog } from '../../src/i18n/catalog.js';
import { say } from '../../src/i18n/messages.js';
import { messageIds } from '../../src/message.js';
import { caseInput } from './fixture-cases.js';

const joined = (dir: string): Topology => buildTopology(readSources([dir]));

/** Every file of a folder, recursively. */
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
}

/** Fixture `name`'s bundle, and a copy changed by `change` (given the copy's folder): both joined. */
function beforeAfter(name: string, change: (dir: string) => void): { before: Topology; after: Topology } {
  const dir = mkdtempSync(join(tmpdir(), `netguide-diff-${name}-`));
  try {
    cpSync(caseInput(name), dir, { recursive: true });
    change(dir);
    return { before: joined(caseInput(name)), after: joined(dir) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Replace `from` by `to` in every file of the copy (as a new run would name a thing). */
const everywhere = (dir: string, from: RegExp, to: string) => {
  for (const f of files(dir)) writeFileSync(f, readFileSync(f, 'utf8').replace(from, to));
};
const edit = (file: string, from: RegExp, to: string) => {
  const text = readFileSync(file, 'utf8');
  assert.match(text, from, `${file} holds ${from}`);
  writeFileSync(file, text.replace(from, to));
};

const shown = (c: TopologyChange) => `${c.kind} ${c.category} ${c.name}`;

test('should find no change between a bundle and a re-capture that only changed counters and durations', () => {
  const { before, after } = beforeAfter('gre-two-vms', (dir) => {
    everywhere(dir, /n_packets=\d+/g, 'n_packets=12345');
    everywhere(dir, /duration=[\d.]+s/g, 'duration=999.001s');
    everywhere(dir, /n_bytes=\d+/g, 'n_bytes=1');
  });
  const diff = diffTopology(before, after);
  assert.deepEqual(diff.changes.map(shown), []);
  assert.equal(diff.summary.id, 'diff:none');
  assert.equal(say(diff.summary, 'zh'), '拓扑没有变化。');
});

test("should report a port's new VLAN tag, in both languages", () => {
  const { before, after } = beforeAfter('gre-two-vms', (dir) => edit(join(dir, 'compute/01-ovs-vsctl-show.txt'), /tag: 1\n/, 'tag: 7\n'));
  const diff = diffTopology(before, after);
  const ports = diff.changes.filter((c) => c.category === 'port');
  assert.deepEqual(ports.map(shown), ['changed port qvo7e2a4a6c-2b']);
  assert.equal(ports[0]!.bridge, 'br-int');
  assert.equal(ports[0]!.host, 'compute');
  assert.deepEqual(ports[0]!.fields, [{ field: 'tag', old: '1', new: '7' }]);
  assert.equal(say(ports[0]!.message, 'en'), 'port qvo7e2a4a6c-2b on bridge br-int of compute: VLAN tag 1 → 7');
  assert.equal(say(ports[0]!.message, 'zh'), '端口 qvo7e2a4a6c-2b（compute 的网桥 br-int）：VLAN 标签 1 → 7');
  // evidence of both sides: the old line and the new one
  assert.equal(ports[0]!.evidence.old[0]!.line, ports[0]!.evidence.new[0]!.line);
});

test('should report a VM gone and another new when a run names the instance differently', () => {
  const { before, after } = beforeAfter('gre-two-vms', (dir) => everywhere(dir, /instance-00000001/g, 'instance-000000aa'));
  const vms = diffTopology(before, after).changes.filter((c) => c.category === 'vm');
  assert.deepEqual(vms.map(shown), ['removed vm instance-00000001', 'added vm instance-000000aa']);
  assert.deepEqual(vms.map((c) => c.host), ['compute', 'compute']);
  assert.equal(say(vms[1]!.message, 'en'), 'new VM instance-000000aa on compute');
  assert.equal(say(vms[0]!.message, 'zh'), '不再有虚拟机 instance-00000001（compute）');
});

test('should call a router namespace with a new UUID renamed, and compare what it holds under its new name', () => {
  const oldId = '8c8b3c56-4f7a-4b2e-9f3d-2d1e7a6b5c42';
  const newId = '0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6';
  const { before, after } = beforeAfter('gre-two-vms', (dir) => everywhere(dir, new RegExp(oldId, 'g'), newId));
  const diff = diffTopology(before, after);
  assert.ok(before.nat.length > 0, 'the fixture has NAT rules in its router namespace');
  const renamed = diff.changes.filter((c) => c.kind === 'renamed');
  assert.deepEqual(renamed.map((c) => [c.category, c.oldName, c.name]), [['namespace', `qrouter-${oldId}`, `qrouter-${newId}`]]);
  // NAT, routes, addresses of the namespace: compared under the new name, so not gone and new
  assert.deepEqual(diff.changes.filter((c) => c.kind === 'added' || c.kind === 'removed').map(shown), []);
  const service = diff.changes.filter((c) => c.category === 'service');
  assert.deepEqual(service.map((c) => c.fields), [[{ field: 'router_id', old: oldId, new: newId }]]);
  assert.match(say(renamed[0]!.message, 'en'), new RegExp(`^namespace qrouter-${oldId} is now qrouter-${newId} on network$`));
});

test('should report a new SNAT address as the same rule translated to another address', () => {
  const { before, after } = beforeAfter('gre-two-vms', (dir) => {
    for (const f of files(dir).filter((f) => /iptables/.test(f))) writeFileSync(f, readFileSync(f, 'utf8').replace('--to-source 192.0.2.245', '--to-source 192.0.2.99'));
  });
  const nat = diffTopology(before, after).changes.filter((c) => c.category === 'nat');
  assert.deepEqual(nat.map(shown), ['changed nat SNAT neutron-l3-agent-snat: 203.0.113.0/28 → *']);
  assert.deepEqual(nat[0]!.fields, [{ field: 'to', old: '192.0.2.245', new: '192.0.2.99' }]);
  assert.match(say(nat[0]!.message, 'zh'), /转换为 192\.0\.2\.245 → 192\.0\.2\.99/);
});

test('should tell a flow by bridge, table, priority and match: new actions are a change, a new match is another flow', () => {
  const { before, after } = beforeAfter('gre-two-vms', (dir) => {
    const file = join(dir, 'compute/02-ovs-ofctl-dump-flows-br-tun.txt');
    edit(file, /priority=1,tun_id=0x2a actions=mod_vlan_vid:1,/, 'priority=1,tun_id=0x2a actions=mod_vlan_vid:3,');
  });
  const flows = diffTopology(before, after).changes.filter((c) => c.category === 'flow');
  assert.deepEqual(flows.map(shown), ['changed flow table=2, priority=1, tun_id=0x2a']);
  assert.equal(flows[0]!.bridge, 'br-tun');
  assert.deepEqual(flows[0]!.fields, [{ field: 'actions', old: 'mod_vlan_vid:1,resubmit(,10)', new: 'mod_vlan_vid:3,resubmit(,10)' }]);
});

test("should report a tunnel's new remote address on its port and on the tunnel", () => {
  const { before, after } = beforeAfter('gre-two-vms', (dir) => edit(join(dir, 'compute/01-ovs-vsctl-show.txt'), /remote_ip="198\.51\.100\.21"/, 'remote_ip="198.51.100.77"'));
  const diff = diffTopology(before, after);
  const port = diff.changes.find((c) => c.category === 'port' && c.name === 'gre-c6336415');
  assert.deepEqual(port?.fields, [{ field: 'option:remote_ip', old: '198.51.100.21', new: '198.51.100.77' }]);
  assert.equal(say(port!.message, 'en'), 'port gre-c6336415 on bridge br-tun of compute: option remote_ip 198.51.100.21 → 198.51.100.77');
  // the far end no longer answers to that address: the tunnel to network is gone
  assert.ok(diff.changes.some((c) => c.category === 'link' && c.kind !== 'added' && c.name.startsWith('tunnel ')), diff.changes.map(shown).join('\n'));
});

test('should call a host alone unmatched on both sides renamed, and compare its things under the new name', () => {
  const { before, after } = beforeAfter('gre-two-vms', (dir) => renameSync(join(dir, 'compute'), join(dir, 'compute-7')));
  const diff = diffTopology(before, after);
  assert.deepEqual(diff.changes.map(shown), ['renamed host compute-7']);
  assert.equal(diff.changes[0]!.oldName, 'compute');
  assert.equal(say(diff.changes[0]!.message, 'zh'), '主机 compute 现在叫 compute-7');
});

test('should say every change of two different bundles with words from both catalogs', () => {
  const diff = diffTopology(joined(caseInput('gre-two-vms')), joined(caseInput('gre-two-networks')));
  assert.ok(diff.changes.length > 20);
  for (const category of ['namespace', 'port', 'vm', 'flow', 'service'] as const) {
    assert.ok(diff.changes.some((c) => c.category === category), `a ${category} change`);
  }
  const ids = new Set<string>();
  for (const c of diff.changes) messageIds(c.message, ids);
  messageIds(diff.summary, ids);
  for (const lang of ['zh', 'en']) {
    const catalog = readCatalog(lang);
    assert.deepEqual([...ids].filter((id) => !catalog.has(id)), [], `${lang}.po has every diff message`);
  }
  const counted = Object.values(diff.counts).reduce((n, k) => n + k.added + k.removed + k.changed + k.renamed, 0);
  assert.equal(counted, diff.changes.length);
  assert.match(say(diff.summary, 'en'), new RegExp(`^${diff.changes.length} changes: `));
});
