// The capture-lab GRE and VXLAN bundles (compute + network): the tunnel link
// across hosts with Neutron's hex name decoded and checked against remote_ip,
// the br-tun translation both ways, and the VM → network-node walk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { brief, explained, tablesBrief, valuesOf } from '../topology/fixture-cases.js';
import { decodeTunnelName } from '../../src/explain/rules/tunnel.js';

import { labSamples as LAB } from '../fixture-paths.js';

test('decodeTunnelName reads 8 hex digits as the remote IPv4 and checks it', () => {
  assert.equal(decodeTunnelName('gre-c6336415', '198.51.100.21').matches, true);
  assert.equal(decodeTunnelName('gre-c6336415', '198.51.100.21').decoded, '198.51.100.21');
  assert.equal(decodeTunnelName('vxlan-c0a80001', '10.0.0.1').matches, false);
  assert.equal(decodeTunnelName('vxlan-3a2f1b9', '10.0.0.1').decoded, undefined);
  assert.equal(decodeTunnelName('vxlan-3a2f1b9', '10.0.0.1').message, undefined, 'no words for a name that holds no address');
  assert.equal(decodeTunnelName('vxlan-c0a80001', '10.0.0.1').message?.id, 'tunnel:name-not-remote-ip');
  assert.equal(decodeTunnelName('vxlan-c0a80001').message?.id, 'tunnel:name-unchecked');
});

for (const type of ['gre', 'vxlan']) {
  test(`${type}: tunnel across hosts, decoded name, translation both ways, VM → network node walk`, () => {
    const t = explained([`${LAB}/${type}`]);
    const tunnel = t.links.find((l) => l.kind === 'tunnel');
    assert.ok(tunnel);
    assert.notEqual(tunnel.a.host, tunnel.b.host);
    const explanation = t.explanations.find((e) => e.rule === 'tunnel');
    assert.ok(explanation);
    assert.equal((valuesOf(explanation.message, 'tunnel:port').port as { name: string }).name, `${type}-c6336415`);
    assert.deepEqual(valuesOf(explanation.message, 'tunnel:name-is-remote-ip'), {
      hex: 'c6336415',
      bytes: [['c6', 198], ['33', 51], ['64', 100], ['15', 21]].map(([hex, value]) => ({ id: 'tunnel:hex-byte', hex, value })),
      decoded: '198.51.100.21',
    });
    const translations = t.explanations.filter((e) => e.rule === 'vlan-translation');
    assert.equal(translations.length, 2);
    assert.ok(translations.every((e) => /from=vlan-translation:tunnel\(id=0x1\), to=vlan-translation:vlan\(vlan=1\), back=vlan-translation:back\(bridge=br-tun, table=\d+, from=vlan-translation:vlan\(vlan=1\), to=vlan-translation:tunnel\(id=0x1\)\)/.test(brief(e.message))));

    const walk = t.walks.find((w) => w.id.startsWith('walk:snat:'));
    assert.ok(walk);
    const hosts = walk.steps.map((s) => s.at.host);
    assert.equal(hosts[0], 'compute');
    assert.ok(hosts.includes('network'));
    const text = walk.steps.map((s) => `${brief(s.message)} ${tablesBrief(s)}`).join('\n');
    assert.match(text, new RegExp(`walk:encapsulated\\(type=${type.toUpperCase()}, key=walk:key-set-by-flow\\(key=0x1\\), from=198\\.51\\.100\\.11, fromPort=${type}-c6336415, fromHost=compute, to=198\\.51\\.100\\.21, toHost=network,`));
    assert.match(text, /action:set-tunnel-id\(id=0x1\)/);
    assert.match(text, /trace:lookup\(table=0, .*; trace:lookup\(table=[23], priority=1, match=flow:matches\(fields=\[flow:field-is\(field=flow:field-tunnel-id, value=0x1\)\]\)\); trace:set\(action=action:set-vlan\(vlan=1\)\); trace:lookup\(table=10, .*trace:send-out\(port=patch-int, carrying=trace:carrying\(what=\[trace:tagged\(vlan=1\), trace:tunnel-id\(id=0x1\)\]\)\)/);
    assert.match(text, /walk:snat-rewrites\(chain=[^,]+, source=203\.0\.113\.0\/28, to=192\.0\.2\.245\)/);
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
  const table0 = t.explanations.find((e) => e.id === 'openflow:compute/br-tun/0');
  assert.ok(table0, 'table 0 of br-tun is narrated');
  const text = brief(table0.message);
  assert.ok(text.includes(`field=flow:field-in-port, value=flow:named-port(name=${tunnelPort.name}, number=${tunnelPort.ofport})`), text);
  assert.ok(!/field=flow:field-in-port, value=(\d|flow:port-number)/.test(text), 'no bare port numbers left');
});
