// Fixture folders for the topology stage: test/fixtures/topology/<case>/ holds
// an input (input.rst, or a bundle/ folder) and expected.json, the subset of
// the explained topology a person checks by eye: findings (kind, claim line and
// text) and explanation ids.

import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildTopology } from '../../src/topology/build.js';
import { readSources } from '../../src/topology/sources.js';
import { explainTopology } from '../../src/explain/index.js';
import type { EvidenceRef, Link, Topology, Walk, WalkStep } from '../../src/topology/model.js';
import type { Hop } from '../../src/explain/path-search.js';
import { isMessage, type Message, type MessageValue } from '../../src/message.js';
import { say } from '../../src/i18n/messages.js';

/** A message said in English / in Chinese (for the golden files and a few whole-sentence checks). */
export const en = (m: Message): string => say(m, 'en');
export const zh = (m: Message): string => say(m, 'zh');

/** Every message with id `id` in `m`: itself, or nested in its values (depth first, in order). */
export function messagesIn(m: MessageValue | undefined, id: string): Message[] {
  if (m === undefined || typeof m === 'string' || typeof m === 'number') return [];
  if (Array.isArray(m)) return (m as MessageValue[]).flatMap((v) => messagesIn(v, id));
  const message = m as Message;
  return [...(message.id === id ? [message] : []), ...Object.values(message.values ?? {}).flatMap((v) => messagesIn(v, id))];
}

/** Does `m` say message `id` (itself or nested)? */
export const hasMessage = (m: MessageValue | undefined, id: string): boolean => messagesIn(m, id).length > 0;

/**
 * The values of the (first) message `id` in `m`, plain: names and numbers as
 * they are, nested messages as `{ id, …values }`; fails when `m` does not say `id`.
 */
export function valuesOf(m: MessageValue | undefined, id: string): Record<string, unknown> {
  const [found] = messagesIn(m, id);
  assert.ok(found, `no ${id} in ${JSON.stringify(m)}`);
  return Object.fromEntries(Object.entries(found.values ?? {}).map(([k, v]) => [k, plain(v)]));
}

/** A message value as plain data: a nested message becomes `{ id, ...values }`, `''` (an absent clause) stays ''. */
export function plain(v: MessageValue): unknown {
  if (isMessage(v)) return { id: v.id, ...Object.fromEntries(Object.entries(v.values ?? {}).map(([k, x]) => [k, plain(x)])) };
  if (Array.isArray(v)) return (v as MessageValue[]).map(plain);
  return v;
}

/** The repository root (tests run from dist/test/…). */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const fixturesDir = join(repoRoot, 'test/fixtures/topology');

export function explained(paths: string[]): Topology {
  const sources = readSources(paths);
  return explainTopology(buildTopology(sources), sources.guides);
}

export function caseInput(name: string): string {
  const dir = join(fixturesDir, name);
  return existsSync(join(dir, 'input.rst')) ? join(dir, 'input.rst') : join(dir, 'bundle');
}

/** The explained topology of fixture `name`, read from the repository root so evidence files are repository paths. */
export function loadCase(name: string): Topology {
  const cwd = process.cwd();
  process.chdir(repoRoot);
  try {
    return explained([relative(repoRoot, caseInput(name))]);
  } finally {
    process.chdir(cwd);
  }
}

/** The text of the capture lines an evidence reference points at (`line`, through `endLine` for a block). */
export function lineOf(ref: EvidenceRef): string {
  return readFileSync(join(repoRoot, ref.file), 'utf8').split('\n').slice(ref.line - 1, ref.endLine ?? ref.line).join('\n');
}

/** Does some reference into a file ending in `file` point at a line holding `words`? */
export function says(refs: EvidenceRef[], file: string, words: string): boolean {
  return refs.some((e) => e.file.endsWith(file) && lineOf(e).includes(words));
}

export function caseNames(): string[] {
  return readdirSync(fixturesDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
}

export function expectedSubset(topology: Topology): unknown {
  return {
    findings: topology.findings.map((f) => ({ kind: f.kind, ...(f.claim ? { line: f.claim.line, claim: f.claim.text } : {}), message: plain(f.message) })),
    explanations: topology.explanations.map((e) => e.id),
    walks: topology.walks.map((w) => ({ id: w.id, steps: w.steps.length })),
  };
}

/**
 * A message's ids and values in one line, for assertions that read like the
 * data: `trace:lookup(table=0, priority=1, match=flow:matches(fields=[…]))`;
 * an absent clause ('') is left out.
 */
export function brief(v: MessageValue): string {
  if (isMessage(v)) {
    const values = Object.entries(v.values ?? {}).filter(([, x]) => x !== '').map(([k, x]) => `${k}=${brief(x)}`);
    return values.length ? `${v.id}(${values.join(', ')})` : v.id;
  }
  if (Array.isArray(v)) return `[${(v as MessageValue[]).map(brief).join(', ')}]`;
  return String(v);
}

/** A walk step's bridge trace (its `tables`) line by line, in brief: `trace:lookup(table=0, …); trace:forward(…)`. */
export function tablesBrief(step: { tables?: { message: Message }[] }): string {
  return (step.tables ?? []).map((t) => brief(t.message)).join('; ');
}

/** Fixture `name`'s bundle copied and changed (capture files dropped or edited) in a temporary folder, then explained, as if captured so. */
export function variant(name: string, change: (dir: string) => void): Topology {
  const dir = mkdtempSync(join(tmpdir(), `netguide-${name}-`));
  try {
    cpSync(caseInput(name), dir, { recursive: true });
    change(dir);
    return explained([dir]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Replaces `from` with `to` in a file (of a variant's copy). */
export const edit = (file: string, from: RegExp, to: string): void => writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));

export const physicalWires = (topology: Topology): Link[] => topology.links.filter((l) => l.kind === 'physical');
export const walkById = (topology: Topology, id: string): Walk | undefined => topology.walks.find((w) => w.id === id);
export const stepAt = (w: Walk, host: string, name: string): WalkStep => w.steps.find((s) => s.at.host === host && s.at.name === name)!;

/** What the frame carries at a hop, in words a test compares: `vlan 101 by wire`, `untagged by flow`, `key`, `none`. */
export const segmentAt = (hops: Hop[], host: string, name: string): string => {
  const s = hops.find((h) => h.node.host === host && h.node.name === name)?.segment;
  return s?.kind === 'vlan' ? `vlan ${s.vlan} by ${s.proof?.kind}` : s?.kind === 'untagged' ? `untagged by ${s.proof?.kind}` : s?.kind ?? 'none';
};
