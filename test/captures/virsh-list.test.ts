import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parser } from '../../src/captures/virsh-list.js';
import { runFixtures, parseFixture } from './run-fixtures.js';

runFixtures(parser, 'virsh list');

test('should read the 2014 fixed-width table and today\'s sized one alike', () => {
  const old = parseFixture(parser, '2014-fixed-width').records;
  const now = parseFixture(parser, 'today-sized').records;
  assert.deepEqual(old.map((d) => [d.id, d.name, d.state]), [[2, 'instance-00000007', 'running']]);
  assert.deepEqual(now.map((d) => [d.id, d.name, d.state]), [[1, 'instance-00000001', 'running']]);
});

test('should treat the polkit warning as noise and keep a two-word state', () => {
  const tty = parseFixture(parser, 'tty-polkit-warning');
  assert.equal(tty.lineRoles[0], 'noise');
  const all = parseFixture(parser, 'all-crlf-notes');
  assert.deepEqual(all.records[1], { id: null, name: 'instance-00000002', state: 'shut off', evidence: { line: 4 } });
  assert.equal(all.lineRoles[4], 'noise');
  assert.deepEqual(all.unparsed.map((u) => u.text), ['???']);
});
