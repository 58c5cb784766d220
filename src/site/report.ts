// What a site build tells its user on stderr: one progress line per guide as it
// is made, then a summary — pages written, every problem by `file:line`
// grouped by guide, translation coverage per language, time — and the exit
// status: severe problems fail the build as docutils' halt level does
// (level 4), `--strict` fails it on any warning; either only after every page
// was tried.

import { isAbsolute, relative, resolve } from 'node:path';
import { atLeast, formatDiagnostic, type Diagnostic } from '../diagnostics.js';
import type { Language } from './languages.js';

/** How much of the guides is translated into a language; `undefined`: not known (shown as n/a). */
export interface TranslationCoverage {
  translated: number;
  total: number;
  fuzzy: number;
}

export interface ReportOptions {
  /** Where lines go (stderr by default). */
  write?: (line: string) => void;
  /** The folder paths in problems are relative to (the build runs in the content folder). */
  contentRoot: string;
  /** The folder the user ran the command in: problems are shown relative to it, so an editor can open them. */
  userCwd?: string;
  strict?: boolean;
}

export class BuildReport {
  readonly strict: boolean;
  private readonly write: (line: string) => void;
  private readonly contentRoot: string;
  private readonly userCwd: string;
  /** Problems of each guide (or `''` for the site as a whole), each once. */
  private readonly problems = new Map<string, Map<string, Diagnostic>>();
  private started = Date.now();
  pages = 0;
  coverage = new Map<Language, TranslationCoverage | undefined>();

  constructor(options: ReportOptions) {
    this.write = options.write ?? ((line) => process.stderr.write(line + '\n'));
    this.contentRoot = options.contentRoot;
    this.userCwd = options.userCwd ?? process.cwd();
    this.strict = options.strict ?? false;
  }

  /** A new build (and each rebuild of --watch) starts with no problems and a fresh clock. */
  start(): void {
    this.problems.clear();
    this.coverage.clear();
    this.pages = 0;
    this.started = Date.now();
  }

  progress(line: string): void {
    this.write(line);
  }

  /** Record `diagnostics` of `guide` (`''`: the site); the same problem twice (two languages' pages) is kept once. */
  add(guide: string, diagnostics: Iterable<Diagnostic>): void {
    let kept = this.problems.get(guide);
    if (!kept) this.problems.set(guide, (kept = new Map()));
    for (const d of diagnostics) {
      const key = formatDiagnostic(d);
      if (!kept.has(key)) kept.set(key, d);
    }
  }

  /** Every problem recorded, warnings and worse. */
  diagnostics(): Diagnostic[] {
    return [...this.problems.values()].flatMap((m) => [...m.values()]).filter((d) => atLeast(d, 'warning'));
  }

  /** `file:line:col: level: message`, the file as the user's folder reaches it. */
  shown(d: Diagnostic): string {
    const file = isAbsolute(d.file) || d.file.startsWith('<') ? d.file : relative(this.userCwd, resolve(this.contentRoot, d.file)) || d.file;
    return formatDiagnostic({ ...d, file });
  }

  /** 0, or 1 when a severe problem occurred (or, with --strict, any warning). */
  exitCode(): number {
    return this.diagnostics().some((d) => atLeast(d, this.strict ? 'warning' : 'severe')) ? 1 : 0;
  }

  summary(): string[] {
    const lines: string[] = [];
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
    const all = this.diagnostics();
    lines.push(`netguide build: ${this.pages} pages written in ${seconds} s, ${count(all, 'warning')} warnings, ${count(all, 'error')} errors, ${count(all, 'severe')} severe`);
    for (const [guide, kept] of [...this.problems].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const shown = [...kept.values()].filter((d) => atLeast(d, 'warning'));
      if (shown.length === 0) continue;
      lines.push(`  ${guide || '(site)'}:`);
      for (const d of shown) lines.push(`    ${this.shown(d)}`);
    }
    const coverage = [...this.coverage].map(([lang, c]) =>
      `${lang} ${!c ? 'n/a' : c.total === 0 ? '(nothing to translate)' : `${Math.floor((100 * c.translated) / c.total)}% (${c.translated}/${c.total} segments, ${c.fuzzy} fuzzy)`}`);
    if (coverage.length > 0) lines.push(`  translation coverage: ${coverage.join(', ')}`);
    const failing = this.exitCode() !== 0;
    if (failing) lines.push(this.strict ? '  failed: --strict fails the build on any warning' : '  failed: a severe problem (docutils\' halt level)');
    return lines;
  }

  printSummary(): void {
    for (const line of this.summary()) this.write(line);
  }
}

const count = (ds: Diagnostic[], severity: Diagnostic['severity']) => ds.filter((d) => d.severity === severity).length;
