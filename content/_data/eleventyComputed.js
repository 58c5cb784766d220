// Computed for every page: a guide written in reStructuredText is published at
// /<its language>/<its name>/ with the guide layout.
const isGuide = (data) => String(data.page?.inputPath ?? '').endsWith('.rst');

export default {
  layout: (data) => data.layout ?? (isGuide(data) ? 'guide.njk' : 'base.njk'),
  permalink: (data) => (isGuide(data) ? `/${data.lang}/${data.page.fileSlug}/` : data.permalink),
};
