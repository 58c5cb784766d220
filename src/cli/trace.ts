// `netguide trace PATH... --bridge BR --flow 'in_port=…,dl_vlan=…' [--host H]`:
// how the captured OpenFlow tables of one bridge move a packet, table by
// table, as `ovs-appctl ofproto/trace` would tell it on the machine itself.

import type { Command } from 'commander';
import { formatDiagnostic } from '../diagnostics.js';
import { msg } from '../message.js';
import { bilingual, forgetMissingMessages, say } from '../i18n/messages.js';
import { at } from './topology.js';

interface TraceOptions { bridge: string; flow: string; host?: string; table?: string; lang?: string; json?: boolean; strict?: boolean; patches?: boolean }

export function register(program: Command): void {
  program
    .command('trace')
    .description("a packet through one bridge's captured OpenFlow tables, like ovs-appctl ofproto/trace")
    .argument('<paths...>', 'guides and capture bundle folders')
    .requiredOption('--bridge <name>', 'the OVS bridge, e.g. br-tun')
    .requiredOption('--flow <fields>', 'the packet in match syntax: in_port=PORT[,dl_vlan=N][,dl_dst=MAC][,arp|ip|tcp|udp][,nw_dst=IP][,tp_dst=N][,tun_id=K] …; value/mask makes only the masked bits known')
    .option('--host <name>', 'the host of the bridge, when several hosts have one by that name')
    .option('--table <n>', 'the table to start in', '0')
    .option('--lang <lang>', 'zh or en', 'en')
    .option('--no-patches', 'stay in this bridge: do not follow patch ports into the peer bridge')
    .option('--json', 'print the trace as JSON')
    .option('--strict', 'exit non-zero when the trace depends on fields or actions the captures do not settle')
    .addHelpText('after', `
Fields not given are unknown, not zero: a flow whose match depends on one is
reported ("unless it matches …") instead of guessed. Registers, metadata and
conntrack fields start at zero, as in OVS.

Example:
  netguide trace ../shared/capture-lab/samples/gre --host compute --bridge br-tun \\
    --flow in_port=patch-int,dl_vlan=1,dl_dst=ff:ff:ff:ff:ff:ff`)
    .action(async (paths: string[], options: TraceOptions) => {
      process.exitCode = await runTrace(paths, options, (s) => process.stdout.write(s), (s) => process.stderr.write(s));
    });
}

export async function runTrace(paths: string[], options: TraceOptions, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const fail = (message: string) => {
    err(`netguide trace: ${message}\n`);
    return 2;
  };
  if (options.lang !== undefined && options.lang !== 'zh' && options.lang !== 'en') return fail(`--lang must be zh or en, not ${options.lang}`);
  const table = Number(options.table ?? '0');
  if (!Number.isInteger(table) || table < 0 || table > 254) return fail(`--table must be a table number 0–254, not ${options.table}`);
  const { bridgeTracer, parsePacketSpec, traceAcrossPatches } = await import('../explain/openflow/trace.js');
  const { packet, problems } = parsePacketSpec(options.flow);
  if (problems.length) return fail(`--flow ${JSON.stringify(options.flow)}: ${problems.join('; ')}`);

  // the joined topology is all a trace needs: no explanations, walks or claim checks
  const { joinedTopology, missingMessageDiagnostics } = await import('../pipeline.js');
  forgetMissingMessages();
  const { traceLines, traceOutcome } = await import('../explain/openflow/trace-words.js');
  const lang = options.lang === 'zh' ? 'zh' : 'en';
  const { sources, topology } = joinedTopology(paths);
  for (const d of sources.problems.filter((d) => d.severity === 'error' || d.severity === 'severe')) err(formatDiagnostic(d) + '\n');
  const candidates = topology.bridges.filter((b) => b.kind === 'ovs' && b.name === options.bridge && (options.host === undefined || b.host === options.host));
  if (candidates.length === 0) {
    const known = topology.bridges.filter((b) => b.kind === 'ovs').map((b) => `${b.name} (${b.host})`);
    err(`netguide trace: no OVS bridge ${options.bridge}${options.host ? ` on host ${options.host}` : ''} in the captures; they have: ${known.join(', ') || 'none'}\n`);
    return 1;
  }
  if (candidates.length > 1) return fail(`${options.bridge} is on several hosts (${candidates.map((b) => b.host).join(', ')}): choose one with --host`);
  const bridge = candidates[0]!;
  const { name: inName, number: inNumber } = packet.inPort;
  if (inName !== undefined && inName !== bridge.name && !bridge.ports.some((p) => p.name === inName)) {
    return fail(`in_port=${inName} is not a port of ${bridge.name} on ${bridge.host}; its ports: ${bridge.ports.map((p) => p.name).join(', ')}`);
  }
  if (inNumber !== undefined && bridge.ports.some((p) => p.ofport !== undefined) && !bridge.ports.some((p) => p.ofport === inNumber)) {
    err(`netguide trace: warning: no captured port of ${bridge.name} has OpenFlow number ${inNumber}\n`);
  }
  const tracer = bridgeTracer(topology, bridge);
  if (!tracer.hasFlows) {
    err(`netguide trace: the captures hold no flows of ${bridge.name} on ${bridge.host} (capture ovs-ofctl dump-flows ${bridge.name})\n`);
    return 1;
  }
  // as ofproto/trace does, a packet sent out of a patch port goes on in the peer bridge
  const parts = options.patches === false ? [{ trace: tracer.trace(packet, table) }] : traceAcrossPatches(topology, bridge, packet, table);
  const certain = parts.every((p) => 'trace' in p && p.trace.certain);
  if (options.json) {
    const bridges = parts.map((p) => ('trace' in p
      ? {
        bridge: p.trace.bridge, ...(p.from ? { from: p.from } : {}), certain: p.trace.certain,
        steps: traceLines(topology, p.trace).map((l) => ({ depth: l.depth, text: bilingual(l.message), message: l.message, evidence: l.evidence })),
        outcome: bilingual(traceOutcome(topology, p.trace)),
        outcome_message: traceOutcome(topology, p.trace),
      }
      : { bridge: p.missing, from: p.from, flows: 'not captured' }));
    out(JSON.stringify({ host: bridge.host, packet, certain, bridges }, null, 2) + '\n');
  } else {
    const title = `# ${say(msg('cli:trace-title', { host: bridge.host, bridge: bridge.name, flow: options.flow }), lang)}`;
    const body: string[] = [];
    for (const p of parts) {
      if (p.from) {
        body.push('', `## ${say(msg('cli:trace-through-patch', { port: p.from.port, peer: p.from.peer, bridge: 'trace' in p ? p.trace.bridge : p.missing }), lang)}`, '');
      }
      if (!('trace' in p)) {
        body.push(say(msg('cli:trace-flows-not-captured', { bridge: p.missing }), lang));
        continue;
      }
      body.push(...traceLines(topology, p.trace).map((l) => `${'  '.repeat(l.depth)}- ${say(l.message, lang)}${at(l.evidence)}`));
      body.push('', say(traceOutcome(topology, p.trace), lang));
    }
    out([title, '', ...body, ''].join('\n'));
  }
  for (const d of missingMessageDiagnostics()) err(formatDiagnostic(d) + '\n');
  return options.strict && !certain ? 1 : 0;
}
