// `netguide topology PATH... [--json] [--strict]`: the joined model of guides
// and capture bundles, as a readable summary or (--json) the whole model.

import type { Command } from 'commander';
import type { EvidenceRef, Topology } from '../topology/model.js';
import { formatDiagnostic } from '../diagnostics.js';
import { msg } from '../message.js';
import { forgetMissingMessages, say } from '../i18n/messages.js';

interface TopologyOptions { json?: boolean; strict?: boolean; lang?: string }

export function register(program: Command): void {
  program
    .command('topology')
    .description('the joined topology of guides (.rst) and capture bundles (folders)')
    .argument('<paths...>', 'guides and capture bundle folders')
    .option('--json', 'print the whole model as JSON (docs/topology.schema.json)')
    .option('--strict', 'exit non-zero when a capture line is not understood or a claim is contradicted')
    .option('--lang <lang>', 'language of the summary: zh or en', 'en')
    .action(async (paths: string[], options: TopologyOptions) => {
      process.exitCode = await runTopology(paths, options, (s) => process.stdout.write(s), (s) => process.stderr.write(s));
    });
}

// The pipeline is imported when the command runs, so `netguide --help` and the
// other commands do not pay for loading it.
export async function runTopology(paths: string[], options: TopologyOptions, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const [{ understand, withTexts, missingMessageDiagnostics }, { exitStatus }] = await Promise.all([import('../pipeline.js'), import('./exit-status.js')]);
  const lang = options.lang === 'zh' ? 'zh' : 'en';
  forgetMissingMessages();
  const run = understand(paths, lang);
  for (const d of run.diagnostics) err(formatDiagnostic(d) + '\n');
  // --json always prints the model (empty or not); the summary only when there is something to sum up
  if (options.json || run.sources.captures.length > 0) out(options.json ? JSON.stringify(withTexts(run.topology), null, 2) + '\n' : summary(run.topology, lang));
  for (const d of missingMessageDiagnostics()) err(formatDiagnostic(d) + '\n');
  return exitStatus(run, Boolean(options.strict));
}

export const at = (refs: EvidenceRef[]): string => (refs.length ? ` [${refs.map((r) => `${r.file}:${r.line}`).join(', ')}]` : '');

export function summary(t: Topology, lang: 'zh' | 'en'): string {
  const lines: string[] = [];
  const ns = (x: { netns?: string }) => (x.netns ? ` (${x.netns})` : '');
  const hosts = t.hosts.map((h) => h.name + (h.role && h.role !== h.name ? ` (${h.role})` : ''));
  lines.push(say(msg('cli:summary-hosts', { hosts: hosts.length ? hosts : [msg('common:none')] }), lang));
  lines.push('', say(msg('cli:summary-namespaces'), lang));
  for (const n of t.namespaces) lines.push(`  ${n.host}: ${n.name}${n.role ? ` [${n.role}]` : ''}`);
  lines.push('', say(msg('cli:summary-bridges'), lang));
  for (const b of t.bridges) {
    lines.push(`  ${b.host}: ${b.name} (${b.kind})${ns(b)}`);
    for (const p of b.ports) {
      const opts = p.options ? ' ' + Object.entries(p.options).map(([k, v]) => `${k}=${v}`).join(' ') : '';
      lines.push(`    - ${p.name}${p.tag !== undefined ? ` tag=${p.tag}` : ''}${p.type ? ` type=${p.type}` : ''}${opts}`);
    }
  }
  lines.push('', say(msg('cli:summary-links'), lang));
  for (const l of t.links) {
    const end = (e: { host: string; name: string; netns?: string }) => `${t.hosts.length > 1 ? e.host + ':' : ''}${e.name}${ns(e)}`;
    const tunnel = l.kind === 'tunnel' ? ` ${l.tunnel_type ?? ''} ${l.local_ip ?? '?'} → ${l.remote_ip ?? '?'} key=${l.key ?? '?'}` : '';
    lines.push(`  ${l.kind}: ${end(l.a)} ↔ ${end(l.b)} — ${l.certainty}${l.reason ? ` (${say(l.reason, lang)})` : ''}${tunnel}${at(l.evidence)}`);
  }
  lines.push('', say(msg('cli:summary-nat'), lang));
  for (const n of t.nat) lines.push(`  ${n.host}${ns(n)} ${n.kind} ${n.chain}: ${n.source ?? '*'} → ${n.destination ?? '*'}${n.port ? `:${n.port}` : ''} to ${n.to}${at(n.evidence)}`);
  lines.push('', say(msg('cli:summary-services'), lang));
  for (const s of t.services) lines.push(`  ${s.host}${ns(s)} ${s.kind}: ${s.process ?? '?'} pid=${s.pid ?? '?'}${s.interface ? ` interface=${s.interface}` : ''}${s.port ? ` port=${s.port}` : ''}${s.ranges ? ` ranges=${s.ranges.join(';')}` : ''}${s.router_id ? ` router=${s.router_id}` : ''}${s.network_id ? ` network=${s.network_id}` : ''}${at(s.evidence)}`);
  lines.push('', say(msg('cli:summary-vms'), lang));
  for (const v of t.vms) lines.push(`  ${v.host}: ${v.name}${v.state ? ` (${v.state})` : ''} → ${v.interfaces.map((i) => i.tap).join(', ')}`);
  const c = t.coverage;
  lines.push('', say(msg('cli:summary-coverage', { count: c.lines, fact: c.fact, header: c.header, blank: c.blank, noise: c.noise, unparsed: c.unparsed }), lang));
  lines.push('', say(msg('cli:summary-findings'), lang));
  for (const f of t.findings) lines.push(`  ${f.kind}${f.claim ? ` ${f.claim.file}:${f.claim.line} «${f.claim.text}»` : ''}: ${say(f.message, lang)}${at(f.evidence)}`);
  if (!t.findings.length) lines.push('  —');
  return lines.join('\n') + '\n';
}
