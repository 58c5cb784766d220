// `netguide build`'s work: Eleventy run through its programmatic API on any
// content folder, with the project's configuration (.eleventy.js), layouts
// and pages (_includes/); then the pages no longer made are removed, Pagefind
// indexes the rest, and the report's summary is printed. With `watch`, the
// same after every change of a guide's text, included script or capture.
//
// The build runs in the content folder (process.chdir), so every path a page
// shows (evidence, diagram tooltips, anchors) is relative to it and the site
// is the same wherever the folder lies; problems are printed relative to the
// folder the user ran the command in.

import Eleventy from '@11ty/eleventy';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setSiteBuild, projectRoot } from './context.js';
import { LANGUAGES } from './languages.js';
import { filesUnder, removeStale } from './output.js';
import { BuildReport } from './report.js';
import { writeSearchIndex } from './search-index.js';
import { normaliseBase } from './urls.js';

export interface BuildOptions {
  /** The content folder: one folder per guide. */
  content: string;
  /** Where the site is written. */
  out: string;
  /** The URL prefix the site is published under (`/prefix/`). */
  base?: string;
  strict?: boolean;
  watch?: boolean;
  /** Where progress, problems and the summary go (stderr by default). */
  write?: (line: string) => void;
}

/** The site's own folders in the output: every file there is one this build wrote. */
const OWNED = [...LANGUAGES, 'assets'];

/** Build the site; resolves to the exit status (with `watch`, only if the first build cannot start). */
export async function buildSite(options: BuildOptions): Promise<number> {
  const userCwd = process.cwd();
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const contentRoot = resolve(options.content);
  const outDir = resolve(options.out);
  if (!existsSync(contentRoot) || !statSync(contentRoot).isDirectory()) {
    write(`netguide build: ${options.content}: no such folder`);
    return 2;
  }
  const base = normaliseBase(options.base);
  const report = new BuildReport({ write, contentRoot, userCwd, strict: options.strict ?? false });
  const assets = filesUnder(join(projectRoot, '_includes/assets')).map((f) => join(outDir, 'assets', f));
  setSiteBuild({
    contentRoot, outDir, base, report,
    written: async (outputs) => {
      const removed = removeStale(outDir, [...outputs, ...assets], OWNED);
      for (const file of removed) write(`  removed ${file} (no longer made)`);
      report.pages = outputs.filter((f) => f.endsWith('.html')).length;
      try {
        const index = await writeSearchIndex(outDir);
        for (const e of index.errors) report.add('', [{ file: join(outDir, 'pagefind'), severity: 'error', message: `search index: ${e}`, source: 'pagefind' }]);
        const counts = Object.entries(index.languages).map(([lang, pages]) => `${lang} ${pages} pages`);
        write(`  search index: ${counts.join(', ') || 'no page'}`);
      } catch (error) {
        report.add('', [{ file: join(outDir, 'pagefind'), severity: 'error', message: `search index not written: ${messageOf(error)}`, source: 'pagefind' }]);
      }
      report.printSummary();
    },
  });
  write(`netguide build: ${options.content} → ${options.out}${base === '/' ? '' : ` under ${base}`}`);
  process.chdir(contentRoot);
  const eleventy = new Eleventy(contentRoot, outDir, { configPath: join(projectRoot, '.eleventy.js'), quietMode: true, pathPrefix: base });
  // Eleventy's own lines ("Wrote 8 files", "Watching…") are the summary's business; its warnings pass through.
  eleventy.logger.overrideLogger({
    log: () => {},
    info: () => {},
    warn: (m: string) => write(m),
    error: (m: string) => write(m),
  });
  try {
    if (options.watch) {
      await eleventy.init();
      await eleventy.watch();
      write('netguide build: watching the content folder (Ctrl-C stops)');
      return 0;
    }
    await eleventy.write();
    return report.exitCode();
  } catch (error) {
    // One problem, said once: Eleventy's message without its stack (NETGUIDE_DEBUG=1 shows it).
    report.add('', [{ file: options.content, severity: 'severe', message: `the site could not be built: ${messageOf(error)}`, source: 'eleventy' }]);
    if (process.env.NETGUIDE_DEBUG) write(String((error as Error)?.stack ?? error));
    report.printSummary();
    return 1;
  } finally {
    if (!options.watch) {
      process.chdir(userCwd);
      setSiteBuild(undefined);
    }
  }
}

/** An error's message, and the messages of the errors it wraps (Eleventy wraps the template's error). */
function messageOf(error: unknown): string {
  const parts: string[] = [];
  let e: unknown = error;
  while (e && parts.length < 4) {
    const m = e instanceof Error ? e.message : String(e);
    if (!parts.includes(m)) parts.push(m);
    e = (e as { originalError?: unknown; cause?: unknown }).originalError ?? (e as { cause?: unknown }).cause;
  }
  return parts.join(': ');
}
