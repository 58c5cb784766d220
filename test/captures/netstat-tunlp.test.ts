import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parser } from '../../src/captures/netstat-tunlp.js';
import { runFixtures, parseFixture } from './run-fixtures.js';

runFixtures(parser, 'netstat -tunlp');

test('should read pid and program of a listening socket (2014 and today)', () => {
  const old = parseFixture(parser, 'qrouter-2014').records[0]!;
  assert.deepEqual([old.local, old.state, old.pid, old.program], [{ address: '0.0.0.0', port: '9697' }, 'LISTEN', 5957, 'python']);
  const now = parseFixture(parser, 'qrouter-today').records[0]!;
  assert.deepEqual([now.pid, now.program], [114, 'python3']);
});

test('should accept udp rows without a state and IPv6 addresses', () => {
  const records = parseFixture(parser, 'qdhcp-ipv6-udp').records;
  assert.equal(records.length, 5);
  const dhcp = records.find((r) => r.local.port === '67')!;
  assert.equal(dhcp.state, undefined);
  assert.equal(dhcp.proto, 'udp');
  assert.equal(records.find((r) => r.proto === 'udp6')?.foreign.address, '::');
});
