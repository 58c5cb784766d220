import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parser } from '../../src/captures/ss-tunlp.js';
import { runFixtures, parseFixture } from './run-fixtures.js';

runFixtures(parser, 'ss -tunlp');

test('should read users:((…)) in the glued-header pipe form and the widened tty form', () => {
  for (const name of ['pipe-glued-header', 'tty-wide-columns']) {
    const result = parseFixture(parser, name);
    assert.deepEqual(result.lineRoles, ['header', 'fact'], name);
    assert.deepEqual(result.records[0]?.processes, [{ name: 'python3', pid: 114, fd: 3 }], name);
    assert.deepEqual(result.records[0]?.local, { address: '0.0.0.0', port: '9697' }, name);
  }
});

test('should join a wrapped process column and read bracketed IPv6 with a device', () => {
  const records = parseFixture(parser, 'several-users-wrapped').records;
  assert.deepEqual(records[1]?.processes, [{ name: 'dnsmasq', pid: 93, fd: 4 }]);
  assert.deepEqual(records[1]?.evidence, { line: 3, endLine: 4 });
  assert.deepEqual(records[2]?.local, { address: 'fe80::f816:3eff:fe1a:2b3c', port: '53', device: 'tap0a8a0a6b-67' });
  assert.equal(records[2]?.processes.length, 2);
});
