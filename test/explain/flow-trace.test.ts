// The flow tracer on real lab captures (br-tun of the two-VM GRE bundle, where
// the port numbers come from `ovs-appctl dpif/show`) and on small flow tables
// made from real dump lines for the rules a dump rarely shows at once:
// priorities, ties, resubmit with a port, bit loads, conntrack, OVS's limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTopology } from '../../src/topology/build.js';
import { readSources } from '../../src/topology/sources.js';
import type { Flow, Topology } from '../../src/topology/model.js';
import { FlowTracer, bridgeTracer, parsePacketSpec, traceAcrossPatches } from '../../src/explain/openflow/trace.js';
import type { Trace, TracePacket } from '../../src/explain/openflow/model.js';
import { traceLines, traceOutcome } from '../../src/explain/openflow/trace-words.js';
import { parseFlowText } from '../../src/captures/ovs/flow-line.js';
import { brief, caseInput, hasMessage } from '../topology/fixture-cases.js';

const greTwoVms = buildTopology(readSources([caseInput('gre-two-vms')]));

function tracer(t: Topology, host: string, bridge: string): FlowTracer {
  const b = t.bridges.find((x) => x.host === host && x.name === bridge);
  assert.ok(b, `${bridge} on ${host}`);
  return bridgeTracer(t, b);
}

function packet(spec: string): TracePacket {
  const { packet: p, problems } = parsePacketSpec(spec);
  assert.deepEqual(problems, []);
  return p;
}

/** The tables looked up, in order, with the line of the flow that matched. */
const lookups = (trace: Trace) => trace.steps.filter((s) => s.kind === 'lookup').map((s) => `${s.table}:${s.flow ? s.flow.evidence[0]!.line : 'miss'}`);
const exits = (trace: Trace) => trace.exits.map((e) => (e.kind === 'output' ? `${e.port.name ?? e.port.number} vlan=${e.vlan} key=${e.tunnelId}` : e.how));

test('should send a broadcast from patch-int with local VLAN 1 into the GRE tunnel, untagged, with key 0x2a (compute br-tun)', () => {
  const trace = tracer(greTwoVms, 'compute', 'br-tun').trace(packet('in_port=patch-int,dl_vlan=1,dl_dst=ff:ff:ff:ff:ff:ff'));
  assert.deepEqual(lookups(trace), ['0:3', '1:7', '21:17']);
  assert.deepEqual(exits(trace), ['gre-c6336415 vlan=null key=0x2a']);
  assert.equal(trace.certain, true);
});

test('should send a unicast to a learned MAC by the learned table-20 flow, and one to an unknown MAC to the flood table', () => {
  const t = tracer(greTwoVms, 'compute', 'br-tun');
  const learned = t.trace(packet('in_port=1,dl_vlan=1,dl_dst=fa:16:3e:5d:6e:7f'));
  assert.deepEqual(lookups(learned), ['0:3', '1:6', '20:13']);
  assert.deepEqual(exits(learned), ['gre-c6336415 vlan=null key=0x2a']);
  const unknown = t.trace(packet('in_port=1,dl_vlan=1,dl_dst=fa:16:3e:00:00:99'));
  assert.deepEqual(lookups(unknown), ['0:3', '1:6', '20:16', '21:17']);
});

test('should say which flows may match instead when the destination MAC is only known to be unicast', () => {
  const trace = tracer(greTwoVms, 'compute', 'br-tun').trace(packet('in_port=1,dl_vlan=1,dl_dst=00:00:00:00:00:00/01:00:00:00:00:00'));
  assert.equal(trace.certain, false);
  const table20 = trace.steps.find((s) => s.kind === 'lookup' && s.table === 20);
  assert.ok(table20 && table20.kind === 'lookup');
  assert.equal(table20.flow?.priority, 0, 'the flood fallback is the flow that surely matches');
  assert.equal(table20.unless.length, 4, 'the four learned flows of VLAN 1 may match instead');
  assert.ok(table20.unless.every((u) => u.fields.some((f) => f.startsWith('dl_dst='))));
  const words = traceLines(greTwoVms, trace).map((l) => brief(l.message)).join('\n');
  // flows of one priority that only the unknown field tells apart are said together, by their values
  assert.match(words, /unless=trace:unless\(flows=\[trace:unless-one-of\(count=4, priority=1, fields=\[dl_dst\], values=\[trace:field-values\(values=\[fa:16:3e:1a:2b:3c\]\), trace:field-values\(values=\[fa:16:3e:5d:6e:7f\]\), trace:field-values\(values=\[26:eb:ae:3c:5a:81\]\), trace:field-values\(values=\[fa:16:3e:6b:91:d4\]\)\]\)\]\)/);
  const table20Line = traceLines(greTwoVms, trace).find((l) => l.message.values?.table === 20)!;
  assert.equal(table20Line.evidence.length, 5, 'the flow taken and the four that may match instead are all evidence');
});

test('should bring a frame from the tunnel in with the far host\'s own local VLAN and learn its way back (network br-tun)', () => {
  const trace = tracer(greTwoVms, 'network', 'br-tun').trace(packet('in_port=2,tun_id=0x2a,dl_dst=ff:ff:ff:ff:ff:ff'));
  assert.deepEqual(lookups(trace), ['0:4', '2:8', '10:11']);
  assert.ok(trace.steps.some((s) => s.kind === 'learn' && s.table === 20));
  assert.deepEqual(exits(trace), ['patch-int vlan=2 key=0x2a']);
  const lines = traceLines(greTwoVms, trace);
  assert.equal(lines[0]!.evidence[0]!.file.endsWith('network/02-ovs-ofctl-dump-flows-br-tun.txt'), true);
  assert.equal(brief(traceOutcome(greTwoVms, trace)), 'trace:sends(bridge=br-tun, exits=[trace:exit-out-of(port=patch-int, carrying=trace:carrying(what=[trace:tagged(vlan=2), trace:tunnel-id(id=0x2a)]))])');
});

test('should drop a frame from the tunnel with a key no network uses (table 2 priority 0)', () => {
  const trace = tracer(greTwoVms, 'network', 'br-tun').trace(packet('in_port=2,tun_id=0x2b'));
  assert.deepEqual(lookups(trace), ['0:4', '2:9']);
  assert.deepEqual(trace.exits, []);
  assert.equal(brief(traceOutcome(greTwoVms, trace)), 'trace:drops(bridge=br-tun)');
});

// ---- small tables made of dump lines -------------------------------------------------

function flows(lines: string[], ports: { name: string; ofport: number }[] = []): FlowTracer {
  const parsed: Flow[] = lines.map((text, i) => {
    const f = parseFlowText(text, { line: i + 1 });
    assert.ok(typeof f !== 'string', f as string);
    const match = Object.fromEntries(f.match.map((m) => [m.name, m.mask ? `${m.value ?? ''}/${m.mask}` : (m.value ?? '')]));
    if (f.inPort) match.in_port = f.inPort.name ?? String(f.inPort.number ?? f.inPort.reserved);
    return {
      host: 'h', bridge: 'br', table: f.table, priority: f.priority, match, text: f.text,
      actions: f.actions.map((a) => ({ ...(a as unknown as Record<string, unknown>), type: a.type, text: a.text })),
      evidence: [{ file: 'dump', line: i + 1 }],
    };
  });
  return new FlowTracer('h', 'br', parsed, ports);
}

test('should take the highest priority that matches, and report a tie of equal priority', () => {
  const t = flows([
    'table=0, priority=10,ip actions=output:1',
    'table=0, priority=20,ip,nw_dst=10.0.1.0/28 actions=output:2',
    'table=0, priority=20,ip,nw_src=10.0.1.3 actions=output:3',
  ]);
  const inSubnet = t.trace(packet('in_port=9,ip,nw_dst=10.0.1.5,nw_src=192.0.2.1'));
  assert.deepEqual(exits(inSubnet), ['2 vlan=undefined key=undefined']);
  const outside = t.trace(packet('in_port=9,ip,nw_dst=10.0.2.5,nw_src=192.0.2.1'));
  assert.deepEqual(exits(outside), ['1 vlan=undefined key=undefined']);
  const tie = t.trace(packet('in_port=9,ip,nw_dst=10.0.1.5,nw_src=10.0.1.3'));
  const lookup = tie.steps[0]!;
  assert.ok(lookup.kind === 'lookup');
  assert.equal(lookup.unless.length, 1);
  assert.deepEqual(lookup.unless[0]!.fields, [], 'a tie names no unknown field');
  assert.equal(tie.certain, false);
});

test('should look a resubmit(PORT,TABLE) up as if from PORT, then put in_port back; output to the in_port is not sent', () => {
  const t = flows([
    'table=0, priority=1,in_port=1 actions=resubmit(2,5),output:1,output:3',
    'table=5, priority=1,in_port=2 actions=mod_vlan_vid:7',
    'table=5, priority=0 actions=drop',
  ]);
  const trace = t.trace(packet('in_port=1'));
  assert.deepEqual(lookups(trace), ['0:1', '5:2']);
  const outputs = trace.steps.filter((s) => s.kind === 'output');
  assert.equal(outputs[0]!.kind === 'output' && outputs[0]!.skipped, 'in_port');
  assert.deepEqual(exits(trace), ['3 vlan=7 key=undefined']);
});

test('should load and move bit ranges, and follow a goto_table and an output to a register', () => {
  const t = flows([
    'table=0, priority=1 actions=load:0x5->NXM_NX_REG0[0..3],load:0x1->NXM_NX_REG0[4],move:NXM_NX_REG0[0..15]->NXM_NX_REG1[0..15],goto_table:3',
    'table=3, priority=5,reg1=0x15 actions=output:NXM_NX_REG1[0..15]',
    'table=3, priority=1 actions=drop',
  ]);
  const trace = t.trace(packet('in_port=1'));
  assert.deepEqual(lookups(trace), ['0:1', '3:2']);
  assert.deepEqual(exits(trace), ['21 vlan=undefined key=undefined']);
  assert.equal(trace.certain, true);
});

test('should send a ct(table=N) copy on as tracked, with new/established unknown', () => {
  const t = flows([
    'table=0, priority=1,ct_state=-trk,ip actions=ct(zone=5,table=1)',
    'table=1, priority=3,ct_state=+trk+est,ip actions=output:2',
    'table=1, priority=2,ct_state=+trk,ip actions=output:3',
  ]);
  const trace = t.trace(packet('in_port=1,ip'));
  assert.deepEqual(lookups(trace), ['0:1', '1:3']);
  const table1 = trace.steps.filter((s) => s.kind === 'lookup')[1]!;
  assert.ok(table1.kind === 'lookup');
  assert.deepEqual(table1.unless.map((u) => u.fields), [['ct_state=+trk+est']]);
  assert.deepEqual(exits(trace), ['3 vlan=undefined key=undefined']);
});

test('should stop a resubmit loop at OVS\'s depth limit instead of running forever', () => {
  const trace = flows(['table=0, priority=1 actions=resubmit(,0)']).trace(packet('in_port=1'));
  assert.ok(trace.steps.some((s) => s.kind === 'limit'));
  assert.equal(trace.certain, false);
});

test('should read OpenFlow 1.3 set_field vlan_vid and vlan_vid matches with the present bit', () => {
  const t = flows([
    'table=0, priority=2,vlan_vid=0x1000/0x1000 actions=output:5',
    'table=0, priority=1 actions=set_field:4101->vlan_vid,resubmit(,0)',
  ]);
  const trace = t.trace(packet('in_port=1,vlan_tci=0'));
  assert.deepEqual(lookups(trace), ['0:2', '0:1']);
  assert.deepEqual(exits(trace), ['5 vlan=5 key=undefined']);
});

test('should mark an action it does not evaluate and keep going', () => {
  const trace = flows(['table=0, priority=1 actions=multipath(eth_src,50,modulo_n,1,0,NXM_NX_REG0[]),output:2']).trace(packet('in_port=1'));
  assert.equal(trace.certain, false);
  assert.ok(traceLines({ flows: [], bridges: [] } as unknown as Topology, trace).some((l) => hasMessage(l.message, 'trace:not-evaluated')));
  assert.deepEqual(exits(trace), ['2 vlan=undefined key=undefined']);
});

test('should refuse a packet description it cannot read, saying why', () => {
  assert.deepEqual(parsePacketSpec('dl_vlan=1').problems, ['the packet needs in_port=PORT']);
  assert.match(parsePacketSpec('in_port=1,bogus').problems[0]!, /not a protocol/);
  assert.match(parsePacketSpec('in_port=1,dl_dst=zz').problems[0]!, /not a field and value/);
});

test('should carry what a bridge changed through a patch port, and clear the pipeline registers there', () => {
  const b = greTwoVms.bridges.find((x) => x.host === 'network' && x.name === 'br-tun')!;
  const parts = traceAcrossPatches(greTwoVms, b, packet('in_port=2,tun_id=0x2a,dl_dst=ff:ff:ff:ff:ff:ff'));
  assert.equal(parts.length, 2);
  const [first, second] = parts as [{ trace: Trace }, { trace: Trace; from: unknown }];
  const out = first.trace.exits[0]!;
  assert.ok(out.kind === 'output');
  // the VLAN br-tun set (mod_vlan_vid:2) and the key stay; registers and metadata are not carried.
  // The priority bits stay unknown (/0x1fff): whether the frame came tagged was not given
  assert.deepEqual(out.packet, { eth_dst: 'ff:ff:ff:ff:ff:ff', tun_id: '0x2a', vlan_tci: '0x1002/0x1fff' });
  assert.deepEqual(second.trace.packet, { inPort: { name: 'patch-tun' }, fields: out.packet });
  assert.deepEqual(second.from, { bridge: 'br-tun', port: 'patch-int', peer: 'patch-tun' });
});
