// The network reports' pages, added to the site's data: one page per bundle
// with no guide and per language, `/<lang>/<bundle>/`, in the navigation and
// on the home pages beside the guides. Each bundle is read and explained once
// and kept until a file under it changes (as guides are, in site-data.ts).

import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { atLeast, type Diagnostic } from '../diagnostics.js';
import { translate } from '../i18n/catalog.js';
import { topologyChanges, type ChangesView } from './changes.js';
import { findContentBundles, namedBundle, type BundleSource } from './bundles.js';
import { LANGUAGES, type Language } from './languages.js';
import type { BuildReport } from './report.js';
import { buildReport, type ReportBuild, type ReportView } from './report-view.js';
import type { Alternate, SiteData } from './site-data.js';
import { guideUrl } from './urls.js';

/** A report as the navigation and the home page name it. */
export interface NavReport {
  name: string;
  title: string;
  url: string;
  hosts: number;
  captures: number;
}

export interface ReportPageData {
  kind: 'report';
  url: string;
  lang: Language;
  title: string;
  alternates: Alternate[];
  xDefault: string;
  report: NavReport;
  view: ReportView;
  changes?: ChangesView;
}

export interface ReportSiteData {
  /** Per language, for the navigation and the home page. */
  reports: Record<Language, NavReport[]>;
  reportPages: ReportPageData[];
}

export interface ReportOptions {
  contentRoot: string;
  report: BuildReport;
  /** Bundles named on the command line (absolute paths). */
  bundles?: readonly string[];
  /** The site's output folder (the previous build's topologies are kept there). */
  outDir?: string;
}

const kept = new Map<string, { stamp: string; build: ReportBuild; changes?: Record<Language, ChangesView> }>();

/** `site` with the reports of the content folder's bundles and of `options.bundles`. */
export async function withReports<T extends SiteData>(site: T, options: ReportOptions): Promise<T & ReportSiteData> {
  const cwd = process.cwd();
  const bundles = [...findContentBundles(options.contentRoot), ...(options.bundles ?? []).map((b) => namedBundle(resolve(b), cwd))];
  const taken = new Set(site.nav[LANGUAGES[0]].map((g) => g.name));
  const made: ReportBuild[] = [];
  const changesOf = new Map<ReportBuild, Record<Language, ChangesView>>();
  for (const bundle of bundles) {
    if (taken.has(bundle.slug)) {
      options.report.add(bundle.name, [{ file: bundle.input, severity: 'error', message: `a guide or another report is already called ${bundle.slug}: this bundle gets no report (rename its folder)`, source: 'site' }]);
      continue;
    }
    taken.add(bundle.slug);
    const started = Date.now();
    const stamp = stampOf(bundle.watch);
    const old = kept.get(bundle.input);
    let build = old && old.stamp === stamp ? old.build : undefined;
    if (!build) {
      try {
        build = await buildReport(bundle, LANGUAGES);
      } catch (error) {
        options.report.add(bundle.name, [{ file: bundle.input, severity: 'severe', message: `internal error while making the report of ${bundle.name}: ${error instanceof Error ? error.message : String(error)}`, source: 'site' }]);
        continue;
      }
      const changes = options.outDir && build.captures > 0 ? topologyChanges(options.outDir, bundle.name, build.topology, bundle.folder) : undefined;
      kept.set(bundle.input, { stamp, build, ...(changes ? { changes } : {}) });
    }
    const changes = kept.get(bundle.input)?.changes;
    if (changes) changesOf.set(build, changes);
    made.push(build);
    options.report.add(bundle.name, build.diagnostics);
    const problems = build.diagnostics.filter((d: Diagnostic) => atLeast(d, 'warning')).length;
    options.report.progress(`  ${bundle.name}  report  ${build.captures} ${build.captures === 1 ? 'capture' : 'captures'}, ${problems} ${problems === 1 ? 'problem' : 'problems'}  ${build === old?.build ? 'unchanged' : `${((Date.now() - started) / 1000).toFixed(1)} s`}`);
  }
  const navOf = (b: ReportBuild, lang: Language): NavReport => ({
    name: b.bundle.name,
    title: `${translate('Network report', lang)}: ${b.bundle.name}`,
    url: guideUrl(lang, b.bundle.slug),
    hosts: b.views[lang].hosts.length,
    captures: b.captures,
  });
  const reports = Object.fromEntries(LANGUAGES.map((lang) => [lang, made.map((b) => navOf(b, lang))])) as Record<Language, NavReport[]>;
  const reportPages: ReportPageData[] = made.flatMap((b) => LANGUAGES.map((lang): ReportPageData => ({
    kind: 'report', url: guideUrl(lang, b.bundle.slug), lang, title: navOf(b, lang).title,
    alternates: LANGUAGES.map((l) => ({ lang: l, label: translate(`language:${l}`, l), url: guideUrl(l, b.bundle.slug), current: l === lang })),
    xDefault: guideUrl(LANGUAGES[0], b.bundle.slug),
    report: navOf(b, lang),
    view: b.views[lang],
    ...(changesOf.has(b) ? { changes: changesOf.get(b)![lang] } : {}),
  })));
  return { ...site, reports, reportPages };
}

/** Sizes and times of every file under `path` (a file: itself). */
function stampOf(path: string): string {
  const files: string[] = [];
  const walk = (p: string) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (!s.isDirectory()) return files.push(`${p}\t${s.size}\t${s.mtimeMs}`);
    for (const name of readdirSync(p).sort()) walk(join(p, name));
    return undefined;
  };
  walk(path);
  return files.join('\n');
}
