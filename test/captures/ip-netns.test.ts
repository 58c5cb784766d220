import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parser } from '../../src/captures/ip-netns.js';
import { parseCommandLine } from '../../src/captures/command-line.js';
import { runFixtures, parseFixture } from './run-fixtures.js';

runFixtures(parser, 'ip netns');

test('should match ip netns and ip netns list, not ip netns exec or add', () => {
  for (const cmd of ['ip netns', 'ip netns list', 'ip netns ls', 'ip netns show', 'sudo ip netns']) assert.ok(parser.matches(parseCommandLine(cmd)), cmd);
  for (const cmd of ['ip netns add x', 'ip netns list-id', 'ip netns identify 1', 'ip -j netns']) assert.ok(!parser.matches(parseCommandLine(cmd)), cmd);
});

test('should read 2014 names and today\'s ids, and split Neutron prefixes from the UUID', () => {
  const seed = parseFixture(parser, 'seed-2014-names-only').records;
  assert.deepEqual(seed.map((r) => [r.name, r.id, r.prefix, r.uuid]), [
    ['qdhcp-5f2ffda1-76da-427e-b3c1-4bfc088cfb75', undefined, 'qdhcp', '5f2ffda1-76da-427e-b3c1-4bfc088cfb75'],
    ['qrouter-7052699b-ed8d-48a0-8365-50ac54017dfc', undefined, 'qrouter', '7052699b-ed8d-48a0-8365-50ac54017dfc'],
  ]);
  const lab = parseFixture(parser, 'lab-local-ids').records;
  assert.deepEqual(lab.map((r) => [r.prefix, r.id]), [['qrouter', 2], ['qdhcp', 1]]);
  assert.deepEqual(parseFixture(parser, 'netns-list-mixed-ids').records.map((r) => [r.name, r.id, r.prefix]), [['ngtest-peer', 7, undefined], ['ngtest-links', undefined, undefined]]);
  assert.deepEqual(parseFixture(parser, 'lab-tty-gre-compute-empty').records, []);
});

test('should split glued names and report error lines', () => {
  const result = parseFixture(parser, 'noise-crlf-glued-errors');
  assert.deepEqual(result.records.map((r) => [r.name.slice(0, 7), r.id, r.evidence.line]), [['qrouter', 2, 2], ['qdhcp-5', 1, 2], ['ns-plai', undefined, 4]]);
  assert.deepEqual(result.unparsed.map((u) => u.line), [5, 6]);
});
