// The capture-lab GRE and VXLAN bundles (compute + network): the tunnel link
// across hosts with Neutron's hex name decoded and checked against remote_ip,
// the br-tun translation both ways, and the VM → network-node walk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explained, tablesText } from '../topology/fixture-cases.js';
import { decodeTunnelName } from '../../src/explain/rules/tunnel.js';

import { labSamples as LAB } from '../fixture-paths.js';

test('decodeTunnelName reads 8 hex digits as the remote IPv4 and checks it', () => {
  assert.equal(decodeTunnelName('gre-c6336415', '198.51.100.21').matches, true);
  assert.equal(decodeTunnelName('gre-c6336415', '198.51.100.21').decoded, '198.51.100.21');
  assert.equal(decodeTunnelName('vxlan-c0a80001', '10.0.0.1').matches, false);
  assert.equal(decodeTunnelName('vxlan-3a2f1b9', '10.0.0.1').decoded, undefined);
});

for (const type of ['gre', 'vxlan']) {
  test(`${type}: tunnel across hosts, decoded name, translation both ways, VM → network node walk`, () => {
    const t = explained([`${LAB}/${type}`]);
    const tunnel = t.links.find((l) => l.kind === 'tunnel');
    assert.ok(tunnel);
    assert.notEqual(tunnel.a.host, tunnel.b.host);
    const explanation = t.explanations.find((e) => e.rule === 'tunnel');
    assert.ok(explanation);
    assert.ok(explanation.text.en.includes(`${type}-c6336415`));
    assert.match(explanation.text.en, /c6336415 \(c6=198 33=51 64=100 15=21\) is 198\.51\.100\.21, which matches remote_ip/);
    assert.match(explanation.text.zh, /即 198\.51\.100\.21，与 remote_ip 一致/);
    const translations = t.explanations.filter((e) => e.rule === 'vlan-translation');
    assert.equal(translations.length, 2);
    assert.ok(translations.every((e) => /tunnel id 0x1 into VLAN 1; the other way, .* VLAN 1 back into tunnel id 0x1/.test(e.text.en)));

    const walk = t.walks.find((w) => w.id.startsWith('walk:snat:'));
    assert.ok(walk);
    const hosts = walk.steps.map((s) => s.at.host);
    assert.equal(hosts[0], 'compute');
    assert.ok(hosts.includes('network'));
    const text = walk.steps.map((s) => `${s.text.en} ${tablesText(s)}`).join('\n');
    assert.match(text, new RegExp(`encapsulated in the ${type.toUpperCase()} tunnel with key 0x1 \\(set by the sending side's set_tunnel flow; the port has key=flow\\): outer IP from 198\\.51\\.100\\.11 \\(${type}-c6336415 on compute\\) to 198\\.51\\.100\\.21 \\(network\\)`));
    assert.match(text, /set tunnel id 0x1/);
    assert.match(text, /table 0: .*; table [23]: the priority 1 flow that matches tunnel id=0x1; set the VLAN to 1; table 10: .*send out of patch-int \(tagged VLAN 1, tunnel id 0x1\)\./);
    assert.match(text, /rewrites the source 203\.0\.113\.0\/28 to 192\.0\.2\.245 \(SNAT\)/);
    assert.ok(t.walks.some((w) => w.id.startsWith('walk:dhcp:') && w.steps.some((s) => s.at.host === 'network')));
  });
}

test('local sample: NAT captured twice (iptables -t nat -S and iptables-save) gives one rule, one walk and one explanation per id', () => {
  const t = explained([`${LAB}/local`]);
  const snatRules = t.nat.filter((n) => n.kind === 'snat');
  assert.equal(snatRules.length, 1);
  assert.ok(new Set(snatRules[0]!.evidence.map((e) => e.file)).size >= 2, 'the one rule keeps the lines of both captures');
  const walkIds = t.walks.map((w) => w.id);
  assert.deepEqual(walkIds, [...new Set(walkIds)]);
  assert.equal(walkIds.filter((id) => id.startsWith('walk:snat:')).length, 1);
  const ids = t.explanations.map((e) => e.id);
  assert.deepEqual(ids, [...new Set(ids)]);
  const snat = t.explanations.find((e) => e.rule === 'snat')!;
  assert.ok(new Set(snat.evidence.map((e) => e.file)).size >= 2);
});

test('gre: OpenFlow port numbers are named from `ovs-appctl dpif/show` (the bundle has no `ovs-ofctl show`)', () => {
  const t = explained([`${LAB}/gre`]);
  const brTun = t.bridges.find((b) => b.host === 'compute' && b.name === 'br-tun');
  assert.ok(brTun);
  const tunnelPort = brTun.ports.find((p) => p.name.startsWith('gre-'));
  assert.ok(tunnelPort?.ofport !== undefined, 'the tunnel port has its OpenFlow number');
  assert.ok(tunnelPort.evidence.some((e) => /dpif-show/.test(e.file)), 'and the dpif/show line as evidence');
  const table0 = t.explanations.find((e) => e.rule === 'openflow' && e.text.en.startsWith('br-tun on compute table 0 '));
  assert.ok(table0, 'table 0 of br-tun is narrated');
  assert.ok(table0.text.en.includes(`in_port=${tunnelPort.name} (port ${tunnelPort.ofport})`), table0.text.en);
  assert.ok(!/in_port=\d/.test(table0.text.en), 'no bare port numbers left');
});
