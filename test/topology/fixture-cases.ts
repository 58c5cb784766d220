// Fixture folders for the topology stage: test/fixtures/topology/<case>/ holds
// an input (input.rst, or a bundle/ folder) and expected.json, the subset of
// the explained topology a person checks by eye: findings (kind, claim line and
// text) and explanation ids.

import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildTopology } from '../../src/topology/build.js';
import { readSources } from '../../src/topology/sources.js';
import { explainTopology } from '../../src/explain/index.js';
import type { EvidenceRef, Link, Topology, Walk, WalkStep } from '../../src/topology/model.js';
import type { Hop } from '../../src/explain/path-search.js';
import type { Message } from '../../src/message.js';
import { say } from '../../src/i18n/messages.js';

/** A message said in English / in Chinese. */
export const en = (m: Message): string => say(m, 'en');
export const zh = (m: Message): string => say(m, 'zh');

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
    findings: topology.findings.map((f) => ({ kind: f.kind, ...(f.claim ? { line: f.claim.line, claim: f.claim.text } : {}), en: en(f.message) })),
    explanations: topology.explanations.map((e) => e.id),
    walks: topology.walks.map((w) => ({ id: w.id, steps: w.steps.length })),
  };
}

/** A walk step's bridge trace (its `tables`) as one line of text: `table 0: …; table 1: …; send out of gre-1.` */
export function tablesText(step: { tables?: { message: Message }[] }, lang: 'zh' | 'en' = 'en'): string {
  const lines = (step.tables ?? []).map((t) => say(t.message, lang));
  return lines.length ? lines.join(lang === 'zh' ? '；' : '; ') + (lang === 'zh' ? '。' : '.') : '';
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
