// What changed in a page's topology since the captures were last replaced:
// the build keeps each guide's (and report's) topology beside the site
// (`<out>/.netguide/<name>.topology.json`) and diffs the new one against it
// with the topology stage's diff (src/topology/diff.ts). The changes found
// the last time the topology changed are kept with it, so a rebuild of the
// same captures shows them again (two builds of one input are byte-identical);
// the first build shows nothing.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { say } from '../i18n/messages.js';
import type { Message } from '../message.js';
import { diffTopology, type TopologyChange } from '../topology/diff.js';
import type { Topology } from '../topology/model.js';
import { LANGUAGES, type Language } from './languages.js';

export interface ChangesView {
  /** How many of what changed, in the page's language. */
  summary: string;
  changes: { kind: TopologyChange['kind']; category: string; text: string; where?: string }[];
}

interface Kept {
  version: 1;
  topology: Topology;
  /** The changes that made this topology, shown until the next change. */
  summary?: Message;
  changes: Pick<TopologyChange, 'kind' | 'category' | 'message' | 'evidence'>[];
}

/** The file the topology of `name` is kept in. */
export const keptTopologyFile = (outDir: string, name: string): string => join(outDir, '.netguide', `${name.replace(/[^A-Za-z0-9._-]+/g, '-')}.topology.json`);

/**
 * The changes to show for `name` (undefined: none, the first build or never
 * changed), after keeping `topology` as the one the next build compares with.
 * `folder`: evidence is shown relative to it.
 */
export function topologyChanges(outDir: string, name: string, topology: Topology, folder: string): Record<Language, ChangesView> | undefined {
  const file = keptTopologyFile(outDir, name);
  // what the build keeps is the model without its explanations (the diff compares facts)
  const current: Topology = JSON.parse(JSON.stringify({ ...topology, explanations: [], walks: [], findings: [] }));
  let kept: Kept | undefined;
  try {
    if (existsSync(file)) kept = JSON.parse(readFileSync(file, 'utf8')) as Kept;
  } catch {
    kept = undefined; // unreadable: as on a first build
  }
  let shown: Kept;
  if (!kept || kept.version !== 1 || !Array.isArray(kept.topology?.hosts)) {
    shown = { version: 1, topology: current, changes: [] };
  } else {
    const diff = diffTopology(kept.topology, current);
    shown = diff.changes.length === 0
      ? { ...kept, topology: current }
      : { version: 1, topology: current, summary: diff.summary, changes: diff.changes.map((c) => ({ kind: c.kind, category: c.category, message: c.message, evidence: c.evidence })) };
  }
  const text = JSON.stringify(shown, null, 1) + '\n';
  if (!existsSync(file) || readFileSync(file, 'utf8') !== text) {
    mkdirSync(join(outDir, '.netguide'), { recursive: true });
    writeFileSync(file, text);
  }
  if (shown.changes.length === 0 || !shown.summary) return undefined;
  const summary = shown.summary;
  const where = (c: Kept['changes'][number]) => {
    const e = (c.kind === 'removed' ? c.evidence.old : c.evidence.new)[0] ?? c.evidence.old[0];
    if (!e) return undefined;
    const inside = relative(folder, e.file);
    return `${inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : e.file}:${e.line}`;
  };
  return Object.fromEntries(LANGUAGES.map((lang) => [lang, {
    summary: say(summary, lang),
    changes: shown.changes.map((c) => {
      const at = where(c);
      return { kind: c.kind, category: c.category, text: say(c.message, lang), ...(at ? { where: at } : {}) };
    }),
  }])) as Record<Language, ChangesView>;
}
