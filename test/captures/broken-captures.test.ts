// Broken captures are reported, never passed as complete facts: the front door
// (parseCapture) notes an empty capture, control characters, a failed command
// and a mislabelled one; ovs-vsctl show and ip link mark a record cut short
// by the end of the capture `incomplete` and note where. A capture that may
// legitimately be empty, or that a pipe filtered, is not reported.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCapture, findParser, parsers, SAMPLE_COMMANDS } from '../../src/captures/registry.js';
import type { OvsVsctlShow } from '../../src/captures/ovs-vsctl-show.js';
import type { CaptureNote } from '../../src/captures/types.js';

const kinds = (notes: CaptureNote[] | undefined) => (notes ?? []).map((n) => `${n.line} ${n.kind}`);

const OVS_HEAD = '$ ovs-vsctl show\n81ba9e18-314f-4150-88fd-b2aed2eafae0\n    Bridge br-int\n        Port qr-4e5f6a7b-8c\n            tag: 1\n            Interface qr-4e5f6a7b-8c\n                type: internal\n';

test('ovs-vsctl show cut short: a Port without Interface, no ovs_version; the record is marked incomplete', () => {
  const noInterface = parseCapture(OVS_HEAD + '        Port qvo7e2a4a6c-2b\n');
  const record = noInterface.records[0] as OvsVsctlShow;
  assert.equal(record.incomplete, 'Port qvo7e2a4a6c-2b has no Interface');
  assert.deepEqual(kinds(noInterface.notes), ['7 truncated']);
  assert.match(noInterface.notes![0]!.message, /ends in the middle of the output .*its last record is incomplete/);
  assert.ok(noInterface.lineRoles.every((r) => r === 'fact'), 'every line still a fact');

  const noVersion = parseCapture(OVS_HEAD);
  assert.equal((noVersion.records[0] as OvsVsctlShow).incomplete, 'no `ovs_version` line at its end');
  assert.deepEqual(kinds(noVersion.notes), ['6 truncated']);

  const whole = parseCapture(OVS_HEAD + '    ovs_version: "3.1.0"\n');
  assert.equal((whole.records[0] as OvsVsctlShow).incomplete, undefined);
  assert.equal(whole.notes, undefined);

  const grepped = parseCapture(OVS_HEAD.replace('ovs-vsctl show', 'ovs-vsctl show | grep -A3 Port'));
  assert.equal(grepped.notes, undefined, 'a pipe filters on purpose');
});

test('ip link cut after `@` gives a record marked incomplete, not a device named `qvo…@`', () => {
  const result = parseCapture('$ ip link\n1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n12: qvo7e2a4a6c-2b@');
  const last = result.records[1] as { name: string; incomplete?: string };
  assert.equal(last.name, 'qvo7e2a4a6c-2b');
  assert.equal(last.incomplete, 'the header is cut short after "@"');
  assert.deepEqual(kinds(result.notes), ['3 truncated']);
});

test('an empty capture is noted, unless the command may answer with nothing or a pipe filtered it', () => {
  assert.deepEqual(kinds(parseCapture('$ brctl show\n').notes), ['0 empty']);
  assert.deepEqual(kinds(parseCapture('$ ip link\n\n   \n').notes), ['0 empty']);
  assert.equal(parseCapture('$ ip netns\n').notes, undefined, 'no namespace: an answer');
  assert.equal(parseCapture('$ bridge link\n').notes, undefined);
  assert.equal(parseCapture('$ virsh dumpxml instance-1 | grep tap\n').notes, undefined, 'grep found nothing: an answer');
});

test('control characters are noted with their names; a terminal\'s colour codes alone are not', () => {
  const nul = parseCapture('$ ps -ef\nUID PID PPID C STIME TTY TIME CMD\nroot 1 0 0 10:00 ? 00:00:01 /sbin/init\u0000\u0007\n');
  assert.deepEqual(kinds(nul.notes), ['2 control-characters']);
  assert.match(nul.notes![0]!.message, /\(NUL, BEL\)/);
  const colours = parseCapture('$ ip -c link\n1: \u001b[36mlo: \u001b[0m<LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\n    link/loopback \u001b[33m00:00:00:00:00:00\u001b[0m brd \u001b[33m00:00:00:00:00:00\u001b[0m\n');
  assert.equal(colours.notes, undefined);
});

test('a command that failed is noted at its error line', () => {
  const failed = parseCapture("$ virsh list --all\nerror: failed to connect to the hypervisor\nerror: Failed to connect socket to '/var/run/libvirt/libvirt-sock': No such file or directory\n");
  assert.deepEqual(kinds(failed.notes), ['1 command-failed']);
  assert.match(failed.notes![0]!.message, /error: failed to connect to the hypervisor/);
  const ns = parseCapture('$ ip netns exec qrouter-1 ip route\nCannot open network namespace "qrouter-1": No such file or directory\n');
  assert.deepEqual(kinds(ns.notes), ['1 command-failed']);
  const missing = parseCapture('$ brctl show\nbash: brctl: command not found\n');
  assert.deepEqual(kinds(missing.notes), ['1 command-failed']);
});

test('a capture labelled with the wrong command is noted with the command it reads as', () => {
  const result = parseCapture(OVS_HEAD.replace('$ ovs-vsctl show', '$ ip addr') + '    ovs_version: "3.1.0"\n');
  assert.deepEqual(kinds(result.notes), ['0 mislabeled']);
  assert.match(result.notes![0]!.message, /reads as that of `ovs-vsctl show`.*not of `ip addr`/);
  const unknown = parseCapture('$ ovs-vsctl shwo\n' + OVS_HEAD.split('\n').slice(1).join('\n'));
  assert.deepEqual(kinds(unknown.notes), ['0 mislabeled'], 'a command no parser knows, with output one does');
});

test('every parser reads its own sample command (the mislabel check tries them)', () => {
  for (const p of parsers) assert.equal(findParser(SAMPLE_COMMANDS[p.name as keyof typeof SAMPLE_COMMANDS])?.name, p.name);
});
