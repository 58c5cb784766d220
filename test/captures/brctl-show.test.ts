import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parser } from '../../src/captures/brctl-show.js';
import { parseCommandLine } from '../../src/captures/command-line.js';
import { runFixtures, parseFixture } from './run-fixtures.js';

runFixtures(parser, 'brctl show');

test('should match brctl show only', () => {
  assert.ok(parser.matches(parseCommandLine('brctl show')));
  assert.ok(parser.matches(parseCommandLine('sudo /sbin/brctl show qbr1')));
  assert.ok(!parser.matches(parseCommandLine('brctl showmacs qbr1')));
  assert.ok(!parser.matches(parseCommandLine('bridge link')));
});

test('should read the 2014 bridge with a space-indented second port', () => {
  const result = parseFixture(parser, 'seed-2014-spaces');
  assert.deepEqual(result.lineRoles, ['header', 'fact', 'fact']);
  const [bridge] = result.records;
  assert.deepEqual([bridge!.bridge, bridge!.bridgeId, bridge!.mac, bridge!.stpEnabled], ['qbr7bfa2daa-66', '8000.32ba59e01506', '32:ba:59:e0:15:06', false]);
  assert.deepEqual(bridge!.interfaces, [{ name: 'qvb7bfa2daa-66', evidence: { line: 2 } }, { name: 'tap7bfa2daa-66', evidence: { line: 3 } }]);
});

test('should read tab-continued ports, bridges without ports, STP, glued bridges and report errors', () => {
  const result = parseFixture(parser, 'constructed-several-bridges-noise');
  assert.deepEqual(result.records.map((r) => [r.bridge, r.stpEnabled, r.interfaces.map((i) => i.name)]), [
    ['qbr7e2a4a6c-2b', false, ['qvb7e2a4a6c-2b', 'tap7e2a4a6c-2b']],
    ['br-empty', false, []],
    ['virbr0', true, ['virbr0-nic']],
    ['qbrAAAA', false, ['qvbAAAA']],
  ]);
  assert.deepEqual([result.lineRoles[0], result.lineRoles[1]], ['noise', 'header']);
  assert.deepEqual(result.unparsed.map((u) => u.line), [8]);
});

test('should read bridges when the column header was not pasted', () => {
  const result = parser.parse('br-ex\t\t8000.00262dfedafc\tno\t\teth0\n\t\t\t\t\t\t\tphy-br-ex\n', parseCommandLine('brctl show'));
  assert.deepEqual(result.records.map((r) => [r.bridge, r.interfaces.map((i) => i.name)]), [['br-ex', ['eth0', 'phy-br-ex']]]);
  assert.deepEqual(result.lineRoles, ['fact', 'fact']);
});
