import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parser, type VirshDomainXml, type VirshXmlFragment } from '../../src/captures/virsh-dumpxml.js';
import { runFixtures, parseFixture } from './run-fixtures.js';

runFixtures(parser, 'virsh dumpxml instance-00000007');

test('should read name, uuid, interfaces and disks of a whole domain', () => {
  const result = parseFixture(parser, 'whole-domain');
  const domain = result.records[0] as VirshDomainXml;
  assert.equal(domain.name, 'instance-00000007');
  assert.equal(domain.uuid, '0c4f2b7e-3d55-4a8e-9a55-5f9a3b1c2d10');
  assert.deepEqual(domain.interfaces, [
    { type: 'bridge', mac: 'fa:16:3e:4c:2c:30', sourceBridge: 'qbr7bfa2daa-66', targetDev: 'tap7bfa2daa-66', model: 'virtio', evidence: { line: 16, endLine: 21 } },
  ]);
  assert.equal(domain.disks[0]?.targetDev, 'vda');
  assert.equal(result.unparsed.length, 0);
});

test('should read the grepped `<target dev=…/>` line as a fragment of the named domain', () => {
  const [fragment] = parseFixture(parser, 'grep-tap-2014').records as VirshXmlFragment[];
  assert.deepEqual(fragment, { kind: 'fragment', element: 'target', attributes: { dev: 'tap7bfa2daa-66' }, domain: 'instance-00000007', evidence: { line: 1 } });
});

test('should report where a broken domain XML fails instead of throwing', () => {
  const result = parseFixture(parser, 'broken-domain');
  assert.ok(result.unparsed.some((u) => /not well-formed/.test(u.reason)));
});
