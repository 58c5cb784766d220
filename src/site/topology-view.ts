// What a guide's topology page shows, in one language: the diagram panel (the
// drawings, the device list and the packet walks, src/render/diagram/panel.ts;
// the guide page shows the same one), the explanations and findings with their
// evidence as links, the coverage, and every line of every capture with the
// role it played. The template (_includes/pages/topology.njk) lays it out.
//
// A capture line's id is made from its file relative to the guide's folder
// (`line-local.rst-66`, `line-captures-compute-02-ip-link.txt-3`): the guide
// page's line in its block, the topology page's row and the diagram's
// `data-lines` all use `anchorIn(folder)`, so they agree wherever the content
// folder lies.

import { readFileSync } from 'node:fs';
import type { Element } from 'hast';
import type { LineRole } from '../captures/types.js';
import { translate } from '../i18n/catalog.js';
import { topologyPanel } from '../pipeline.js';
import { lineAnchor } from '../render/anchors.js';
import { evidenceText } from '../render/diagram/index.js';
import { shownPath } from '../render/evidence.js';
import type { EvidenceRef, Topology } from '../topology/model.js';
import type { Sources } from '../topology/sources.js';
import type { Language } from './languages.js';
import { explanationText, findingText } from './said.js';

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

export interface TopologyView {
  /** The guide's file as the content folder names it. */
  source: string;
  /** The language the guide is written in (the author's claims are quoted in it). */
  sourceLang: Language;
  /** The diagram panel as HTML: drawings, device list, packet walks (none when the guide has no captures). */
  panel: string;
  explanations: { id: string; text: string; where: EvidenceLink[] }[];
  /** A claim's `where` is a line of the guide's prose (no capture row to link to). */
  findings: { kind: string; message: string; claim?: { text: string; where: string }; where: EvidenceLink[] }[];
  coverage: Topology['coverage'];
  captures: CaptureView[];
}

/** The id of the element showing line `line` of `file` on a guide's pages: `file` relative to the guide's folder. */
export const anchorIn = (folder: string) => (file: string, line: number): string => lineAnchor(shownPath(folder, file), line);

/**
 * Evidence as links, labelled relative to the guide's folder (`local.rst:260`,
 * `captures/compute/02-….txt:3`): the page belongs to that guide.
 */
const whereIn = (folder: string) => {
  const anchor = anchorIn(folder);
  return (evidence: EvidenceRef[]): EvidenceLink[] => {
    const seen = new Map<string, EvidenceLink>();
    for (const e of evidence) {
      const label = evidenceText([{ ...e, file: shownPath(folder, e.file) }]);
      if (!seen.has(label)) seen.set(label, { label, anchor: anchor(e.file, e.line) });
    }
    return [...seen.values()];
  };
};

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
  const anchor = anchorIn(folder);
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
      return { anchor: anchor(c.file, line), line, text: raw[i]!.slice(indent), role, ...(reason ? { reason } : {}) };
    });
    return { host: c.host, command: c.command, file: shownPath(folder, c.file), firstLine: c.lineOffset + 1, lines };
  });
}

/**
 * The guide's diagram panel in `lang` (hast): the guide page places it where a
 * figure's image is missing (else before the first capture block), the
 * topology page under its Diagram heading. Labels and anchors are relative to
 * the guide's folder.
 */
export function panelOf(topology: Topology, guide: { name: string; folder: string }, lang: Language): Promise<Element> {
  return topologyPanel(topology, { title: `${translate('Topology', lang)}: ${guide.name}`, lang, folder: guide.folder, anchor: anchorIn(guide.folder) });
}

/** The topology page of a guide in `lang`; `captures` are the same in every language (made once by the caller). */
export function topologyView(
  guide: { file: string; folder: string },
  topology: Topology,
  captures: CaptureView[],
  panel: string,
  lang: Language,
  sourceLang: Language,
): TopologyView {
  const where = whereIn(guide.folder);
  return {
    source: guide.file,
    sourceLang,
    panel,
    explanations: topology.explanations.map((e) => ({ id: e.id, text: explanationText(e, lang), where: where(e.evidence) })),
    findings: topology.findings.map((f) => ({
      kind: f.kind, message: findingText(f, lang), where: where(f.evidence),
      ...(f.claim ? { claim: { text: f.claim.text, where: `${shownPath(guide.folder, f.claim.file)}:${f.claim.line}` } } : {}),
    })),
    coverage: topology.coverage,
    captures,
  };
}
