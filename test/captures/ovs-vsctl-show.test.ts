import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parser, type OvsVsctlShow } from '../../src/captures/ovs-vsctl-show.js';
import { parseCommandLine } from '../../src/captures/command-line.js';
import { fixturesRoot, readFixture, runFixtures } from './run-fixtures.js';

runFixtures(parser, 'ovs-vsctl show');

function resultOf(caseName: string) {
  const fixture = readFixture(join(fixturesRoot, 'ovs-vsctl-show', caseName), 'ovs-vsctl show');
  return parser.parse(fixture.text, fixture.command);
}
/** Bridge → port → [interface, type, options, tag] without evidence, to compare layouts. */
function shape(show: OvsVsctlShow) {
  return show.bridges.map((b) => ({
    name: b.name,
    datapathType: b.datapathType,
    ports: b.ports.map((p) => ({ name: p.name, tag: p.tag, interfaces: p.interfaces.map((i) => ({ name: i.name, type: i.type, options: i.options })) })),
  }));
}

test('should match ovs-vsctl show only', () => {
  assert.equal(parser.matches(parseCommandLine('sudo ovs-vsctl show')), true);
  assert.equal(parser.matches(parseCommandLine('ovs-vsctl list-br')), false);
});

test('should read the 2014 capture with quoted names', () => {
  const { records, unparsed } = resultOf('2014-quoted-names');
  assert.deepEqual(unparsed, []);
  const [show] = records;
  assert.equal(show!.uuid, '20add6c1-a16c-4227-982b-52dad4261a5b');
  assert.equal(show!.ovsVersion, '2.0.1');
  assert.deepEqual(show!.bridges.map((b) => b.name), ['br-int', 'br-ex']);
  const qvo = show!.bridges[0]!.ports[0]!;
  assert.equal(qvo.name, 'qvo7bfa2daa-66');
  assert.equal(qvo.tag, 2);
  assert.deepEqual(qvo.interfaces.map((i) => i.name), ['qvo7bfa2daa-66']);
  assert.equal(show!.bridges[1]!.ports[2]!.name, 'eth0');
  assert.deepEqual(qvo.evidence, { line: 3, endLine: 5 });
});

test('should read tunnel and patch options with their quotes removed', () => {
  const [show] = resultOf('gre-compute').records;
  const tun = show!.bridges.find((b) => b.name === 'br-tun')!;
  assert.equal(tun.datapathType, 'netdev');
  const gre = tun.ports.find((p) => p.name.startsWith('gre-'))!.interfaces[0]!;
  assert.equal(gre.type, 'gre');
  assert.deepEqual(gre.options, { in_key: 'flow', local_ip: '198.51.100.11', out_key: 'flow', remote_ip: '198.51.100.21' });
  assert.deepEqual(tun.ports.find((p) => p.name === 'patch-int')!.interfaces[0]!.options, { peer: 'patch-tun' });
});

test('should keep an interface error line', () => {
  const [show] = resultOf('lab-interface-error').records;
  const ghost = show!.bridges[0]!.ports.find((p) => p.name === 'ghost0')!.interfaces[0]!;
  assert.equal(ghost.error, 'could not open network device ghost0 (No such device)');
});

test('should read controllers, managers, fail_mode and trunks', () => {
  const [show] = resultOf('controller-manager-trunks-handwritten').records;
  assert.deepEqual(show!.managers.map((m) => [m.target, m.isConnected]), [['ptcp:6640:127.0.0.1', true]]);
  const brInt = show!.bridges[0]!;
  assert.equal(brInt.controller, 'tcp:127.0.0.1:6633');
  assert.equal(brInt.controllers[0]!.isConnected, true);
  assert.equal(brInt.failMode, 'secure');
  assert.deepEqual(brInt.ports.find((p) => p.name === 'trunk0')!.trunks, [100, 200]);
  const geneve = brInt.ports.find((p) => p.name === 'tunnel5')!.interfaces[0]!;
  assert.equal(geneve.options['key'], '0x10');
  assert.match(geneve.other['bfd_status']!, /forwarding="true"/);
});

test('should read tabs, CRLF, notes and a missing uuid line as the clean capture', () => {
  const noisy = resultOf('noise-tabs-crlf-no-uuid');
  const [clean] = resultOf('gre-compute').records;
  assert.deepEqual(noisy.unparsed, []);
  assert.equal(noisy.records[0]!.uuid, undefined);
  assert.deepEqual(shape(noisy.records[0]!), shape(clean!));
  assert.ok(noisy.lineRoles.includes('noise'));
});

test('should report lines it cannot place, with reasons', () => {
  const { unparsed } = resultOf('malformed-lines');
  assert.deepEqual(unparsed.map((u) => u.line), [1, 2, 3]);
  assert.match(unparsed[0]!.reason, /outside a Bridge/);
});
