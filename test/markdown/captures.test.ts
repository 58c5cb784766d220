// Captures in a Markdown guide: a `console`, `text` or `shell-session` (or
// unlabelled) fence starting with `$ cmd` is a capture, one per prompt, as an
// RST literal block starting with `$ ` is; a paragraph that is only a command
// announces the fence after it; a fence labelled `bash` or `sh` is a script,
// never a capture (and so is RST's `code:: bash`). Output line k of a capture
// is the guide's line, as for RST.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseMarkdown } from '../../src/markdown/index.js';
import { parseRst } from '../../src/rst/index.js';
import { capturesOfGuide } from '../../src/topology/guide-captures.js';

const guide = [
  '# Lab', //                                   1
  '', //                                        2
  '## compute node', //                         3
  '', //                                        4
  '```console', //                              5
  '$ ip netns', //                              6
  'qdhcp-1', //                                 7
  'qrouter-2', //                               8
  '$ brctl show', //                            9
  'bridge name\tbridge id\tSTP enabled\tinterfaces', // 10
  '```', //                                     11
  '', //                                        12
  '`ip route`:', //                             13
  '', //                                        14
  '```text', //                                 15
  'default via 10.0.0.1 dev eth0', //           16
  '```', //                                     17
  '', //                                        18
  '```bash', //                                 19
  '$ ip link', //                               20
  'echo a script, not output', //               21
  '```', //                                     22
  '', //                                        23
  '`ip addr`:', //                              24
  '', //                                        25
  '```sh', //                                   26
  'ip addr add 10.0.0.2/24 dev eth0', //        27
  '```', //                                     28
  '', //                                        29
  '```', //                                     30
  '$ ovs-vsctl show', //                        31
  'abc', //                                     32
  '```', //                                     33
  '', //                                        34
  '```shell-session', //                        35
  '$ ip -br addr', //                           36
  'lo UNKNOWN 127.0.0.1/8', //                  37
  '```', //                                     38
  '', //                                        39
  '    $ virsh list', //                        40
  '     Id Name State', //                      41
  '',
].join('\n');

const captures = capturesOfGuide(parseMarkdown(guide, { sourceName: 'lab.md' }).tree, 'lab.md');

test('should take each prompt of a console fence as one capture, its output from the next line', () => {
  const netns = captures.find((c) => c.command === 'ip netns')!;
  assert.deepEqual({ ...netns }, { file: 'lab.md', host: 'compute', section: 'compute node', command: 'ip netns', text: 'qdhcp-1\nqrouter-2', line: 7 });
  const brctl = captures.find((c) => c.command === 'brctl show')!;
  assert.equal(brctl.line, 10);
  assert.equal(brctl.text, 'bridge name\tbridge id\tSTP enabled\tinterfaces');
});

test('should take a text fence announced by a command paragraph as that command\'s output', () => {
  const route = captures.find((c) => c.command === 'ip route')!;
  assert.equal(route.line, 16);
  assert.equal(route.text, 'default via 10.0.0.1 dev eth0');
});

test('should take unlabelled, shell-session and indented blocks with prompts as captures', () => {
  assert.equal(captures.find((c) => c.command === 'ovs-vsctl show')?.line, 32);
  assert.equal(captures.find((c) => c.command === 'ip -br addr')?.line, 37);
  assert.equal(captures.find((c) => c.command === 'virsh list')?.line, 41);
});

test('should never take a bash or sh fence as a capture, prompt or announcing paragraph alike', () => {
  assert.deepEqual(captures.map((c) => c.command), ['ip netns', 'brctl show', 'ip route', 'ovs-vsctl show', 'ip -br addr', 'virsh list']);
});

test('should never take an RST code block labelled bash as a capture either', () => {
  const rst = ['``ip link``:', '', '.. code:: bash', '', '   $ ip link', '   echo hi', '', '.. code:: console', '', '   $ ip netns', '   qdhcp-1', ''].join('\n');
  const found = capturesOfGuide(parseRst(rst, { sourceName: 'x.rst' }).tree, 'x.rst');
  assert.deepEqual(found.map((c) => [c.command, c.line, c.text]), [['ip netns', 11, 'qdhcp-1']]);
});
