import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parser } from '../../src/captures/ip-route.js';
import { parseCommandLine } from '../../src/captures/command-line.js';
import { runFixtures, parseFixture } from './run-fixtures.js';

runFixtures(parser, 'ip route');

test('should match ip route listings only', () => {
  for (const cmd of ['ip route', 'ip r', 'ip ro show', 'ip -6 route', 'ip route show table all', 'ip netns exec qrouter-1 ip route', 'ip -4 r list']) assert.ok(parser.matches(parseCommandLine(cmd)), cmd);
  for (const cmd of ['ip rule', 'ip route add default via 1.2.3.4', 'ip -j route', 'route -n']) assert.ok(!parser.matches(parseCommandLine(cmd)), cmd);
});

test('should read the 2014 double-spaced routes of the router namespace', () => {
  const result = parseFixture(parser, 'seed-2014-qrouter-double-spaces');
  assert.equal(result.netns, 'qrouter-7052699b-ed8d-48a0-8365-50ac54017dfc');
  assert.deepEqual(result.records.map((r) => [r.destination, r.prefixLength, r.via, r.dev, r.proto, r.scope, r.src]), [
    ['default', 0, '192.168.1.1', 'qg-c5ab6a1c-f1', undefined, undefined, undefined],
    ['192.168.1.0/24', 24, undefined, 'qg-c5ab6a1c-f1', 'kernel', 'link', '192.168.1.245'],
    ['10.0.1.0/28', 28, undefined, 'qr-cbfa75fd-e1', 'kernel', 'link', '10.0.1.1'],
  ]);
});

test('should read metrics, route types, host routes, multipath nexthops, onlink and locked metrics', () => {
  const records = parseFixture(parser, 'netns-metric-multipath-types').records;
  const find = (d: string) => records.find((r) => r.destination === d)!;
  assert.equal(find('10.20.0.0/16').metric, 100);
  assert.deepEqual(['10.30.0.0/16', '10.31.0.0/16', '10.32.0.0/16'].map((d) => find(d).type), ['blackhole', 'unreachable', 'prohibit']);
  assert.equal(find('10.9.3.2').prefixLength, 32);
  const multipath = find('10.40.0.0/16');
  assert.deepEqual(multipath.nexthops.map((h) => [h.via, h.dev, h.weight, h.evidence.line]), [['10.9.0.253', 'br0', 1, 10], ['10.9.1.254', 'veth-a', 2, 11]]);
  assert.deepEqual(multipath.evidence, { line: 9, endLine: 11 });
  assert.deepEqual(find('10.50.0.0/16').flags, ['onlink']);
  assert.equal(find('10.60.0.0/16').options['mtu'], 'lock 1400');
  const linkdown = parseFixture(parser, 'netns-linkdown').records;
  assert.ok(linkdown.find((r) => r.destination === '10.40.0.0/16')!.nexthops.every((h) => h.flags.includes('linkdown')));
});

test('should read local/broadcast routes with tables, and IPv6 routes', () => {
  const all = parseFixture(parser, 'netns-table-all').records;
  const local = all.find((r) => r.type === 'local' && r.destination === '10.9.0.1')!;
  assert.deepEqual([local.table, local.scope, local.prefixLength], ['local', 'host', 32]);
  const v6 = parseFixture(parser, 'netns-ipv6').records;
  assert.deepEqual(v6.map((r) => [r.family, r.metric, r.pref]), [['inet6', 256, 'medium'], ['inet6', 256, 'medium'], ['inet6', 256, 'medium']]);
});

test('should join a wrapped route, split glued routes, read via inet6, and report errors', () => {
  const result = parseFixture(parser, 'noise-crlf-wrapped-glued');
  const [, wrapped, first, glued, v6] = result.records;
  assert.deepEqual([wrapped!.src, wrapped!.evidence], ['192.168.1.245', { line: 3, endLine: 4 }]);
  assert.deepEqual([first!.destination, glued!.destination, glued!.metric, glued!.nexthops.length], ['10.0.1.0/28', '10.0.2.0/24', 10, 1]);
  assert.deepEqual([v6!.via, v6!.family, v6!.options], ['fe80::1', 'inet6', { expires: '1799sec', hoplimit: '64' }]);
  assert.deepEqual(result.unparsed.map((u) => u.line), [8, 9]);
});
