import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parser } from '../../src/captures/ps-ef.js';
import { runFixtures, parseFixture } from './run-fixtures.js';

runFixtures(parser, 'ps -ef');

test('should describe dnsmasq: interface, DHCP range, network id; the grep line is noise', () => {
  const result = parseFixture(parser, 'dnsmasq-2014');
  assert.deepEqual(result.lineRoles, ['fact', 'noise']);
  const role = result.records[0]?.role;
  assert.equal(role?.kind, 'dnsmasq');
  if (role?.kind !== 'dnsmasq') return;
  assert.deepEqual(role.interfaces, ['tapa042dd0d-97']);
  assert.equal(role.networkId, '5f2ffda1-76da-427e-b3c1-4bfc088cfb75');
  assert.deepEqual(role.dhcpRanges[0], { tags: [], set: 'tag0', start: '10.0.1.0', mode: 'static', lease: '86400s', raw: 'set:tag0,10.0.1.0,static,86400s' });
});

test('should find the router and port of the 2014 metadata proxy and of today\'s stand-in', () => {
  const proxy = parseFixture(parser, 'ns-metadata-proxy-2014').records[0]?.role;
  assert.deepEqual(proxy && proxy.kind === 'metadata-proxy' ? [proxy.routerId, proxy.metadataPort] : [], ['7052699b-ed8d-48a0-8365-50ac54017dfc', 9697]);
  const standin = parseFixture(parser, 'http-server-standin-tty').records[0]?.role;
  assert.deepEqual(standin, { kind: 'http-server', implementation: 'python -m http.server', port: 9697, bind: '0.0.0.0', directory: '/var/lib/neutron/metadata-standin' });
});

test('should glue a wrapped command line back and recognise OVS daemons and haproxy', () => {
  const result = parseFixture(parser, 'header-wrapped-ovs');
  assert.equal(result.lineRoles[0], 'header');
  const vswitchd = result.records[1]!;
  assert.ok(vswitchd.argv.includes('--pidfile'), vswitchd.cmd);
  assert.deepEqual(vswitchd.evidence, { line: 3, endLine: 4 });
  assert.equal(result.records[0]?.role?.kind, 'ovs-daemon');
  assert.equal(result.records[2]?.role?.kind, 'metadata-proxy');
  assert.equal(result.unparsed.length, 0);
});

test('should read `ps aux` rows and an IPv6 DHCP range with its prefix length', () => {
  const result = parseFixture(parser, 'aux-ipv6-range-haproxy');
  assert.deepEqual(result.lineRoles, ['header', 'fact', 'fact']);
  const role = result.records[0]?.role;
  assert.ok(role?.kind === 'dnsmasq');
  assert.deepEqual(role.dhcpRanges.map((r) => [r.set, r.start, r.mode, r.netmask, r.lease]), [
    ['subnet-6d3e1c0a-1b2c-4d5e-8f90-0a1b2c3d4e5f', '10.0.1.0', 'static', '255.255.255.240', '86400s'],
    ['subnet-7e4f', 'fd00:10::', 'static', '64', '86400s'],
  ]);
  assert.equal(result.records[1]?.stat, 'Ss');
});

test('should find the router of an HA keepalived and of radvd from their config paths', () => {
  const result = parseFixture(parser, 'ha-router-keepalived-radvd');
  assert.deepEqual(result.lineRoles, ['fact', 'fact', 'noise']);
  assert.deepEqual(result.records.map((r) => r.role?.kind === 'keepalived' || r.role?.kind === 'radvd' ? [r.role.kind, r.role.routerId] : []), [
    ['keepalived', '7052699b-ed8d-48a0-8365-50ac54017dfc'],
    ['radvd', '7052699b-ed8d-48a0-8365-50ac54017dfc'],
  ]);
});
