// `netguide trace` in-process: the table-by-table text with file:line evidence,
// --json, --lang zh, and its exit statuses (2 for a bad request, 1 for a bridge
// the captures do not have, 1 under --strict when the trace is not certain).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runTrace } from '../../src/cli/trace.js';
import { brief, caseInput, en } from '../topology/fixture-cases.js';
import type { Message } from '../../src/message.js';

const bundle = caseInput('gre-two-vms');

async function run(options: Parameters<typeof runTrace>[1]): Promise<{ status: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const status = await runTrace([bundle], options, (s) => (out += s), (s) => (err += s));
  return { status, out, err };
}

test('should print each table the packet visits, indented by resubmit depth, with the flow line as evidence', async () => {
  const r = await run({ bridge: 'br-tun', host: 'compute', flow: 'in_port=patch-int,dl_vlan=1,dl_dst=ff:ff:ff:ff:ff:ff' });
  assert.equal(r.status, 0, r.err);
  assert.match(r.out, /^# Trace of in_port=patch-int,dl_vlan=1,dl_dst=ff:ff:ff:ff:ff:ff through br-tun on compute$/m);
  assert.match(r.out, /^- table 0: the priority 1 flow that matches in_port=patch-int \(port 1\) \[.*compute\/02-ovs-ofctl-dump-flows-br-tun\.txt:3\]$/m);
  assert.match(r.out, /^  - table 1: .*broadcast and multicast frames \[.*:7\]$/m);
  assert.match(r.out, /^    - send out of gre-c6336415 \(untagged, tunnel id 0x2a\)$/m);
  assert.match(r.out, /^br-tun sends the packet out of gre-c6336415 \(untagged, tunnel id 0x2a\)$/m);
});

test('should give the trace as JSON and in Chinese', async () => {
  const json = await run({ bridge: 'br-tun', host: 'network', flow: 'in_port=2,tun_id=0x2a', json: true });
  assert.equal(json.status, 0);
  type Part = { bridge: string; from?: { bridge: string; port: string; peer: string }; steps: { depth: number; text: { en: string }; message: Message }[]; outcome: { en: string }; outcome_message: Message };
  const parsed = JSON.parse(json.out) as { certain: boolean; bridges: Part[] };
  assert.equal(parsed.certain, true);
  assert.deepEqual(parsed.bridges.map((b) => b.bridge), ['br-tun', 'br-int'], 'on through the patch port, as ofproto/trace goes');
  const [tun, int] = parsed.bridges as [Part, Part];
  assert.deepEqual(tun.steps.map((s) => s.depth).slice(0, 3), [0, 1, 1]);
  assert.equal(brief(tun.outcome_message), 'trace:sends(bridge=br-tun, exits=[trace:exit-out-of(port=patch-int, carrying=trace:carrying(what=[trace:tagged(vlan=2), trace:tunnel-id(id=0x2a)]))])');
  assert.equal(tun.outcome.en, en(tun.outcome_message), 'the JSON keeps the text beside the message');
  assert.ok(tun.steps.every((s) => s.text.en === en(s.message)));
  assert.deepEqual(int.from, { bridge: 'br-tun', port: 'patch-int', peer: 'patch-tun' });
  // br-int sees the frame as br-tun sent it: tagged VLAN 2
  assert.equal(brief(int.outcome_message), 'trace:sends(bridge=br-int, exits=[trace:forward(how=trace:exit-normal, carrying=trace:carrying(what=[trace:tagged(vlan=2), trace:tunnel-id(id=0x2a)]))])');
  const zh = await run({ bridge: 'br-tun', host: 'network', flow: 'in_port=2,tun_id=0x2a', lang: 'zh' });
  assert.match(zh.out, /^# network 上 br-tun 的流表追踪/m);
  assert.match(zh.out, /表 2：命中优先级 1 的流/);
});

test('should follow a patch port into the peer bridge, and stay in the bridge with --no-patches', async () => {
  const across = await run({ bridge: 'br-tun', host: 'network', flow: 'in_port=2,tun_id=0x2a' });
  assert.match(across.out, /^## Through the patch ports patch-int → patch-tun into br-int$/m);
  assert.match(across.out, /^- table 0: the priority 1 flow that matches every packet \[.*network\/03-ovs-ofctl-dump-flows-br-int\.txt:3\]$/m);
  const alone = await run({ bridge: 'br-tun', host: 'network', flow: 'in_port=2,tun_id=0x2a', patches: false });
  assert.doesNotMatch(alone.out, /## Through the patch ports/);
  assert.match(alone.out, /br-tun sends the packet out of patch-int/);
});

test('should exit 2 on a packet it cannot read or a bridge on several hosts, and 1 on a bridge not captured', async () => {
  const bad = await run({ bridge: 'br-tun', host: 'compute', flow: 'dl_vlan=1' });
  assert.equal(bad.status, 2);
  assert.match(bad.err, /needs in_port=PORT/);
  const ambiguous = await run({ bridge: 'br-tun', flow: 'in_port=1' });
  assert.equal(ambiguous.status, 2);
  assert.match(ambiguous.err, /on several hosts \(compute, network\): choose one with --host/);
  const wrongPort = await run({ bridge: 'br-tun', host: 'network', flow: 'in_port=vxlan-1' });
  assert.equal(wrongPort.status, 2);
  assert.match(wrongPort.err, /in_port=vxlan-1 is not a port of br-tun on network; its ports: .*patch-int/);
  const missing = await run({ bridge: 'br-nope', flow: 'in_port=1' });
  assert.equal(missing.status, 1);
  assert.match(missing.err, /no OVS bridge br-nope in the captures; they have: .*br-tun \(compute\)/);
});

test('should fail under --strict only when the trace depends on what the captures do not say', async () => {
  const unsure = await run({ bridge: 'br-tun', host: 'compute', flow: 'in_port=patch-int,dl_vlan=1', strict: true });
  assert.equal(unsure.status, 1);
  assert.match(unsure.out, /no flow surely matches; unless it matches/);
  const sure = await run({ bridge: 'br-tun', host: 'compute', flow: 'in_port=patch-int,dl_vlan=1,dl_dst=ff:ff:ff:ff:ff:ff', strict: true });
  assert.equal(sure.status, 0);
});
