// The site, as a table of contents. `netguide build [--content DIR] [--out DIR]`
// (src/site/build.ts) runs Eleventy with this file on any content folder: the
// content folder holds guides only (<guide>/<guide>.rst, its scripts, captures
// and translations); the pages, their data and their layouts are the project's.
// The pipeline is TypeScript compiled to dist/ (at install, and by npm run
// build when src/ changed).
import { HtmlBasePlugin } from '@11ty/eleventy';
import { relative } from 'node:path';
import { siteBuild, projectRoot } from './dist/src/site/context.js';
import { siteData, hasWords } from './dist/src/site/site-data.js';
import { localesDir, translate } from './dist/src/i18n/catalog.js';

export default function (eleventyConfig) {
  const build = siteBuild();
  const pages = (kind, list, template) =>
    eleventyConfig.addTemplate(`${kind}.njk`, `{% include "pages/${template}" %}`, {
      pagination: { data: `site.${list}`, size: 1, alias: 'p' },
      permalink: '{{ p.url }}',
      layout: 'layouts/site.njk',
      eleventyComputed: { lang: '{{ p.lang }}' },
    });

  // Data: every guide of the content folder (the build runs in it), read,
  // explained and rendered in both languages by the pipeline
  // (src/site/site-data.ts); a guide is made again only when one of its files
  // changed.
  eleventyConfig.addGlobalData('site', () => siteData({ contentRoot: '.', report: build.report }));
  eleventyConfig.addGlobalData('base', build.base);

  // Pages (_includes/pages/), each one per item of the data:
  pages('root', 'roots', 'root.njk');                 // /                          choose a language (x-default)
  pages('home', 'homes', 'home.njk');                 // /<lang>/                   every guide: title, languages, topology
  pages('guide', 'guidePages', 'guide.njk');          // /<lang>/<guide>/           the guide, its contents beside it
  pages('topology', 'topologyPages', 'topology.njk'); // /<lang>/<guide>/topology/  diagram, explanations, walks, captures

  // Layouts (_includes/layouts/): the frame of every page — navigation,
  // language switcher, search, theme toggle, table of contents.
  eleventyConfig.setIncludesDirectory(relative(build.contentRoot, `${projectRoot}/_includes`));

  // Words: the UI's strings from src/i18n/locales/<lang>.po, {{ 'Topology' | t(p.lang) }};
  // a string a catalog lacks is reported.
  eleventyConfig.addFilter('t', (msgid, lang) => {
    if (!hasWords(msgid, lang)) {
      build.report.add('', [{ file: `${localesDir}/${lang}.po`, severity: 'warning', message: `no ${lang} words for the UI string "${msgid}"`, source: 'i18n' }]);
    }
    return translate(msgid, lang);
  });

  // Assets: style sheets, scripts, favicon.
  eleventyConfig.addPassthroughCopy({ [`${projectRoot}/_includes/assets`]: 'assets' });

  // Links: every root-relative URL written under --base-url.
  eleventyConfig.addPlugin(HtmlBasePlugin);

  // Watch: a guide's text, its included scripts, its captures and translations.
  eleventyConfig.addWatchTarget(build.contentRoot);

  // Nothing in the content folder is a page by itself.
  eleventyConfig.ignores.add('**/*.njk');

  // Before: a fresh report. After: pages no longer made removed, the search
  // index (Pagefind), the summary.
  eleventyConfig.on('eleventy.before', () => build.report.start());
  eleventyConfig.on('eleventy.after', ({ results }) => build.written?.(results.map((r) => r.outputPath)));
}

export const config = {
  templateFormats: ['njk'],
};
