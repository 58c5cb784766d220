// The site, as a table of contents. Guides and their captures live in
// content/<guide>/, layouts in _includes/, the published site in _site/.
// The pipeline is TypeScript compiled to dist/ (npm run build compiles first).
import { I18nPlugin } from '@11ty/eleventy';
import { rstTemplateExtension } from './dist/src/site/rst-template.js';
import { translate } from './dist/src/i18n/catalog.js';
import { forgetGuideTopologies } from './dist/src/site/guide-topology.js';

const strict = process.env.NETGUIDE_STRICT === '1';
// NETGUIDE_CONTENT / NETGUIDE_SITE build another content folder, or into
// another place (test/site builds fixture guides into a temporary folder).
const contentRoot = process.env.NETGUIDE_CONTENT || 'content';
const siteRoot = process.env.NETGUIDE_SITE || '_site';

export default function (eleventyConfig) {
  // Guides written in reStructuredText, rendered by our own reader.
  const rst = rstTemplateExtension({ contentRoot, strict });
  eleventyConfig.addTemplateFormats('rst');
  eleventyConfig.addExtension('rst', rst);

  // Two languages, one URL per language: /zh/…, /en/….
  eleventyConfig.addPlugin(I18nPlugin, { defaultLanguage: 'zh', errorMode: 'allow-fallback' });

  // UI strings from the PO catalogs in src/i18n/locales: {{ 'Topology' | t(lang) }}.
  eleventyConfig.addFilter('t', (msgid, lang) => translate(msgid, lang));

  // Each guide's topology page in each language (content/topology.njk, data from
  // content/_data/guides.js): /zh/<guide>/topology/, /en/<guide>/topology/.

  // Each build (and each rebuild of --serve) reads the captures afresh.
  eleventyConfig.on('eleventy.before', forgetGuideTopologies);

  // Style sheets and scripts; d3 for the diagram in the browser, from the package (no CDN).
  eleventyConfig.addPassthroughCopy({ '_includes/assets': 'assets' });
  eleventyConfig.addPassthroughCopy({ 'node_modules/d3/dist/d3.min.js': 'assets/d3.min.js' });

  // A guide's scripts and captures are inputs of its page, not pages.
  eleventyConfig.ignores.add('content/**/*.sh');
  eleventyConfig.ignores.add('content/**/captures/**');

  // --strict: a warning anywhere fails the build, after every page was tried.
  eleventyConfig.on('eleventy.after', () => {
    if (rst.failures.length > 0) {
      throw new Error(`${rst.failures.length} problem(s) in the guides (see above)`);
    }
  });
}

export const config = {
  dir: { input: contentRoot, includes: '../_includes', output: siteRoot },
  templateFormats: ['md', 'njk', 'rst'],
};
