import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parser, resolvePortNames, type OvsFlow, type FlowAction, type LearnAction } from '../../src/captures/ovs-ofctl-dump-flows.js';
import { parser as showParser, portNames } from '../../src/captures/ovs-ofctl-show.js';
import { parser as dpifParser, portNamesFromDpif } from '../../src/captures/ovs-appctl-dpif-show.js';
import { parseCommandLine } from '../../src/captures/command-line.js';
import { fixturesRoot, readFixture, runFixtures } from './run-fixtures.js';

runFixtures(parser, 'ovs-ofctl dump-flows br-int');

function flowsOf(caseName: string): OvsFlow[] {
  const fixture = readFixture(join(fixturesRoot, 'ovs-ofctl-dump-flows', caseName), 'ovs-ofctl dump-flows br-int');
  return parser.parse(fixture.text, fixture.command).records;
}
function resultOf(caseName: string) {
  const fixture = readFixture(join(fixturesRoot, 'ovs-ofctl-dump-flows', caseName), 'ovs-ofctl dump-flows br-int');
  return parser.parse(fixture.text, fixture.command);
}
/** A flow without the fields that change between captures or with the line layout. */
function essence(flow: OvsFlow) {
  return { table: flow.table, priority: flow.priority, match: flow.match, inPort: flow.inPort, actions: flow.actions };
}

test('should match ovs-ofctl dump-flows with and without -O OpenFlow13, and not other subcommands', () => {
  assert.equal(parser.matches(parseCommandLine('ovs-ofctl dump-flows br-int')), true);
  assert.equal(parser.matches(parseCommandLine('sudo ovs-ofctl -O OpenFlow13 dump-flows br-tun')), true);
  assert.equal(parser.matches(parseCommandLine('ovs-ofctl show br-tun')), false);
  assert.equal(parser.matches(parseCommandLine('ovs-vsctl show')), false);
});

test('should read the 2014 br-int flow: statistics, default table, priority and NORMAL', () => {
  const [flow] = flowsOf('2014-br-int');
  assert.ok(flow);
  assert.equal(flow.duration, 6525.696);
  assert.equal(flow.nPackets, 437);
  assert.equal(flow.nBytes, 90523);
  assert.equal(flow.idleAge, 3315);
  assert.equal(flow.priority, 1);
  assert.deepEqual(flow.actions, [{ type: 'output', port: { reserved: 'NORMAL' }, text: 'NORMAL' }]);
  assert.deepEqual(flow.evidence, { line: 2 });
});

test('should decode the br-tun learn action into its template', () => {
  const learnFlow = flowsOf('gre-compute-br-tun').find((f) => f.table === 10)!;
  const learn = learnFlow.actions[0] as LearnAction;
  assert.equal(learn.type, 'learn');
  assert.equal(learn.table, 20);
  assert.equal(learn.hardTimeout, 300);
  assert.equal(learn.priority, 1);
  assert.deepEqual(learn.specs.map((s) => s.kind), ['match', 'match', 'load', 'load', 'output']);
  assert.deepEqual(learn.specs[0], { kind: 'match', dst: { field: 'NXM_OF_VLAN_TCI', start: 0, end: 11 }, src: { field: 'NXM_OF_VLAN_TCI', start: 0, end: 11 }, text: 'NXM_OF_VLAN_TCI[0..11]' });
  assert.deepEqual(learn.specs[1], { kind: 'match', dst: { field: 'NXM_OF_ETH_DST' }, src: { field: 'NXM_OF_ETH_SRC' }, text: 'NXM_OF_ETH_DST[]=NXM_OF_ETH_SRC[]' });
  assert.deepEqual(learn.specs[2], { kind: 'load', dst: { field: 'NXM_OF_VLAN_TCI' }, value: '0', text: 'load:0->NXM_OF_VLAN_TCI[]' });
  assert.deepEqual(learn.specs[3], { kind: 'load', dst: { field: 'NXM_NX_TUN_ID' }, src: { field: 'NXM_NX_TUN_ID' }, text: 'load:NXM_NX_TUN_ID[]->NXM_NX_TUN_ID[]' });
  assert.deepEqual(learnFlow.actions[1], { type: 'output', port: { number: 1 }, text: 'output:1' });
});

test('should decode the tunnel flows: tun_id match, mod_vlan_vid, strip_vlan, set_tunnel, masked dl_dst', () => {
  const flows = flowsOf('gre-compute-br-tun');
  const fromTunnel = flows.find((f) => f.table === 2 && f.priority === 1)!;
  assert.deepEqual(fromTunnel.match, [{ name: 'tun_id', value: '0x1' }]);
  assert.deepEqual(fromTunnel.actions.map((a) => a.type), ['mod_vlan_vid', 'resubmit']);
  assert.deepEqual(fromTunnel.actions[1], { type: 'resubmit', table: 10, text: 'resubmit(,10)' });
  const toTunnel = flows.find((f) => f.table === 21 && f.match.some((m) => m.name === 'dl_vlan'))!;
  assert.deepEqual(toTunnel.actions.slice(0, 2), [
    { type: 'strip_vlan', text: 'strip_vlan' },
    { type: 'set_tunnel', id: '0x1', bits: 32, key: 1, text: 'set_tunnel:0x1' },
  ]);
  const multicast = flows.find((f) => f.table === 1 && f.nPackets === 14)!;
  assert.deepEqual(multicast.match, [{ name: 'dl_dst', value: '01:00:00:00:00:00', mask: '01:00:00:00:00:00' }]);
  assert.equal(multicast.priority, 32768, 'ovs-ofctl leaves out the default priority');
  assert.deepEqual(flows.find((f) => f.table === 3)!.actions, [{ type: 'drop', text: 'drop' }]);
});

test('should read learned flows with hard_timeout, hard_age and a masked vlan_tci', () => {
  const learned = flowsOf('vxlan-compute-br-tun-learned').filter((f) => f.table === 20 && f.priority === 1);
  assert.equal(learned.length, 2);
  assert.equal(learned[0]!.hardTimeout, 300);
  assert.equal(typeof learned[0]!.hardAge, 'number');
  assert.deepEqual(learned[0]!.match[0], { name: 'vlan_tci', value: '0x0001', mask: '0x0fff' });
  assert.deepEqual(learned[0]!.actions[1], { type: 'load', value: '0x1', dst: { field: 'NXM_NX_TUN_ID' }, text: 'load:0x1->NXM_NX_TUN_ID[]' });
});

test('should read OpenFlow 1.3 output: reset_counts flag, push_vlan/set_field/pop_vlan, quoted port names', () => {
  const [local] = flowsOf('local-openflow13');
  assert.deepEqual(local!.flags, ['reset_counts']);
  const brTun = flowsOf('lab-tty-openflow13-br-tun');
  const fromTunnel = brTun.find((f) => f.table === 2 && f.priority === 1)!;
  assert.deepEqual(fromTunnel.actions.slice(0, 2), [
    { type: 'push_vlan', ethertype: '0x8100', text: 'push_vlan:0x8100' },
    { type: 'set_field', field: 'vlan_vid', value: '4097', text: 'set_field:4097->vlan_vid' },
  ]);
  const toTunnel = brTun.find((f) => f.table === 21 && f.nPackets! > 0)!;
  assert.deepEqual(toTunnel.actions.at(-1), { type: 'output', port: { name: 'gre-c6336415' }, text: 'output:"gre-c6336415"' });
  assert.deepEqual(brTun[0]!.inPort, { name: 'patch-int' });
});

test('should decode ct with nat and exec, controller, note, move, load, resubmit forms and keep multipath/bundle verbatim', () => {
  const flows = flowsOf('lab-many-actions');
  const all: FlowAction[] = flows.flatMap((f) => f.actions);
  const ct = all.find((a) => a.type === 'ct' && a.nat !== undefined);
  assert.ok(ct && ct.type === 'ct');
  assert.equal(ct.commit, true);
  assert.equal(ct.zone, '5');
  assert.equal(ct.table, 1);
  assert.deepEqual(ct.nat, { kind: 'src', addresses: '192.0.2.10-192.0.2.20', ports: '1000-2000', flags: [], text: 'nat(src=192.0.2.10-192.0.2.20:1000-2000)' });
  const ctExec = all.find((a) => a.type === 'ct' && a.exec.length > 0);
  assert.ok(ctExec && ctExec.type === 'ct');
  assert.equal(ctExec.exec[0]!.type, 'load');
  assert.ok(all.some((a) => a.type === 'controller' && a.maxLen === 128));
  assert.ok(all.some((a) => a.type === 'controller' && a.options['reason'] === 'no_match' && a.maxLen === 100));
  assert.ok(all.some((a) => a.type === 'resubmit' && a.port?.number === 1 && a.table === 2));
  assert.ok(all.some((a) => a.type === 'resubmit' && a.port?.number === 3 && a.table === undefined));
  assert.ok(all.some((a) => a.type === 'move' && a.src.field === 'NXM_OF_ETH_SRC' && a.dst.field === 'NXM_OF_ETH_DST'));
  assert.ok(all.some((a) => a.type === 'set_tunnel' && a.bits === 64 && a.id === '0x1234567890'));
  assert.ok(all.some((a) => a.type === 'output' && a.field?.field === 'NXM_NX_REG2' && a.field.end === 15));
  const multipath = all.find((a) => a.type === 'other' && a.name === 'multipath');
  assert.deepEqual(multipath, { type: 'other', name: 'multipath', args: 'eth_src,50,modulo_n,1,0,NXM_NX_REG0[0..3]', recognised: true, text: 'multipath(eth_src,50,modulo_n,1,0,NXM_NX_REG0[0..3])' });
  const of13 = flowsOf('lab-many-actions-openflow13').flatMap((f) => f.actions);
  const note = of13.find((a) => a.type === 'note');
  assert.deepEqual(note, { type: 'note', bytes: '61.62.63.00.00.00', decoded: 'abc', text: 'note:61.62.63.00.00.00' });
  assert.ok(of13.some((a) => a.type === 'write_metadata' && a.value === '0x10' && a.mask === '0xff'));
  assert.ok(of13.some((a) => a.type === 'clear_actions'));
  const withFlags = flowsOf('lab-many-actions-openflow13').find((f) => f.cookie === '0xabc')!;
  assert.deepEqual(withFlags.flags, ['send_flow_rem', 'reset_counts']);
  assert.equal(withFlags.idleTimeout, 30);
  assert.equal(withFlags.hardTimeout, 60);
});

test('should read wrapped, tab-indented, CRLF flows with notes exactly as the clean capture', () => {
  const noisy = resultOf('noise-wrapped-crlf-notes');
  const clean = flowsOf('gre-compute-br-tun');
  assert.deepEqual(noisy.records.map(essence), clean.map(essence));
  assert.deepEqual(noisy.unparsed, []);
  assert.deepEqual(noisy.lineRoles.slice(0, 3), ['header', 'noise', 'fact']);
  const learnFlow = noisy.records.find((f) => f.table === 10)!;
  assert.equal(learnFlow.evidence.endLine! - learnFlow.evidence.line, 3, 'the learn flow spans four lines');
});

test('should split two flows glued on one line and read a capture without its header', () => {
  const glued = resultOf('noise-glued-no-header');
  const clean = flowsOf('gre-compute-br-tun').slice(0, 5);
  assert.deepEqual(glued.records.map(essence), clean.map(essence));
  assert.deepEqual(glued.records.map((f) => f.evidence.line), [1, 1, 2, 2, 3]);
  assert.ok(glued.lineRoles.every((role) => role === 'fact'));
});

test('should keep an unknown action and match field verbatim and report error lines as unparsed', () => {
  const result = resultOf('unknown-action-and-errors');
  const [flow, empty] = result.records;
  assert.deepEqual(flow!.actions[0], { type: 'other', name: 'frobnicate', args: '1,(2,3)', recognised: false, text: 'frobnicate(1,(2,3))' });
  assert.deepEqual(flow!.actions[2], { type: 'other', name: 'zap', recognised: false, text: 'zap' });
  assert.deepEqual(flow!.match[0], { name: 'frob_field', value: '0x1', mask: '0xf' });
  assert.deepEqual(flow!.inPort, { reserved: 'LOCAL' });
  assert.deepEqual(empty!.actions, [{ type: 'drop', text: '' }], 'an empty action list drops');
  assert.deepEqual(result.unparsed.map((u) => u.line), [4, 5]);
  assert.match(result.unparsed[0]!.reason, /ovs-ofctl/);
});

test('should resolve numeric ports to the names a terminal capture prints, using ovs-ofctl show', () => {
  const show = readFixture(join(fixturesRoot, 'ovs-ofctl-show', 'lab-gre-compute-br-tun'), 'ovs-ofctl show br-tun');
  const names = portNames(showParser.parse(show.text, show.command).records);
  const piped = resolvePortNames(flowsOf('gre-compute-br-tun'), names);
  const tty = flowsOf('gre-tty-compute-br-tun');
  const portsOf = (flows: OvsFlow[]) => flows.map((f) => [f.inPort?.name, ...f.actions.map((a) => (a.type === 'output' ? a.port?.name : undefined))]);
  assert.deepEqual(portsOf(piped), portsOf(tty));
  // and the other way round: names get their numbers
  const numbered = resolvePortNames(tty, names);
  assert.deepEqual(numbered[0]!.inPort, { name: 'patch-int', number: 1 });
  // the input is left alone
  assert.deepEqual(tty[0]!.inPort, { name: 'patch-int' });
});

test('should resolve ports from ovs-appctl dpif/show when no ovs-ofctl show was captured', () => {
  const dpif = readFixture(join(fixturesRoot, 'ovs-appctl-dpif-show', 'gre-compute'), 'ovs-appctl dpif/show');
  const names = portNamesFromDpif(dpifParser.parse(dpif.text, dpif.command).records, 'br-tun');
  const [first] = resolvePortNames(flowsOf('gre-compute-br-tun'), names);
  assert.deepEqual(first!.inPort, { number: 1, name: 'patch-int' });
});

test('should read a long flow hard-wrapped over many lines the same as on one line', () => {
  const outputs = Array.from({ length: 500 }, (_, i) => `output:${i % 50}`).join(',');
  const flow = ' cookie=0x0, duration=1.5s, table=0, n_packets=0, n_bytes=0, priority=1 actions=learn(table=1,' + outputs + '),resubmit(,2)';
  const wrapped: string[] = [];
  for (let i = 0; i < flow.length; i += 80) wrapped.push(flow.slice(i, i + 80));
  const cmd = parseCommandLine('ovs-ofctl dump-flows br0');
  const one = parser.parse(flow + '\n', cmd);
  const many = parser.parse(wrapped.join('\n') + '\n', cmd);
  assert.ok(wrapped.length > 50);
  assert.deepEqual(many.records.map(essence), one.records.map(essence));
  assert.deepEqual(many.records[0]!.evidence, { line: 1, endLine: wrapped.length });
  assert.ok(many.lineRoles.every((role) => role === 'fact'));
});
