// What a network report shows, in one language: a bundle with no guide (a
// cloud's captures alone) explained — the diagram, the findings, the packet
// walks, the explanations, and every capture with every line, each line's
// role and the explanations, walk steps and findings that cite it. The same
// pieces as a guide's topology page (topologyView, captureViews, the diagram
// in the page's words); the template (_includes/pages/report.njk) lays it out.

import { existsSync, statSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { archiveTree, isArchiveName } from '../captures/file-tree.js';
import type { Diagnostic } from '../diagnostics.js';
import { translate } from '../i18n/catalog.js';
import { drawTopology, understand } from '../pipeline.js';
import type { EvidenceRef, Topology } from '../topology/model.js';
import type { BundleSource } from './bundles.js';
import type { Language } from './languages.js';
import { evidenceText } from '../render/diagram/index.js';
import { explanationText, findingText, stepText, traceText, walkTitle } from './said.js';
import { captureViews, fileLines, type CaptureView, type EvidenceLink } from './topology-view.js';

/** A line of a capture that something on the page cites: which notes (their numbers in the capture's list). */
export interface AnnotatedCapture extends CaptureView {
  /** The anchor of the capture (its first row). */
  id: string;
  /** What the page says that this capture proves, each with the rows it cites. */
  notes: { kind: 'explanation' | 'step' | 'finding'; text: string; where: EvidenceLink[] }[];
  /** Row anchors cited by some note. */
  cited: string[];
}

export interface WalkView {
  id: string;
  title: string;
  steps: { at: string; text: string; where: EvidenceLink[]; tables: { depth: number; text: string; where: EvidenceLink[] }[] }[];
}

export interface ReportView {
  name: string;
  /** The bundle as the page names it. */
  source: string;
  diagram: string;
  explanations: { id: string; text: string; where: EvidenceLink[] }[];
  walks: WalkView[];
  findings: { kind: string; message: string; where: EvidenceLink[] }[];
  coverage: Topology['coverage'];
  captures: CaptureView[];
  /** Hosts and how many captures each. */
  hosts: { name: string; captures: number; commands: string[] }[];
  annotated: AnnotatedCapture[];
}

export interface ReportBuild {
  bundle: BundleSource;
  topology: Topology;
  views: Record<Language, ReportView>;
  diagnostics: Diagnostic[];
  captures: number;
  /** Every capture file read (a rebuild watches them). */
  files: string[];
}

/** The words the diagram is labelled with, in `lang`. */
const DIAGRAM_WORDS = ['host', 'namespace', 'bridge', 'port', 'interface', 'vm', 'veth', 'patch', 'tunnel', 'physical', 'member', 'likely'];

/** Read, explain and lay out one bundle in every language. */
export async function buildReport(bundle: BundleSource, langs: readonly Language[]): Promise<ReportBuild> {
  const run = understand([bundle.input], 'en', { prose: true });
  // rows anchored by this page's own ids (file relative to the bundle's folder, line), which its evidence links use
  const files = run.sources.captures.map((c) => c.file);
  const anchor = anchorOf(bundle.folder);
  const rows = captureViews(run.sources, linesOf(bundle.input), bundle.folder).map((c, i) => ({ ...c, lines: c.lines.map((l) => ({ ...l, anchor: anchor(files[i]!, l.line) })) }));
  const byHost = new Map<string, string[]>();
  for (const c of run.sources.captures) byHost.set(c.host, [...(byHost.get(c.host) ?? []), c.command]);
  const hosts = [...byHost].map(([name, commands]) => ({ name, captures: commands.length, commands })).sort((a, b) => (a.name < b.name ? -1 : 1));
  const views = {} as Record<Language, ReportView>;
  for (const lang of langs) {
    const words = Object.fromEntries(DIAGRAM_WORDS.map((k) => [k, translate(`diagram:${k}`, lang)]));
    const diagram = await drawTopology(run.topology, { title: `${translate('Network report', lang)}: ${bundle.name}`, words });
    const view = reportPieces(bundle, run.topology, rows, diagram, lang);
    views[lang] = { ...view, hosts, annotated: annotate(view, run.topology, files) };
  }
  return {
    bundle, topology: run.topology, views, diagnostics: run.diagnostics, captures: run.sources.captures.length,
    files: [...new Set(run.sources.captures.map((c) => c.file))],
  };
}

/** `file` relative to `folder` when inside it. */
const shownPath = (folder: string, file: string) => {
  const inside = relative(folder, file);
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : file;
};

/** The row id of line `line` of `file`: `line-<file relative to the bundle>-<line>`. */
const anchorOf = (folder: string) => (file: string, line: number): string => `line-${shownPath(folder, file).replace(/[^A-Za-z0-9_.-]+/g, '-')}-${line}`;

/** The report's pieces in `lang`: what a topology page shows, its evidence linked to this page's rows. */
function reportPieces(bundle: BundleSource, topology: Topology, captures: CaptureView[], diagram: string, lang: Language): Omit<ReportView, 'hosts' | 'annotated'> & { folder: string } {
  const anchor = anchorOf(bundle.folder);
  const where = (evidence: EvidenceRef[]): EvidenceLink[] => {
    const seen = new Map<string, EvidenceLink>();
    for (const e of evidence) {
      const label = evidenceText([{ ...e, file: shownPath(bundle.folder, e.file) }]);
      if (!seen.has(label)) seen.set(label, { label, anchor: anchor(e.file, e.line) });
    }
    return [...seen.values()];
  };
  const placeOf = (at: { host: string; netns?: string; name: string }) => [at.host, at.netns, at.name].filter((x, i, all): x is string => !!x && x !== all[i - 1]).join(' / ');
  return {
    folder: bundle.folder,
    name: bundle.name,
    source: bundle.input,
    diagram,
    explanations: topology.explanations.map((e) => ({ id: e.id, text: explanationText(e, lang), where: where(e.evidence) })),
    walks: topology.walks.map((w) => ({
      id: w.id,
      title: walkTitle(w, lang),
      steps: w.steps.map((s) => {
        const inTables = new Set((s.tables ?? []).flatMap((t) => t.evidence.map((e) => `${e.file}:${e.line}`)));
        return {
          at: placeOf(s.at),
          text: stepText(s, lang).replace(/^\s*\d+[.、]\s*/, ''),
          where: where(s.evidence.filter((e) => !inTables.has(`${e.file}:${e.line}`))),
          tables: (s.tables ?? []).map((t) => ({ depth: t.depth, text: traceText(t, lang), where: where(t.evidence) })),
        };
      }),
    })),
    findings: topology.findings.map((f) => ({ kind: f.kind, message: findingText(f, lang), where: where(f.evidence) })),
    coverage: topology.coverage,
    captures,
  };
}

/** A reader of capture files as lines: inside a tarball (`x.tar.gz/member`), the archive's member. */
function linesOf(input: string): (file: string) => string[] {
  const files = fileLines();
  if (!isArchiveName(input) || !existsSync(input) || !statSync(input).isFile()) return files;
  const tree = archiveTree(input);
  const read = new Map<string, string[]>();
  return (file) => {
    if (!file.startsWith(input + '/')) return files(file);
    const rel = file.slice(input.length + 1);
    let lines = read.get(rel);
    if (!lines) read.set(rel, (lines = tree.read(rel).replace(/\r\n?/g, '\n').split('\n')));
    return lines;
  };
}

/** Each capture with the notes whose evidence lies in it: explanations, walk steps, findings. */
function annotate(view: Omit<ReportView, 'hosts' | 'annotated'> & { folder: string }, topology: Topology, files: string[]): AnnotatedCapture[] {
  const lineAnchor = anchorOf(view.folder);
  // the page's notes, each with the evidence it cites (by row anchor)
  const notes: { kind: AnnotatedCapture['notes'][number]['kind']; text: string; where: EvidenceLink[]; anchors: Set<string> }[] = [];
  const anchorsOf = (evidence: EvidenceRef[]) => new Set(evidence.map((e) => lineAnchor(e.file, e.line)));
  topology.explanations.forEach((e, i) => notes.push({ kind: 'explanation', text: view.explanations[i]!.text, where: view.explanations[i]!.where, anchors: anchorsOf(e.evidence) }));
  topology.walks.forEach((w, i) => w.steps.forEach((s, j) => {
    const shown = view.walks[i]!.steps[j]!;
    notes.push({ kind: 'step', text: `${view.walks[i]!.title} — ${shown.at}: ${shown.text}`, where: shown.where, anchors: anchorsOf([...s.evidence, ...(s.tables ?? []).flatMap((t) => t.evidence)]) });
  }));
  topology.findings.forEach((f, i) => notes.push({ kind: 'finding', text: view.findings[i]!.message, where: view.findings[i]!.where, anchors: anchorsOf(f.evidence) }));
  return view.captures.map((c, i) => {
    const rows = new Set(c.lines.map((l) => l.anchor));
    const mine = notes.filter((n) => [...n.anchors].some((a) => rows.has(a)));
    const cited = [...rows].filter((a) => mine.some((n) => n.anchors.has(a)));
    return {
      ...c,
      id: `capture-${lineAnchor(files[i] ?? c.file, c.firstLine)}`,
      notes: mine.map((n) => ({ kind: n.kind, text: n.text, where: n.where.filter((w) => rows.has(w.anchor)) })),
      cited,
    };
  });
}
