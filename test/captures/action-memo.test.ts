// The dump parser shares decoded action lists between flows that print the
// same actions: the values must be exactly what a fresh decode gives, frozen
// once shared (so no consumer can change them under another flow), and the
// memo must not outlive a dump.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCommandLine } from '../../src/captures/command-line.js';
import { parser } from '../../src/captures/ovs-ofctl-dump-flows.js';
import { parseActions } from '../../src/captures/ovs/flow-actions.js';
import { generateFlowDump } from '../../src/captures/bench/flows.js';
import { flowActionsText } from '../../src/captures/ovs/flow-line.js';

const cmd = parseCommandLine('ovs-ofctl dump-flows br-tun');

test('should give every flow the actions a fresh decode gives', () => {
  const { records } = parser.parse(generateFlowDump(2000), cmd);
  assert.equal(records.length, 2000);
  for (const flow of records) assert.deepEqual(flow.actions, parseActions(flowActionsText(flow)), flow.text);
});

test('should share one frozen action list between flows with the same actions', () => {
  const dump = [
    ' cookie=0x0, duration=1.0s, table=0, n_packets=0, n_bytes=0, priority=1,in_port=1 actions=resubmit(,2)',
    ' cookie=0x0, duration=1.0s, table=0, n_packets=0, n_bytes=0, priority=1,in_port=2 actions=resubmit(,2)',
    ' cookie=0x0, duration=1.0s, table=0, n_packets=0, n_bytes=0, priority=1,in_port=3 actions=mod_vlan_vid:7,resubmit(,2)',
  ].join('\n');
  const [a, b, c] = parser.parse(dump, cmd).records;
  assert.equal(a!.actions, b!.actions, 'same text, same list');
  assert.ok(Object.isFrozen(a!.actions) && Object.isFrozen(a!.actions[0]), 'frozen once shared');
  assert.throws(() => (a!.actions as unknown as unknown[]).push({}), TypeError);
  assert.equal(c!.actions[1], a!.actions[0], 'a repeated action inside another list is shared too');
  assert.deepEqual(c!.actions.map((x) => x.type), ['mod_vlan_vid', 'resubmit']);
});

test('should not share values between two dumps', () => {
  const line = ' cookie=0x0, duration=1.0s, table=0, n_packets=0, n_bytes=0, priority=1 actions=NORMAL';
  const first = parser.parse(line, cmd).records[0]!;
  const second = parser.parse(line, cmd).records[0]!;
  assert.notEqual(first.actions, second.actions);
  assert.deepEqual(first.actions, second.actions);
});
