// `netguide diff OLD NEW [--json] [--lang zh|en]`: what changed in the
// topology between two captures of a cloud. Each side is a capture bundle
// (folder or tarball), a sosreport, a guide (its inline captures), or a saved
// `netguide topology --json` (docs/topology.schema.json).

import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import type { Diagnostic } from '../diagnostics.js';
import { formatDiagnostic } from '../diagnostics.js';
import type { Topology } from '../topology/model.js';
import type { DiffCategory, TopologyChange, TopologyDiff } from '../topology/diff.js';
import { msg, type Message } from '../message.js';

interface DiffOptions { json?: boolean; lang?: string }

export function register(program: Command): void {
  program
    .command('diff')
    .description('what changed in the topology between two captures (ports, tags, veths, tunnels, NAT, flows, services, VMs, namespaces)')
    .argument('<old>', 'bundle folder or tarball, sosreport, guide (.rst), or topology JSON (netguide topology --json)')
    .argument('<new>', 'the same kinds')
    .option('--json', 'print the changes as JSON (each with its message and its text in zh and en)')
    .option('--lang <lang>', 'language of the text: zh or en', 'en')
    .addHelpText('after', `
Things are compared by what they are (a port by host, bridge and name; a flow
by host, bridge, table, priority and match; a NAT rule by its namespace, chain
and match), not by the capture lines that show them. A host, or a namespace of
one role on a host, alone unmatched on both sides counts as renamed.

Examples:
  netguide diff content/local/local.rst netguide-capture-node1/
  netguide diff before.json node1.tar.gz --json`)
    .action(async (old: string, now: string, options: DiffOptions) => {
      process.exitCode = await runDiff(old, now, options, (s) => process.stdout.write(s), (s) => process.stderr.write(s));
    });
}

export async function runDiff(old: string, now: string, options: DiffOptions, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  if (options.lang !== undefined && options.lang !== 'zh' && options.lang !== 'en') {
    err(`netguide diff: --lang must be zh or en, not ${options.lang}\n`);
    return 2;
  }
  const lang = options.lang === 'zh' ? 'zh' : 'en';
  const [{ diffTopology }] = await Promise.all([import('../topology/diff.js')]);
  const before = await loadTopology(old);
  const after = await loadTopology(now);
  for (const d of [...before.problems, ...after.problems]) err(formatDiagnostic(d) + '\n');
  if (!before.topology || !after.topology) return 1;
  const diff = diffTopology(before.topology, after.topology);
  out(options.json ? await diffJson(diff) : await diffText(diff, lang, old, now));
  return [...before.problems, ...after.problems].some((d) => d.severity === 'error' || d.severity === 'severe') ? 1 : 0;
}

/** A side of the diff: a saved topology JSON as it is, anything else read and joined (no explanations needed). */
export async function loadTopology(path: string): Promise<{ topology?: Topology; problems: Diagnostic[] }> {
  if (/\.json$/i.test(path)) {
    try {
      const t = JSON.parse(readFileSync(path, 'utf8')) as Topology;
      if (!t || typeof t !== 'object' || !Array.isArray(t.hosts)) {
        return { problems: [{ file: path, severity: 'error', message: 'not a topology (netguide topology --json): no "hosts" list', source: 'diff' }] };
      }
      return { topology: { ...t, sources: Array.isArray(t.sources) && t.sources.length ? t.sources : [path] }, problems: [] };
    } catch (error) {
      return { problems: [{ file: path, severity: 'error', message: `cannot read the topology JSON: ${(error as Error).message}`, source: 'diff' }] };
    }
  }
  const { joinedTopology } = await import('../pipeline.js');
  const { sources, topology } = joinedTopology([path]);
  const fatal = sources.problems.some((d) => d.severity === 'error' || d.severity === 'severe');
  return { ...(fatal ? {} : { topology }), problems: sources.problems };
}

/** The heading of each kind of thing, in a diff's text. */
const SECTION: Readonly<Record<DiffCategory, Message>> = { host: msg('diff:section-host'), namespace: msg('diff:section-namespace'), bridge: msg('diff:section-bridge'), port: msg('diff:section-port'), interface: msg('diff:section-interface'), address: msg('diff:section-address'), link: msg('diff:section-link'), nat: msg('diff:section-nat'), flow: msg('diff:section-flow'), service: msg('diff:section-service'), vm: msg('diff:section-vm'), route: msg('diff:section-route'), socket: msg('diff:section-socket') };

const MARK: Record<TopologyChange['kind'], string> = { added: '+', removed: '-', changed: '~', renamed: '>' };

/** The changes as text: a title, the summary, then one section per category. */
export async function diffText(diff: TopologyDiff, lang: 'zh' | 'en', old: string, now: string): Promise<string> {
  const { say } = await import('../i18n/messages.js');

  const lines = [say(msg('diff:title', { old, new: now }), lang), say(diff.summary, lang)];
  let section: DiffCategory | undefined;
  for (const c of diff.changes) {
    if (c.category !== section) {
      section = c.category;
      lines.push('', say(SECTION[section], lang));
    }
    const ref = (c.kind === 'removed' ? c.evidence.old : c.evidence.new)[0] ?? c.evidence.old[0];
    lines.push(`  ${MARK[c.kind]} ${say(c.message, lang)}${ref ? `  [${ref.file}:${ref.line}]` : ''}`);
  }
  return lines.join('\n') + '\n';
}

/** The changes as JSON: the diff with each message also said in both languages. */
export async function diffJson(diff: TopologyDiff): Promise<string> {
  const { bilingual } = await import('../i18n/messages.js');
  return JSON.stringify({ ...diff, summary: { ...diff.summary, text: bilingual(diff.summary) }, changes: diff.changes.map((c) => ({ ...c, text: bilingual(c.message) })) }, null, 2) + '\n';
}
