// Findings on the author's claims. Every sentence of the prose that states
// something about the network — every bullet, and every other sentence that
// names an interface, bridge, namespace, address, VLAN, tunnel key, port or
// process — gets exactly one verdict per claim in it: confirmed,
// contradicted, unprovable, or not understood (with the names it mentions).
// Claims are read by relation (claims/understand.ts) in the sentence's
// language (claims/lexicon/); names the captures do not show are also
// `unknown-name` findings.

import type { EvidenceRef, Finding, Topology } from '../topology/model.js';
import type { GuideText } from '../topology/sources.js';
import { proseSentences, type ProseSentence } from './claim-text.js';
import { namesInTopology } from './claim-names.js';
import { msg } from '../message.js';
import { LEXICONS, languageOf } from './claims/lexicon/index.js';
import { mentionsOf, thingsByName, writtenNames, isPlaceholder, type Mention, type Thing } from './claims/mentions.js';
import { readClause, type Claim, type Clause, type Reading } from './claims/understand.js';
import type { Verdict } from './claims/verdict.js';

export { isPlaceholder };

export interface CheckedClaim { family: string; verdict: Verdict }

/** Where the guide's own captures are, by line, and the host each belongs to. */
function hostLines(topology: Topology, file: string): [number, string][] {
  const out: [number, string][] = [];
  const add = (host: string, refs: EvidenceRef[]) => {
    for (const r of refs) if (r.file === file) out.push([r.line, host]);
  };
  for (const x of [...topology.interfaces, ...topology.bridges, ...topology.routes, ...topology.flows, ...topology.namespaces, ...topology.services, ...topology.sockets, ...topology.vms]) add(x.host, x.evidence);
  return out.sort((a, b) => a[0] - b[0]);
}

function hostBefore(lines: [number, string][], line: number): string | undefined {
  let host: string | undefined;
  for (const [l, h] of lines) {
    if (l >= line) break;
    host = h;
  }
  return host;
}

const blank = (text: string, mentions: Mention[]): string => {
  let out = text.toLowerCase();
  for (const m of mentions) if (m.kind === 'name' || m.kind === 'unknown' || m.kind === 'ip' || m.kind === 'mac') out = out.slice(0, m.index) + '§'.repeat(m.text.length) + out.slice(m.index + m.text.length);
  return out;
};

const SIGNIFICANT = new Set<Mention['kind']>(['name', 'unknown', 'ip', 'mac', 'vlan', 'key', 'l4port', 'table', 'process']);

/** The claims of one sentence and their verdicts (a sentence with no claim and no names gives none). */
export function checkSentence(topology: Topology, sentence: ProseSentence, options: { host?: string; since?: number; byName?: Map<string, Thing[]> } = {}): CheckedClaim[] {
  const lang = languageOf(sentence.text);
  const lex = LEXICONS[lang];
  const byName = options.byName ?? thingsByName(topology);
  const mentions = mentionsOf(sentence.text, topology, byName, lex);
  const significant = mentions.filter((m) => SIGNIFICANT.has(m.kind));
  if (!sentence.listItem && (!significant.length || /[:：]$/.test(sentence.text))) return [];
  const whole: Clause = { text: sentence.text, bare: blank(sentence.text, mentions), mentions };
  const reading: Reading = {
    topology, lex, carried: [],
    context: { topology, file: sentence.file, line: sentence.line, since: options.since ?? 0 },
    ...(options.host ? { host: options.host } : {}),
  };
  const out: CheckedClaim[] = [];
  const judge = (claims: Claim[]) => claims.forEach((c) => out.push({ family: c.family, verdict: c.judge() }));
  const covers = (claims: Claim[], c: Clause) => c.mentions.filter((m) => m.kind === 'name' || m.kind === 'ip').every((m) => claims.some((x) => x.used.includes(m)));
  const wholeClaims = readClause(reading, whole, whole);
  const parts = splitClauses(sentence.text, lex.clauseBreaks);
  if (wholeClaims.length && (covers(wholeClaims, whole) || parts.length === 1)) {
    judge(wholeClaims);
    return out;
  }
  let offset = 0;
  for (const part of parts) {
    const start = sentence.text.indexOf(part, offset);
    offset = start + part.length;
    const ms = mentions.filter((m) => m.index >= start && m.index < start + part.length).map((m) => ({ ...m, index: m.index - start }) as Mention);
    const clause: Clause = { text: part, bare: blank(part, ms), mentions: ms };
    const claims = readClause(reading, clause, whole);
    if (claims.length) judge(claims);
    else if (ms.some((m) => SIGNIFICANT.has(m.kind) && m.kind !== 'table') || (sentence.listItem && parts.length === 1)) {
      out.push({ family: 'none', verdict: notUnderstood(ms) });
    }
    const named = ms.filter((m) => m.kind === 'name');
    if (named.length) reading.carried = named;
    const ips = ms.filter((m): m is Extract<Mention, { kind: 'ip' }> => m.kind === 'ip');
    if (ips.length) reading.carriedIps = ips;
  }
  if (!out.length && (sentence.listItem || significant.length)) out.push({ family: 'none', verdict: notUnderstood(mentions) });
  return out;
}

function notUnderstood(mentions: Mention[]): Verdict {
  const names = writtenNames(mentions);
  return { kind: 'not-understood', message: names.length ? msg('claim:not-understood', { names }) : msg('claim:not-understood-no-names'), evidence: [] };
}

function splitClauses(text: string, breaks: RegExp): string[] {
  const parts: string[] = [];
  let rest = text;
  const re = new RegExp(breaks.source, breaks.flags.replace('g', ''));
  for (;;) {
    const m = re.exec(rest);
    if (!m || m[0].length === 0) break;
    parts.push(rest.slice(0, m.index));
    rest = rest.slice(m.index + m[0].length);
  }
  parts.push(rest);
  return parts.map((p) => p.trim()).filter(Boolean);
}

export function checkClaims(topology: Topology, guides: GuideText[]): Finding[] {
  const findings: Finding[] = [];
  const known = namesInTopology(topology);
  const byName = thingsByName(topology);
  for (const guide of guides) {
    const lines = hostLines(topology, guide.file);
    let previousClaimLine = 0;
    for (const sentence of proseSentences(guide)) {
      const named = sentence.host && topology.hosts.some((h) => h.name === sentence.host) ? sentence.host : undefined;
      const host = named ?? hostBefore(lines, sentence.line);
      const checked = checkSentence(topology, sentence, { byName, since: previousClaimLine, ...(host ? { host } : {}) });
      for (const { verdict } of checked) {
        findings.push({ kind: verdict.kind, claim: { text: sentence.text, file: sentence.file, line: sentence.line }, message: verdict.message, evidence: verdict.evidence });
      }
      if (checked.some((c) => c.verdict.kind !== 'not-understood')) previousClaimLine = sentence.line;
      findings.push(...unknownNames(sentence, known));
    }
  }
  return findings;
}

// Neutron/OVS interface-like names; `qr-XXX` style placeholders are not names.
const NAME_RE = /(?<![\w-])(?:qvo|qvb|qbr|tap|qr-|qg-|br-|patch-|gre-|vxlan-|qdhcp-|qrouter-)[\w-]*/g;

function unknownNames(sentence: ProseSentence, known: Set<string>): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const m of sentence.text.matchAll(NAME_RE)) {
    const name = m[0].replace(/[-.]+$/, '');
    if (seen.has(name) || isPlaceholder(name) || known.has(name)) continue;
    seen.add(name);
    out.push({
      kind: 'unknown-name',
      claim: { text: sentence.text, file: sentence.file, line: sentence.line },
      message: msg('claim:unknown-name', { name }),
      evidence: [{ file: sentence.file, line: sentence.line }],
    });
  }
  return out;
}
