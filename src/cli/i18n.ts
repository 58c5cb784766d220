// `netguide i18n extract|update|status [--content DIR] [GUIDE…]`: the
// translation catalogs beside each guide (content/<guide>/locales/<lang>.po).
// extract writes the template and creates missing catalogs; update merges them
// with the guide's current text (changed segments fuzzy, gone ones obsolete);
// status prints coverage per guide and language, and the catalogs of
// generated prose. Problems go to stderr as `file:line:col: level: message`;
// exit status 1 on errors (with --strict also on warnings, and for status on
// any fuzzy or missing translation).

import type { Command } from 'commander';
import { relative } from 'node:path';
import { formatDiagnostic, isFailure, type Diagnostic } from '../diagnostics.js';

export interface I18nOptions {
  content?: string;
  lang?: string;
  strict?: boolean;
  list?: boolean;
}

type Write = (s: string) => void;

export function register(program: Command): void {
  const i18n = program
    .command('i18n')
    .description("the translation catalogs beside each guide (content/<guide>/locales/<lang>.po): extract, update, status");
  const common = (command: Command) =>
    command
      .argument('[guides...]', 'guide names (folders of the content folder), folders or .rst/.md files; all guides when none')
      .option('--content <dir>', 'the content folder', 'content')
      .option('--lang <langs>', 'languages, comma-separated', 'zh,en')
      .option('--strict', 'exit with status 1 on warnings too');
  common(i18n.command('extract').description('write each guide\'s template (locales/<guide>.pot) and create the catalogs it lacks'))
    .action(async (guides: string[], options: I18nOptions) => {
      process.exitCode = await runI18n('extract', guides, options, out, err);
    });
  common(i18n.command('update').description("merge each guide's catalogs with its current text (changed segments fuzzy, removed ones obsolete)"))
    .action(async (guides: string[], options: I18nOptions) => {
      process.exitCode = await runI18n('update', guides, options, out, err);
    });
  common(i18n.command('status').description('translation coverage per guide and language, and of the generated prose\'s catalogs'))
    .option('--list', 'also list every fuzzy or missing segment as file:line')
    .action(async (guides: string[], options: I18nOptions) => {
      process.exitCode = await runI18n('status', guides, options, out, err);
    });
}

const out: Write = (s) => process.stdout.write(s);
const err: Write = (s) => process.stderr.write(s);

/** One run of a sub-command; returns the exit status. */
export async function runI18n(action: 'extract' | 'update' | 'status', names: string[], options: I18nOptions, write: Write, report: Write): Promise<number> {
  const [{ selectGuides, readGuideSegments }, { extractCatalogs, updateCatalogs }, { guideCoverage }] = await Promise.all([
    import('../i18n/guides.js'),
    import('../i18n/catalog-files.js'),
    import('../i18n/guide-status.js'),
  ]);
  const content = options.content ?? 'content';
  const langs = (options.lang ?? 'zh,en').split(',').map((l) => l.trim()).filter(Boolean);
  const strict = Boolean(options.strict);
  const diagnostics: Diagnostic[] = [];
  const { guides, unknown } = selectGuides(content, names);
  for (const name of unknown) diagnostics.push({ file: name, severity: 'error', message: `no guide ${name} (looked for ${content}/${name}/${name}.rst or .md)`, source: 'i18n' });
  if (guides.length === 0 && unknown.length === 0) diagnostics.push({ file: content, severity: 'warning', message: 'no guides here (a guide is <folder>/<folder>.rst or <folder>/<folder>.md)', source: 'i18n' });
  let incomplete = false;
  for (const guide of guides) {
    const segments = readGuideSegments(guide);
    if (action === 'status') {
      const coverage = guideCoverage(segments, langs);
      diagnostics.push(...coverage.diagnostics);
      write(`${guide.name} (${show(guide.file)}): ${coverage.segments} segments\n`);
      for (const l of coverage.languages) {
        const where = l.exists ? show(l.path) : `${show(l.path)} (none yet)`;
        const stale = l.stale > 0 ? `, ${l.stale} stale (netguide i18n update)` : '';
        write(`  ${l.lang}  ${String(l.percent).padStart(3)}%  ${l.translated}/${l.needed} translated, ${l.fuzzy} fuzzy, ${l.missing} missing${stale}  ${where}\n`);
        if (l.fuzzy + l.missing > 0) incomplete = true;
        if (options.list) {
          for (const u of l.untranslated) write(`    ${show(guide.file).replace(/[^/]*$/, '')}${u.references[0]}: ${u.state} (${l.lang}): ${u.msgid}\n`);
        }
      }
      continue;
    }
    const run = action === 'extract' ? extractCatalogs(segments, langs) : updateCatalogs(segments, langs);
    diagnostics.push(...run.diagnostics);
    const parts = run.files.map((f) => {
      const c = f.counts;
      const detail = c && f.action !== 'kept' ? ` (${c.kept} kept, ${c.added} new, ${c.fuzzy} fuzzy, ${c.obsoleted} obsolete)` : '';
      return `${f.action} ${show(f.path)}${f.lang ? '' : ` (${f.entries} segments)`}${detail}`;
    });
    report(`${guide.name}: ${parts.join('; ')}\n`);
  }
  if (action === 'status') {
    const { messageCatalogStatus } = await import('../i18n/message-status.js');
    write('generated prose and UI strings (src/i18n/locales):\n');
    for (const m of messageCatalogStatus()) {
      const missing = m.missing.length > 0 ? `; missing: ${m.missing.slice(0, 8).join(', ')}${m.missing.length > 8 ? ', …' : ''}` : '';
      write(`  ${m.lang}  ${m.translated}/${m.total} ids translated, ${m.fuzzy} fuzzy, ${m.missing.length} missing${missing}\n`);
      if (m.missing.length + m.fuzzy > 0) incomplete = true;
    }
  }
  for (const d of diagnostics) report(formatDiagnostic(d) + '\n');
  if (diagnostics.some((d) => isFailure(d, strict))) return 1;
  if (action === 'status' && strict && incomplete) return 1;
  return 0;
}

/** A path as the user would type it (relative to the working folder when inside it). */
function show(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}
