// The site's data: every page of every guide in every language, made from the
// content folder by the pipeline, with the links between them. Eleventy's
// templates (_includes/pages/) only lay it out. Each guide is understood once
// (captures read, joined, explained) and rendered once per language; what was
// made is kept until a file of the guide changes, so a rebuild in --watch
// makes again only the pages of the guide whose text, included script or
// capture changed.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { atLeast, formatDiagnostic, type Diagnostic } from '../diagnostics.js';
import { catalogOf, forgetCatalogs, localesDir, translate } from '../i18n/catalog.js';
import { forgetMissingMessages, missingMessages } from '../i18n/messages.js';
import { understand } from '../pipeline.js';
import { findGuides, type GuideSource } from './guides.js';
import { guideView, type GuideView } from './guide-view.js';
import { detectLanguage, LANGUAGES, type Language } from './languages.js';
import type { BuildReport, TranslationCoverage } from './report.js';
import { captureViews, diagramOf, fileLines, topologyView, type TopologyView } from './topology-view.js';
import { guideTranslation } from './translation.js';
import { guideUrl, homeUrl, rootUrl, topologyUrl } from './urls.js';

/** A link to one language's version of a page. */
export interface Alternate {
  lang: Language;
  /** The language's own name (中文, English). */
  label: string;
  url: string;
  current: boolean;
}

/** What every page's frame needs: its place, language, title and its versions in the other languages. */
export interface PageFrame {
  kind: 'root' | 'home' | 'guide' | 'topology';
  url: string;
  lang: Language;
  title: string;
  alternates: Alternate[];
  /** The page for a reader whose language is none of these (hreflang="x-default"). */
  xDefault: string;
  /** The guide this page belongs to, in the page's language. */
  guide?: NavGuide;
}

/** A guide as the navigation names it in one language. */
export interface NavGuide {
  name: string;
  title: string;
  /** The language the title is in (the guide's own until it is translated). */
  titleLang: Language;
  url: string;
  topologyUrl: string;
}

export interface HomeEntry extends NavGuide {
  /** The language the guide is written in. */
  source: Language;
  versions: (Alternate & { status: 'original' | 'translated' | 'untranslated' })[];
}

export interface GuidePageData extends PageFrame { view: GuideView }
export interface TopologyPageData extends PageFrame { view: TopologyView }
export interface HomePageData extends PageFrame { guides: HomeEntry[] }

export interface SiteData {
  languages: { lang: Language; label: string; url: string }[];
  /** The navigation's list of guides, per language. */
  nav: Record<Language, NavGuide[]>;
  roots: PageFrame[];
  homes: HomePageData[];
  guidePages: GuidePageData[];
  topologyPages: TopologyPageData[];
}

/** Everything the site shows of one guide; kept while `stamp` (its files' sizes and times) is unchanged. */
interface GuideBuild {
  guide: GuideSource;
  source: Language;
  stamp: string;
  /** Files the guide's pages were made from that lie outside its folder (includes reaching elsewhere). */
  outside: string[];
  diagnostics: Diagnostic[];
  captures: number;
  views: Record<Language, GuideView>;
  topologies: Record<Language, TopologyView>;
  coverage: Record<Language, TranslationCoverage | undefined>;
}

export interface SiteDataOptions {
  /** The content folder (paths in pages and problems are relative to the working folder, the build runs in it). */
  contentRoot: string;
  report: BuildReport;
}

const builds = new Map<string, GuideBuild>();
let catalogStamp = '';

/** A language's own name. */
const languageName = (lang: Language) => translate(`language:${lang}`, lang);

/** Every page of the site. */
export async function siteData(options: SiteDataOptions): Promise<SiteData> {
  const { report } = options;
  // the UI's words changed: forget them and everything made with them
  const catalogs = stampOf(readdirSync(localesDir).map((f) => join(localesDir, f)));
  if (catalogs !== catalogStamp) {
    forgetCatalogs();
    builds.clear();
    catalogStamp = catalogs;
  }
  const guides = findGuides(options.contentRoot);
  for (const file of [...builds.keys()]) if (!guides.some((g) => g.file === file)) builds.delete(file);
  const made: GuideBuild[] = [];
  for (const guide of guides) {
    const started = Date.now();
    const kept = builds.get(guide.file);
    const stamp = guideStamp(guide, kept?.outside ?? []);
    let build = kept && kept.stamp === stamp ? kept : undefined;
    if (!build) {
      build = await buildGuide(guide, options.contentRoot);
      builds.set(guide.file, build);
    }
    made.push(build);
    report.add(guide.name, build.diagnostics);
    const problems = build.diagnostics.filter((d) => atLeast(d, 'warning')).length;
    report.progress(`  ${guide.name}  ${LANGUAGES.map((l) => (l === build.source ? `${l} (original)` : l)).join(' ')}  ${build.captures} ${build.captures === 1 ? 'capture' : 'captures'}, ${problems} ${problems === 1 ? 'problem' : 'problems'}  ${build === kept ? 'unchanged' : `${((Date.now() - started) / 1000).toFixed(1)} s`}`);
  }
  for (const lang of LANGUAGES) report.coverage.set(lang, coverageOf(made, lang));
  return pagesOf(made);
}

/** Read, explain and render one guide in every language; a failure of ours is reported as severe and the guide's pages say so. */
async function buildGuide(guide: GuideSource, contentRoot: string): Promise<GuideBuild> {
  const text = readFileSync(guide.file, 'utf8');
  const source = detectLanguage(text);
  forgetMissingMessages();
  const diagnostics: Diagnostic[] = [];
  const dependencies = new Set<string>([guide.file]);
  const views = {} as Record<Language, GuideView>;
  const topologies = {} as Record<Language, TopologyView>;
  const coverage = {} as Record<Language, TranslationCoverage | undefined>;
  let captures = 0;
  try {
    const run = understand([guide.file], 'en', { prose: true });
    diagnostics.push(...run.diagnostics);
    captures = run.sources.captures.length;
    for (const c of run.sources.captures) dependencies.add(c.file);
    const lines = captureViews(run.sources, fileLines(), guide.folder);
    for (const lang of LANGUAGES) {
      const diagram = await diagramOf(run.topology, guide.name, lang);
      // a guide mixes languages (the seed: Chinese prose, English headings): every page, its own language's too, takes the catalog
      const translation = guideTranslation(guide, source, lang, contentRoot);
      coverage[lang] = translation.coverage;
      diagnostics.push(...translation.diagnostics);
      const view = await guideView({ guide, source, lang, contentRoot, sources: run.sources, diagram, ...(translation ? { translation } : {}) });
      diagnostics.push(...view.diagnostics);
      for (const d of view.dependencies) dependencies.add(d);
      views[lang] = view;
      topologies[lang] = topologyView(guide, run.topology, lines, diagram, lang, source);
    }
  } catch (error) {
    const message = `internal error while making the pages of ${guide.name}: ${error instanceof Error ? error.message : String(error)}`;
    diagnostics.push({ file: guide.file, line: 1, column: 1, severity: 'severe', message, source: 'site' });
    for (const lang of LANGUAGES) {
      views[lang] ??= failedView(guide, source, lang, message);
      topologies[lang] ??= failedTopology(guide, source);
    }
  }
  for (const [lang, ids] of missingMessages()) {
    for (const id of [...ids].sort()) {
      diagnostics.push({ file: join(localesDir, `${lang}.po`), severity: 'warning', message: `no ${lang} words for the message "${id}" (said in another language)`, source: 'i18n' });
    }
  }
  // the same problem seen in both languages' pages is one problem
  const unique = [...new Map(diagnostics.map((d) => [formatDiagnostic(d), d])).values()];
  const folder = resolve(guide.folder);
  const outside = [...dependencies].filter((f) => !resolve(f).startsWith(folder + '/')).sort();
  return {
    guide, source, outside, diagnostics: unique, captures, views, topologies, coverage,
    stamp: guideStamp(guide, outside),
  };
}

function failedView(guide: GuideSource, source: Language, lang: Language, message: string): GuideView {
  const escaped = message.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return {
    lang, textLang: lang, untranslated: lang !== source, title: guide.name,
    html: `<p class="system-message">${escaped}</p>`, toc: '', sectionIds: [], diagnostics: [], dependencies: [guide.file],
  };
}

function failedTopology(guide: GuideSource, sourceLang: Language): TopologyView {
  return {
    source: guide.file, sourceLang, diagram: '', explanations: [], walks: [], findings: [], captures: [],
    coverage: { lines: 0, fact: 0, header: 0, blank: 0, noise: 0, unparsed: 0 } as TopologyView['coverage'],
  };
}

/** Every file under `folder`. */
function filesUnder(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return (readdirSync(folder, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name));
}

/** Sizes and change times of `files` (a missing file counts too: creating it changes the stamp). */
function stampOf(files: string[]): string {
  return files
    .sort()
    .map((f) => {
      try {
        const s = statSync(f);
        return `${f}\t${s.size}\t${s.mtimeMs}`;
      } catch {
        return `${f}\tmissing`;
      }
    })
    .join('\n');
}

/** The guide's folder (text, scripts, captures, translations) and the files outside it that its pages read. */
const guideStamp = (guide: GuideSource, outside: string[]) => stampOf([...filesUnder(guide.folder), ...outside]);

/** Coverage of `lang` over every guide (segments written in another language need a translation); n/a while any guide does not say. */
function coverageOf(made: GuideBuild[], lang: Language): TranslationCoverage | undefined {
  const all = made.map((b) => b.coverage[lang]);
  if (all.some((c) => c === undefined)) return undefined;
  return all.reduce<TranslationCoverage>((sum, c) => ({ translated: sum.translated + c!.translated, total: sum.total + c!.total, fuzzy: sum.fuzzy + c!.fuzzy }), { translated: 0, total: 0, fuzzy: 0 });
}

/** The pages of the guides made, with their links. */
function pagesOf(made: GuideBuild[]): SiteData {
  const versions = (url: (lang: Language) => string, current: Language): Alternate[] =>
    LANGUAGES.map((lang) => ({ lang, label: languageName(lang), url: url(lang), current: lang === current }));
  const navOf = (b: GuideBuild, lang: Language): NavGuide => ({
    name: b.guide.name,
    title: b.views[lang].title,
    titleLang: b.views[lang].textLang,
    url: guideUrl(lang, b.guide.slug),
    topologyUrl: topologyUrl(lang, b.guide.slug),
  });
  const nav = Object.fromEntries(LANGUAGES.map((lang) => [lang, made.map((b) => navOf(b, lang))])) as Record<Language, NavGuide[]>;
  const site: SiteData = {
    languages: LANGUAGES.map((lang) => ({ lang, label: languageName(lang), url: homeUrl(lang) })),
    nav,
    roots: [{ kind: 'root', url: rootUrl(), lang: LANGUAGES[0], title: 'netguide', alternates: versions(homeUrl, LANGUAGES[0]).map((a) => ({ ...a, current: false })), xDefault: rootUrl() }],
    homes: [],
    guidePages: [],
    topologyPages: [],
  };
  for (const lang of LANGUAGES) {
    site.homes.push({
      kind: 'home', url: homeUrl(lang), lang, title: 'netguide', alternates: versions(homeUrl, lang), xDefault: rootUrl(),
      guides: made.map((b) => ({
        ...navOf(b, lang),
        source: b.source,
        versions: versions((l) => guideUrl(l, b.guide.slug), lang).map((v) => ({
          ...v,
          status: v.lang === b.source ? 'original' : b.views[v.lang].untranslated ? 'untranslated' : 'translated',
        })),
      })),
    });
  }
  for (const b of made) {
    for (const lang of LANGUAGES) {
      const guide = navOf(b, lang);
      site.guidePages.push({
        kind: 'guide', url: guide.url, lang, title: guide.title, guide,
        alternates: versions((l) => guideUrl(l, b.guide.slug), lang), xDefault: guideUrl(b.source, b.guide.slug),
        view: b.views[lang],
      });
      site.topologyPages.push({
        kind: 'topology', url: guide.topologyUrl, lang, title: `${translate('Topology', lang)}: ${guide.title}`, guide,
        alternates: versions((l) => topologyUrl(l, b.guide.slug), lang), xDefault: topologyUrl(b.source, b.guide.slug),
        view: b.topologies[lang],
      });
    }
  }
  return site;
}

/** True when `lang`'s catalog has `msgid` (the `t` filter reports the UI words it lacks). */
export const hasWords = (msgid: string, lang: string): boolean => catalogOf(lang).has(msgid);
