// The seed guide (content/local/local.rst, its copy in test/fixtures/seed): every claim in the author's bullets
// reproduced and confirmed from the captures, plus the VM → Internet walk, the
// DHCP range and the metadata process with its router id.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../../src/topology/model.js';
import { explained, valuesOf } from '../topology/fixture-cases.js';
import { seedGuide } from '../fixture-paths.js';

const seed = seedGuide;
const topology = explained([seed]);
const claims = topology.findings.filter((f) => f.claim && f.kind !== 'unknown-name');

function claimAt(line: number, text: string): Finding[] {
  return claims.filter((f) => f.claim!.line === line && f.claim!.text.includes(text));
}

// [guide line, words of the bullet, number of claims the bullet makes]
const BULLETS: [number, string, number][] = [
  [133, 'VM 使用接口 tap7bfa2daa-66', 1],
  [134, 'tap7bfa2daa-66 和 qvb7bfa2daa-66 在桥 qbr7bfa2daa-66 里', 2],
  [154, 'qvb7bfa2daa-66 和 qvo7bfa2daa-66 是一对 veth', 1],
  [155, 'qvo7bfa2daa-66 在 br-int 里', 1],
  [177, 'tapa042dd0d-97 接口上是 DHCP 服务', 1],
  [194, 'qr-XXX 和 qg-XXX 两个接口被路由', 1],
  [195, 'br-int 通过 qr-XXX, qg-XXX 路由到 br-ex', 1],
  [238, '访问 169.254.169.254:80 将被转发到 169.254.169.254:9697', 1],
  [239, '从 10.0.1.0 出发的包，源地址变成 192.168.1.245', 1],
  [239, 'VM 通过地址转换可以访问外网', 1],
  [253, '9697 端口是 Neutron Metadata agent', 1],
  [268, '不做 flow 处理', 1],
];

test('the seed has exactly the 13 claims of its bullets', () => {
  assert.equal(claims.length, 13);
  assert.equal(BULLETS.reduce((n, b) => n + b[2], 0), 13);
});

for (const [line, text, count] of BULLETS) {
  test(`seed claim at line ${line} is confirmed with evidence: ${text}`, () => {
    const found = claimAt(line, text);
    assert.equal(found.length, count);
    for (const f of found) {
      assert.equal(f.kind, 'confirmed', JSON.stringify(f.message));
      assert.ok(f.evidence.length > 0);
      assert.ok(f.evidence.every((e) => e.file.endsWith('local.rst') && e.line > 0 && e.line < line));
    }
  });
}

test('seed: the veth claim rests on ethtool peer_ifindex lines', () => {
  const [veth] = claimAt(154, 'veth');
  assert.ok(veth!.evidence.some((e) => e.command?.startsWith('ethtool')));
});

test('seed: the placeholder claims resolve qr-XXX and qg-XXX to the captured router ports', () => {
  const [routed] = claimAt(194, 'qr-XXX');
  const { devA, devB } = valuesOf(routed!.message, 'claim:routed-confirmed');
  assert.deepEqual([devA, devB], ['qr-cbfa75fd-e1', 'qg-c5ab6a1c-f1']);
});

test('seed: no name in the prose is missing from the captures', () => {
  assert.deepEqual(topology.findings.filter((f) => f.kind === 'unknown-name').map((f) => f.message), []);
});

test('seed: VM → Internet walk goes tap → qbr → veth → br-int tag 2 → router (SNAT) → qg → br-ex → eth0 → gateway', () => {
  const walk = topology.walks.find((w) => w.id.startsWith('walk:snat:'));
  assert.ok(walk);
  const names = walk.steps.map((s) => s.at.name);
  assert.deepEqual(names, [
    'instance-00000007', 'tap7bfa2daa-66', 'qbr7bfa2daa-66', 'qvb7bfa2daa-66', 'qvo7bfa2daa-66', 'br-int',
    'qrouter-7052699b-ed8d-48a0-8365-50ac54017dfc', 'qg-c5ab6a1c-f1', 'br-ex', '192.168.1.1',
  ]);
  const at = (name: string) => walk.steps.find((s) => s.at.name === name)!.message;
  assert.deepEqual(valuesOf(at('br-int'), 'walk:enters-ovs-bridge-tagged'), { bridge: 'br-int', port: 'qvo7bfa2daa-66', vlan: 2 });
  assert.deepEqual(valuesOf(at('qrouter-7052699b-ed8d-48a0-8365-50ac54017dfc'), 'walk:snat-rewrites'), { chain: 'neutron-l3-agent-snat', source: '10.0.1.0/28', to: '192.168.1.245' });
  assert.deepEqual(valuesOf(at('br-ex'), 'walk:leaves-host-by-nic'), { bridge: 'br-ex', nic: 'eth0' });
  assert.deepEqual(walk.steps.map((s) => valuesOf(s.message, 'walk:numbered-step').n), walk.steps.map((_, i) => i + 1));
});

test('seed: the DHCP explanation gives dnsmasq, its namespace, interface, subnet and lease', () => {
  const dhcp = topology.explanations.find((e) => e.rule === 'dhcp');
  assert.ok(dhcp);
  const served = valuesOf(dhcp.message, 'dhcp:served');
  assert.deepEqual([served.process, served.pid, served.interface], ['dnsmasq', 6390, 'tapa042dd0d-97']);
  assert.deepEqual(served.netns, { id: 'dhcp:in-namespace', netns: 'qdhcp-5f2ffda1-76da-427e-b3c1-4bfc088cfb75' });
  assert.deepEqual(valuesOf(dhcp.message, 'dhcp:tag'), { tag: 2 });
  assert.deepEqual(valuesOf(dhcp.message, 'dhcp:range'), { start: '10.0.1.0', mode: { id: 'dhcp:static' }, lease: '86400s' });
});

test('seed: the metadata explanation names the REDIRECT, port 9697, the proxy process and its router id', () => {
  const meta = topology.explanations.find((e) => e.rule === 'metadata');
  assert.ok(meta);
  const redirected = valuesOf(meta.message, 'metadata:redirected');
  assert.deepEqual([redirected.address, redirected.port, redirected.local, redirected.how], ['169.254.169.254', 80, 9697, { id: 'metadata:by-redirect' }]);
  assert.deepEqual(valuesOf(meta.message, 'metadata:listener'), {
    port: 9697, pid: 5957, process: 'neutron-ns-metadata-proxy', owner: { id: 'metadata:serving-router', router: '7052699b-ed8d-48a0-8365-50ac54017dfc' },
  });
  assert.deepEqual(meta.evidence.map((e) => e.line), [232, 245, 249]);
});

test('seed: a bridge with one NORMAL flow is explained as a learning switch without flow processing', () => {
  const flows = topology.explanations.filter((e) => e.rule === 'openflow');
  assert.deepEqual(flows.map((e) => e.id), ['openflow:compute/br-int', 'openflow:compute/br-ex']);
  assert.ok(flows.every((e) => e.message.id === 'openflow:plain-switch'));
});
