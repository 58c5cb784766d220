// Computed for every page: a guide written in reStructuredText is published at
// /<its language>/<its name>/ (the language from the guide folder's data file,
// `lang`; English when a guide does not say). Layouts come from the rst
// template's getData (Eleventy ignores a computed `layout`).
const isGuide = (data) => String(data.page?.inputPath ?? '').endsWith('.rst');

export default {
  lang: (data) => data.lang ?? (isGuide(data) ? 'en' : data.lang),
  permalink: (data) => (isGuide(data) ? `/${data.lang ?? 'en'}/${data.page.fileSlug}/` : data.permalink),
};
