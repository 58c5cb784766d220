// What a guide's topology page shows, in one language: its diagram, the
// explanations, packet walks and findings with their evidence as links, the
// coverage, and every line of every capture with the role it played. The
// template (_includes/pages/topology.njk) lays it out.

import { readFileSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import type { LineRole } from '../captures/types.js';
import { translate } from '../i18n/catalog.js';
import { drawTopology } from '../pipeline.js';
import { evidenceText } from '../render/diagram/index.js';
import type { EvidenceRef, Topology } from '../topology/model.js';
import type { Sources } from '../topology/sources.js';
import type { Language } from './languages.js';
import { explanationText, findingText, stepText, traceText, walkTitle } from './said.js';

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

/** `file:line` (or `file:line-end`) and the capture row it points to, once each. */
export interface EvidenceLink {
  label: string;
  anchor: string;
}

export interface WalkStepView {
  at: string;
  text: string;
  where: EvidenceLink[];
  /** The bridge's flows table by table (a nested list on the page); empty for other steps. */
  tables: { depth: number; text: string; where: EvidenceLink[] }[];
}

export interface TopologyView {
  /** The guide's file as the content folder names it. */
  source: string;
  /** The language the guide is written in (the author's claims are quoted in it). */
  sourceLang: Language;
  diagram: string;
  explanations: { id: string; text: string; where: EvidenceLink[] }[];
  walks: { id: string; title: string; steps: WalkStepView[] }[];
  /** A claim's `where` is a line of the guide's prose (no capture row to link to). */
  findings: { kind: string; message: string; claim?: { text: string; where: string }; where: EvidenceLink[] }[];
  coverage: Topology['coverage'];
  captures: CaptureView[];
}

/** The id of the row showing line `line` of `file` in the Captures section. */
export const lineAnchor = (file: string, line: number): string => `line-${file.replace(/[^A-Za-z0-9_.-]+/g, '-')}-${line}`;

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
const withoutNumber = (text: string) => text.replace(/^\s*\d+[.、]\s*/, '');

/** The packet walks as a page shows them in `lang`: numbered by the page, each bridge's trace as a nested list. */
export function walkViews(topology: Topology, lang: Language, folder = '.'): TopologyView['walks'] {
  const where = whereIn(folder);
  return topology.walks.map((w) => ({
    id: w.id,
    title: walkTitle(w, lang),
    steps: w.steps.map((s): WalkStepView => {
      // a flow line the nested trace cites is not listed again after the step
      const inTables = new Set((s.tables ?? []).flatMap((t) => t.evidence.map((e) => `${e.file}:${e.line}`)));
      return {
        at: placeOf(s.at),
        text: withoutNumber(stepText(s, lang)),
        where: where(s.evidence.filter((e) => !inTables.has(`${e.file}:${e.line}`))),
        tables: (s.tables ?? []).map((t) => ({ depth: t.depth, text: traceText(t, lang), where: where(t.evidence) })),
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

/**
 * Every output line of every capture, as the file shows it: a literal block of
 * an rst text loses the block's indentation; a capture file (a `:literal:`
 * include, a bundle's file) keeps every line as it is, its leading spaces too.
 */
export function captureViews(sources: Sources, read: (file: string) => string[], folder = '.'): CaptureView[] {
  const guides = new Set(sources.guides.map((g) => g.file));
  return sources.captures.map((c) => {
    const fileLines = read(c.file);
    const roles = c.result.lineRoles;
    const reasons = new Map(c.result.unparsed.map((u) => [u.line, u.reason]));
    const raw = roles.map((_, i) => fileLines[c.lineOffset + i] ?? '');
    const inBlock = c.shownAt === undefined && (guides.has(c.file) || /\.(rst|rest)$/i.test(c.file));
    const indents = inBlock ? raw.filter((t) => t.trim() !== '').map((t) => /^[ \t]*/.exec(t)![0].length) : [];
    const indent = indents.length > 0 ? Math.min(...indents) : 0;
    const lines = roles.map((role, i): CaptureLine => {
      const reason = reasons.get(i + 1);
      const line = c.lineOffset + i + 1;
      return { anchor: lineAnchor(c.file, line), line, text: raw[i]!.slice(indent), role, ...(reason ? { reason } : {}) };
    });
    return { host: c.host, command: c.command, file: shownPath(folder, c.file), firstLine: c.lineOffset + 1, lines };
  });
}

/** The words the diagram is labelled with, in `lang`. */
const DIAGRAM_WORDS = ['host', 'namespace', 'bridge', 'port', 'interface', 'vm', 'veth', 'patch', 'tunnel', 'physical', 'member', 'likely'];

/** The guide's topology diagram (SVG) with its labels in `lang`. */
export function diagramOf(topology: Topology, name: string, lang: Language): Promise<string> {
  const words = Object.fromEntries(DIAGRAM_WORDS.map((k) => [k, translate(`diagram:${k}`, lang)]));
  return drawTopology(topology, { title: `${translate('Topology', lang)}: ${name}`, words });
}

/** The topology page of a guide in `lang`; `captures` are the same in every language (made once by the caller). */
export function topologyView(
  guide: { file: string; folder: string },
  topology: Topology,
  captures: CaptureView[],
  diagram: string,
  lang: Language,
  sourceLang: Language,
): TopologyView {
  const where = whereIn(guide.folder);
  return {
    source: guide.file,
    sourceLang,
    diagram,
    explanations: topology.explanations.map((e) => ({ id: e.id, text: explanationText(e, lang), where: where(e.evidence) })),
    walks: walkViews(topology, lang, guide.folder),
    findings: topology.findings.map((f) => ({
      kind: f.kind, message: findingText(f, lang), where: where(f.evidence),
      ...(f.claim ? { claim: { text: f.claim.text, where: `${shownPath(guide.folder, f.claim.file)}:${f.claim.line}` } } : {}),
    })),
    coverage: topology.coverage,
    captures,
  };
}
