// The data of the topology pages: for every guide in the content folder
// (content/<guide>/<guide>.rst) and every language, its diagram, explanations,
// packet walks, findings, coverage and every capture line with its role.
// Eleventy's global data file content/_data/guides.js calls this.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import type { LineRole } from '../captures/types.js';
import { lineAnchor } from '../render/anchors.js';
import { evidenceText } from '../render/diagram/index.js';
import type { Bilingual, EvidenceRef, Topology } from '../topology/model.js';
import type { Sources } from '../topology/sources.js';
import { guideDiagram, guideTopology } from './guide-topology.js';

export const languages = ['zh', 'en'] as const;
export type Language = (typeof languages)[number];

export interface CaptureLine {
  /** The row's id: evidence elsewhere on the page links to it (`#line-<file>-<line>`). */
  anchor: string;
  line: number;
  text: string;
  role: LineRole;
  reason?: string;
}

export interface CaptureView {
  host: string;
  command: string;
  /** The capture's file, relative to the guide's folder when inside it. */
  file: string;
  firstLine: number;
  lines: CaptureLine[];
}

export interface WalkStepView {
  at: string;
  text: string;
  where: EvidenceLink[];
  /** The bridge's flows table by table (a nested list on the page); empty for other steps. */
  tables: { depth: number; text: string; where: EvidenceLink[] }[];
}

export interface TopologyPage {
  name: string;
  lang: Language;
  source: string;
  diagram: string;
  explanations: { id: string; text: string; where: EvidenceLink[] }[];
  walks: { id: string; title: string; steps: WalkStepView[] }[];
  /** A claim's `where` is a line of the guide's prose (no capture row to link to). */
  findings: { kind: string; message: string; claim?: { text: string; where: string }; where: EvidenceLink[] }[];
  coverage: Topology['coverage'];
  captures: CaptureView[];
}

/** content/<name>/<name>.rst for every folder that has one, sorted by name. */
export function findGuides(contentRoot: string): { name: string; file: string }[] {
  if (!existsSync(contentRoot)) return [];
  return readdirSync(contentRoot, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_'))
    .map((d) => ({ name: d.name, file: join(contentRoot, d.name, `${d.name}.rst`) }))
    .filter((g) => existsSync(g.file))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** `file:line` (or `file:line-end`) and the capture row it points to, once each. */
export interface EvidenceLink {
  label: string;
  anchor: string;
}

/** The id of the row showing line `line` of `file` in the Captures section (the guide page's line in its block has the same). */
export { lineAnchor };

/**
 * Evidence as links, labelled relative to the guide's folder (`local.rst:260`,
 * `captures/compute/02-….txt:3`): the page belongs to that guide.
 */
const whereIn = (folder: string) => (evidence: EvidenceRef[]): EvidenceLink[] => {
  const seen = new Map<string, EvidenceLink>();
  for (const e of evidence) {
    const label = evidenceText([{ ...e, file: shownPath(folder, e.file) }]);
    if (!seen.has(label)) seen.set(label, { label, anchor: lineAnchor(e.file, e.line) });
  }
  return [...seen.values()];
};

/** `file` relative to `folder` when it lies inside it, else as it is. */
const shownPath = (folder: string, file: string) => {
  const inside = relative(folder, file);
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : file;
};

/** `compute / qrouter-… / qg-…`, a namespace named as the step's place once. */
const placeOf = (at: { host: string; netns?: string; name: string }) =>
  [at.host, at.netns, at.name].filter((x, i, all): x is string => !!x && x !== all[i - 1]).join(' / ');

/** The page numbers the steps (<ol>); a step text that numbers itself (`3. It enters …`) loses its number. */
const stepText = (text: string) => text.replace(/^\s*\d+[.、]\s*/, '');

/** The packet walks as a page shows them in `lang`: numbered by the page, each bridge's trace as a nested list. */
export function walkViews(topology: Topology, lang: Language, folder = '.'): TopologyPage['walks'] {
  const say = (b: Bilingual) => b[lang] || b.zh || b.en;
  const where = whereIn(folder);
  return topology.walks.map((w) => ({
    id: w.id,
    title: say(w.title),
    steps: w.steps.map((s): WalkStepView => {
      // a flow line the nested trace cites is not listed again after the step
      const inTables = new Set((s.tables ?? []).flatMap((t) => t.evidence.map((e) => `${e.file}:${e.line}`)));
      return {
        at: placeOf(s.at),
        text: stepText(say(s.text)),
        where: where(s.evidence.filter((e) => !inTables.has(`${e.file}:${e.line}`))),
        tables: (s.tables ?? []).map((t) => ({ depth: t.depth, text: say(t.text), where: where(t.evidence) })),
      };
    }),
  }));
}

/** A reader of files as lines (CR normalised), each file read once. */
export function fileLines(): (file: string) => string[] {
  const files = new Map<string, string[]>();
  return (file) => {
    let lines = files.get(file);
    if (!lines) files.set(file, (lines = readFileSync(file, 'utf8').replace(/\r\n?/g, '\n').split('\n')));
    return lines;
  };
}

/** Every output line of every capture, as the file shows it (minus the block's indentation). */
export function captureViews(sources: Sources, read: (file: string) => string[], folder = '.'): CaptureView[] {
  return sources.captures.map((c) => {
    const fileLines = read(c.file);
    const roles = c.result.lineRoles;
    const reasons = new Map(c.result.unparsed.map((u) => [u.line, u.reason]));
    const raw = roles.map((_, i) => fileLines[c.lineOffset + i] ?? '');
    const indents = raw.filter((t) => t.trim() !== '').map((t) => /^[ \t]*/.exec(t)![0].length);
    const indent = indents.length > 0 ? Math.min(...indents) : 0;
    const lines = roles.map((role, i): CaptureLine => {
      const reason = reasons.get(i + 1);
      const line = c.lineOffset + i + 1;
      return { anchor: lineAnchor(c.file, line), line, text: raw[i]!.slice(indent), role, ...(reason ? { reason } : {}) };
    });
    return { host: c.host, command: c.command, file: shownPath(folder, c.file), firstLine: c.lineOffset + 1, lines };
  });
}

export interface GuidePagesOptions {
  contentRoot: string;
  /** Paths in evidence are shown relative to this folder. */
  cwd?: string;
  report?: (line: string) => void;
}

export async function guidePages(options: GuidePagesOptions): Promise<TopologyPage[]> {
  const report = options.report ?? ((line: string) => process.stderr.write(line + '\n'));
  const pages: TopologyPage[] = [];
  for (const guide of findGuides(options.contentRoot)) {
    const source = relative(options.cwd ?? process.cwd(), guide.file);
    const { sources, topology } = await guideTopology(source, report);
    const read = fileLines();
    const folder = dirname(source);
    const where = whereIn(folder);
    const captures = captureViews(sources, read, folder);
    for (const lang of languages) {
      const say = (b: Bilingual) => b[lang] || b.zh || b.en;
      pages.push({
        name: guide.name,
        lang,
        source,
        diagram: await guideDiagram(guide.name, source, lang, report),
        explanations: topology.explanations.map((e) => ({ id: e.id, text: say(e.text), where: where(e.evidence) })),
        walks: walkViews(topology, lang, folder),
        findings: topology.findings.map((f) => ({
          kind: f.kind, message: say(f.message), where: where(f.evidence),
          ...(f.claim ? { claim: { text: f.claim.text, where: `${f.claim.file}:${f.claim.line}` } } : {}),
        })),
        coverage: topology.coverage,
        captures,
      });
    }
  }
  return pages;
}
