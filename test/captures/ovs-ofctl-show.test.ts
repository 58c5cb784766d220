import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parser, portNames, type OfctlPort, type OfctlSwitch } from '../../src/captures/ovs-ofctl-show.js';
import { parseCommandLine } from '../../src/captures/command-line.js';
import { fixturesRoot, readFixture, runFixtures } from './run-fixtures.js';

runFixtures(parser, 'ovs-ofctl show br-int');

function resultOf(caseName: string) {
  const fixture = readFixture(join(fixturesRoot, 'ovs-ofctl-show', caseName), 'ovs-ofctl show br-int');
  return parser.parse(fixture.text, fixture.command);
}

test('should match ovs-ofctl show only', () => {
  assert.equal(parser.matches(parseCommandLine('ovs-ofctl -O OpenFlow13 show br-tun')), true);
  assert.equal(parser.matches(parseCommandLine('ovs-ofctl dump-flows br-tun')), false);
});

test('should read the switch and map port numbers to names, LOCAL as 65534', () => {
  const { records, unparsed } = resultOf('lab-gre-compute-br-tun');
  assert.deepEqual(unparsed, []);
  const sw = records[0] as OfctlSwitch;
  assert.equal(sw.kind, 'switch');
  assert.match(sw.dpid, /^[0-9a-f]{16}$/);
  assert.equal(sw.nTables, 254);
  assert.ok(sw.capabilities.includes('FLOW_STATS'));
  assert.ok(sw.actions.includes('strip_vlan'));
  assert.equal(sw.frags, 'normal');
  assert.deepEqual([...portNames(records)], [[1, 'patch-int'], [2, 'gre-c6336415'], [65534, 'br-tun']]);
  const local = records.find((r): r is OfctlPort => r.kind === 'port' && r.reserved === 'LOCAL')!;
  assert.deepEqual(local.config, ['PORT_DOWN']);
  assert.deepEqual(local.current, ['10GB-FD', 'COPPER']);
  assert.equal(local.speedMbps, 10000);
});

test('should read the OpenFlow 1.3 reply with its port-description header', () => {
  const { records, lineRoles } = resultOf('lab-gre-compute-br-tun-openflow13');
  assert.equal((records[0] as OfctlSwitch).ofVersion, 'OF1.3');
  assert.equal(lineRoles[3], 'header');
  assert.deepEqual((records[1] as OfctlPort).state, ['LIVE']);
});

test('should accept CRLF, notes and blank lines and report an ovs-ofctl error', () => {
  const clean = resultOf('lab-gre-network-br-int');
  const noisy = resultOf('noise-crlf-notes-error');
  assert.deepEqual([...portNames(noisy.records)], [...portNames(clean.records)]);
  assert.equal(noisy.unparsed.length, 1);
  assert.match(noisy.unparsed[0]!.reason, /not a bridge/);
  assert.ok(noisy.lineRoles.includes('noise'));
});
