import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCommandLine, stripPrompt } from '../../src/captures/command-line.js';

const cases: [string, { argv: string[]; pipes?: string[][]; netns?: string }][] = [
  ['ps -ef | grep dns', { argv: ['ps', '-ef'], pipes: [['grep', 'dns']] }],
  ['$ virsh dumpxml instance-00000007 | grep tap', { argv: ['virsh', 'dumpxml', 'instance-00000007'], pipes: [['grep', 'tap']] }],
  ['# ovs-vsctl show', { argv: ['ovs-vsctl', 'show'] }],
  ['root@network:~# ip netns exec qrouter-7052 iptables -t nat -S', { argv: ['iptables', '-t', 'nat', '-S'], netns: 'qrouter-7052' }],
  ['[root@node1 ~]# sudo -u root LC_ALL=C ip -d -n qdhcp-5f2f link show', { argv: ['ip', '-d', 'link', 'show'], netns: 'qdhcp-5f2f' }],
  ['stack@devstack:~/devstack$ sudo ip netns exec qdhcp-1 sudo ss -tunlp 2>/dev/null', { argv: ['ss', '-tunlp'], netns: 'qdhcp-1' }],
  ["iptables -A INPUT -m comment --comment 'allow ssh' -j ACCEPT", { argv: ['iptables', '-A', 'INPUT', '-m', 'comment', '--comment', 'allow ssh', '-j', 'ACCEPT'] }],
  ['env LANG=C netstat -tunlp | grep -v "::" | sort', { argv: ['netstat', '-tunlp'], pipes: [['grep', '-v', '::'], ['sort']] }],
  ['nsenter --net=/run/netns/qrouter-1 ip route', { argv: ['ip', 'route'], netns: 'qrouter-1' }],
  ['ovs-ofctl dump-flows br-tun && echo done', { argv: ['ovs-ofctl', 'dump-flows', 'br-tun'] }],
  ['echo $HOME *.txt', { argv: ['echo', '$HOME', '*.txt'] }],
];

for (const [raw, expected] of cases) {
  test(`should read \`${raw}\``, () => {
    const cmd = parseCommandLine(raw);
    assert.deepEqual(cmd.argv, expected.argv);
    assert.deepEqual(cmd.pipes, expected.pipes ?? []);
    assert.equal(cmd.netns, expected.netns);
  });
}

test('should keep the command without its prompt as raw', () => {
  assert.equal(parseCommandLine('root@host:~# ip link').raw, 'ip link');
  assert.equal(stripPrompt('$ ip link'), 'ip link');
  assert.equal(stripPrompt('-P INPUT ACCEPT'), '-P INPUT ACCEPT');
});

test('should not throw on unbalanced quotes or empty input', () => {
  assert.deepEqual(parseCommandLine('').argv, []);
  assert.ok(parseCommandLine('grep "unterminated').argv.length > 0);
});
