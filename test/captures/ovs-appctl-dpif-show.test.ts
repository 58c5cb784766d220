import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parser, portNamesFromDpif, type DpifPort } from '../../src/captures/ovs-appctl-dpif-show.js';
import { parseCommandLine } from '../../src/captures/command-line.js';
import { fixturesRoot, readFixture, runFixtures } from './run-fixtures.js';

runFixtures(parser, 'ovs-appctl dpif/show');

function resultOf(caseName: string) {
  const fixture = readFixture(join(fixturesRoot, 'ovs-appctl-dpif-show', caseName), 'ovs-appctl dpif/show');
  return parser.parse(fixture.text, fixture.command);
}

test('should match ovs-appctl dpif/show only', () => {
  assert.equal(parser.matches(parseCommandLine('ovs-appctl dpif/show')), true);
  assert.equal(parser.matches(parseCommandLine('ovs-appctl dpctl/dump-flows')), false);
});

test('should read the datapath, bridges and ports with their tunnel options', () => {
  const { records, unparsed } = resultOf('gre-compute');
  assert.deepEqual(unparsed, []);
  assert.deepEqual(records[0], { kind: 'datapath', name: 'ovs-netdev', type: 'netdev', statistics: [], evidence: { line: 1 }, hit: 6, missed: 8 });
  const gre = records.find((r): r is DpifPort => r.kind === 'port' && r.type === 'gre')!;
  assert.equal(gre.bridge, 'br-tun');
  assert.deepEqual(gre.options, { key: 'flow', local_ip: '198.51.100.11', remote_ip: '198.51.100.21' });
  const patch = records.find((r): r is DpifPort => r.kind === 'port' && r.name === 'patch-tun')!;
  assert.equal(patch.dpPort, null);
  assert.deepEqual([...portNamesFromDpif(records, 'br-int')].sort(), [[1, 'patch-tun'], [2, 'qvo7e2a4a6c-2b'], [65534, 'br-int']]);
});

test('should read tab-indented CRLF output with notes the same as the clean capture', () => {
  const clean = resultOf('vxlan-tty-network').records.length;
  const noisy = resultOf('noise-tabs-notes');
  assert.ok(noisy.records.length >= 8 && clean >= 8);
  assert.deepEqual(noisy.unparsed.map((u) => u.text), ['garbage']);
  assert.deepEqual(noisy.lineRoles.slice(2, 4), ['noise', 'blank'], 'the note and the blank line after the bridge line');
});
