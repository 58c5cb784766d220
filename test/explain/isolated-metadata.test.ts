// The capture-lab bundle test/fixtures/topology/local-isolated-metadata (made by
// its make-bundle.sh): a local network without a router whose metadata is
// served from the DHCP namespace (169.254.169.254/16 on the DHCP port, a proxy
// listening on port 80 there, no REDIRECT anywhere). The metadata walk must end
// at that process, and the explanation must say the DHCP namespace serves it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hasMessage, loadCase as load, plain, says, valuesOf } from '../topology/fixture-cases.js';

const t = load('local-isolated-metadata');
const NS = 'qdhcp-1da5d6c9-2a5f-4a0f-9a1e-5c7c1b8e6f01';

test('isolated metadata: the metadata service is the port-80 process in the DHCP namespace, on the interface holding 169.254.169.254', () => {
  assert.deepEqual(t.namespaces.map((n) => n.name), [NS]);
  assert.deepEqual(t.nat, []);
  const metadata = t.services.filter((s) => s.kind === 'metadata');
  assert.equal(metadata.length, 1);
  const [service] = metadata;
  assert.equal(service!.host, 'allinone');
  assert.equal(service!.netns, NS);
  assert.equal(service!.pid, 135);
  assert.equal(service!.port, 80);
  assert.equal(service!.interface, 'tap0a8a0a6b-67');
  assert.equal(service!.network_id, '1da5d6c9-2a5f-4a0f-9a1e-5c7c1b8e6f01');
  assert.equal(service!.router_id, undefined);
  assert.ok(says(service!.evidence, '12-ps-ef-grep-135.txt', '/usr/bin/python3 -m http.server 80 --bind 0.0.0.0'));
  assert.ok(says(service!.evidence, '11-ip-netns-exec-qdhcp-netstat-tunlp.txt', '0.0.0.0:80'));
  // ss saw the same listener
  assert.ok(t.sockets.some((s) => s.netns === NS && s.port === 80 && s.pid === 135 && s.process === 'python3' && s.evidence.some((e) => e.file.endsWith('13-ip-netns-exec-qdhcp-ss-tunlp.txt'))));
});

test('isolated metadata: the walk goes VM → tap → qbr → veth → br-int (VLAN 1) → DHCP port → the process on port 80', () => {
  const walks = t.walks.filter((w) => w.id.startsWith('walk:metadata:'));
  assert.deepEqual(walks.map((w) => w.id), [`walk:metadata:allinone/instance-00000001/${NS}`]);
  const [walk] = walks;
  assert.deepEqual(plain(walk!.title), { id: 'walk:title-metadata-dhcp', vm: 'instance-00000001', address: '169.254.169.254' });
  assert.deepEqual(walk!.steps.map((s) => [s.at.netns ?? '', s.at.name]), [
    ['', 'instance-00000001'], ['', 'tap7e2a4a6c-2b'], ['', 'qbr7e2a4a6c-2b'], ['', 'qvb7e2a4a6c-2b'], ['', 'qvo7e2a4a6c-2b'],
    ['', 'br-int'], [NS, NS], [NS, 'tap0a8a0a6b-67'], [NS, 'python -m http.server'],
  ]);
  const steps = walk!.steps;
  assert.equal(valuesOf(steps[5]!.message, 'walk:enters-ovs-bridge-tagged').vlan, 1);
  assert.deepEqual(valuesOf(steps[6]!.message, 'walk:enters-namespace'), {
    netns: NS, port: 'tap0a8a0a6b-67', addresses: { id: 'walk:addresses', addresses: ['203.0.113.2/28', '169.254.169.254/16', 'fe80::f816:3eff:fe1a:2b3c/64'] },
  });
  assert.deepEqual(plain(steps[7]!.message), {
    id: 'walk:numbered-step', n: 8,
    step: { id: 'walk:metadata-address-here', address: '169.254.169.254', interface: 'tap0a8a0a6b-67', cidr: '169.254.169.254/16' },
  });
  assert.ok(says(steps[7]!.evidence, '08-ip-netns-exec-qdhcp-ip-addr.txt', 'inet 169.254.169.254/16 brd 169.254.255.255 scope global tap0a8a0a6b-67'));
  const last = steps[8]!;
  assert.deepEqual(plain(last.message), {
    id: 'walk:numbered-step', n: 9,
    step: {
      id: 'walk:isolated-proxy-takes-request', pid: 135, process: 'python -m http.server',
      network: { id: 'walk:network-id', network: '1da5d6c9-2a5f-4a0f-9a1e-5c7c1b8e6f01' },
      covers: { id: 'metadata:listens-on-every-address', at: '0.0.0.0:80', owner: { id: 'metadata:socket-of', process: 'python3', pid: 135 }, address: '169.254.169.254' },
      likely: '',
    },
  });
  assert.ok(says(last.evidence, '11-ip-netns-exec-qdhcp-netstat-tunlp.txt', '135/python3'));
  assert.ok(says(last.evidence, '12-ps-ef-grep-135.txt', 'root         135'));
  assert.ok(!steps.some((s) => hasMessage(s.message, 'walk:nat-hit')), 'no REDIRECT step on this path');
});

test('isolated metadata: the explanation says the DHCP namespace serves metadata, with no router REDIRECT', () => {
  const metadata = t.explanations.filter((e) => e.rule === 'metadata');
  assert.deepEqual(metadata.map((e) => e.id), [`metadata:allinone/${NS}`]);
  const [e] = metadata;
  const isolated = valuesOf(e!.message, 'metadata:isolated');
  assert.equal(isolated.netns, NS);
  assert.deepEqual(isolated.held, { id: 'metadata:held-here', interface: 'tap0a8a0a6b-67', cidr: '169.254.169.254/16', address: '169.254.169.254' });
  assert.deepEqual([isolated.pid, isolated.process], [135, 'python -m http.server']);
  assert.deepEqual(valuesOf(e!.message, 'metadata:listens-on-every-address').at, '0.0.0.0:80');
  assert.deepEqual(isolated.redirect, { id: 'metadata:no-redirect', address: '169.254.169.254' });
  assert.ok(says(e!.evidence, '08-ip-netns-exec-qdhcp-ip-addr.txt', 'inet 169.254.169.254/16'));
  assert.ok(says(e!.evidence, '11-ip-netns-exec-qdhcp-netstat-tunlp.txt', '0.0.0.0:80'));
  assert.ok(says(e!.evidence, '12-ps-ef-grep-135.txt', 'http.server 80'));
});

test('isolated metadata: every capture line is understood', () => {
  assert.deepEqual(t.unparsed, []);
  assert.equal(t.coverage.unparsed, 0);
  assert.ok(t.coverage.fact > 80);
});

test('isolated metadata: a bundle with a router (gre-two-vms) still gets the REDIRECT explanation, not the DHCP one', () => {
  const gre = load('gre-two-vms');
  const metadata = gre.explanations.filter((e) => e.rule === 'metadata');
  assert.equal(metadata.length, 1);
  const redirected = valuesOf(metadata[0]!.message, 'metadata:redirected');
  assert.deepEqual([redirected.chain, redirected.netns, redirected.how, redirected.local], [
    'neutron-l3-agent-PREROUTING', { id: 'common:in-namespace', netns: 'qrouter-8c8b3c56-4f7a-4b2e-9f3d-2d1e7a6b5c42' }, { id: 'metadata:by-redirect' }, 9697,
  ]);
  assert.ok(!gre.walks.some((w) => w.id.includes('qdhcp-')));
});
