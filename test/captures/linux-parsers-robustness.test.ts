// Every Linux networking parser fed every real capture, including the ones
// meant for other parsers (ovs-vsctl show, iptables -S, ps -ef…): none may
// throw, and each must still give every line a role and a reason for every
// unparsed line. Wrong input is the common case when a guide mislabels a block.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CaptureParser } from '../../src/captures/types.js';
import { parseCommandLine } from '../../src/captures/command-line.js';
import { parser as ipLink } from '../../src/captures/ip-link.js';
import { parser as ipAddr } from '../../src/captures/ip-addr.js';
import { parser as ipBrief } from '../../src/captures/ip-brief.js';
import { parser as ipRoute } from '../../src/captures/ip-route.js';
import { parser as ipNetns } from '../../src/captures/ip-netns.js';
import { parser as brctlShow } from '../../src/captures/brctl-show.js';
import { parser as bridgeLink } from '../../src/captures/bridge-link.js';
import { parser as ethtoolStats } from '../../src/captures/ethtool-stats.js';
import { assertResultInvariants } from './run-fixtures.js';
import { labSamples } from '../fixture-paths.js';

const PARSERS: [CaptureParser, string][] = [
  [ipLink, 'ip link'], [ipAddr, 'ip addr'], [ipBrief, 'ip -br addr'], [ipRoute, 'ip route'], [ipNetns, 'ip netns'],
  [brctlShow, 'brctl show'], [bridgeLink, 'bridge link'], [ethtoolStats, 'ethtool -S eth0'],
];

function captureFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.txt') && name !== 'probe.txt') files.push(path);
    }
  };
  walk(root);
  return files;
}

test('should never throw and always account for every line, whatever capture it is given', () => {
  const files = captureFiles(labSamples);
  assert.ok(files.length > 100, `found ${files.length} sample captures`);
  let ownFiles = 0;
  for (const file of files) {
    const raw = readFileSync(file, 'utf8');
    const text = raw.slice(raw.indexOf('\n') + 1);
    const ownCommand = parseCommandLine(raw.slice(2, raw.indexOf('\n')));
    for (const [parser, command] of PARSERS) {
      const own = parser.matches(ownCommand);
      const result = parser.parse(text, own ? ownCommand : parseCommandLine(command));
      assertResultInvariants(result, text);
      if (own) {
        ownFiles++;
        assert.deepEqual(result.unparsed, [], `${parser.name} leaves nothing unparsed in its own capture ${file}`);
      }
    }
  }
  assert.ok(ownFiles >= 70, `${ownFiles} captures were meant for these parsers`);
});

test('should report text of another command as unparsed rather than invent records', () => {
  const ovs = 'Bridge br-int\n    Port "qvo7bfa2daa-66"\n        tag: 1\n        Interface "qvo7bfa2daa-66"\n    ovs_version: "2.0.1"\n';
  for (const [parser, command] of PARSERS) {
    const result = parser.parse(ovs, parseCommandLine(command));
    if (parser === ethtoolStats) {
      // `tag: 1` has exactly the shape of a counter line; everything else must stay unparsed.
      assert.deepEqual(result.lineRoles, ['unparsed', 'unparsed', 'fact', 'unparsed', 'unparsed']);
      continue;
    }
    assert.deepEqual(result.records, [], parser.name);
    assert.ok(result.lineRoles.every((role) => role === 'unparsed'), `${parser.name}: ${result.lineRoles.join(',')}`);
  }
});
