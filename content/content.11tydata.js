// Defaults for every page under content/: a guide written in reStructuredText
// is published at /<its language>/<its name>/ with the guide layout.
export default {
  eleventyComputed: {
    layout: (data) => data.layout ?? (data.page.inputPath.endsWith('.rst') ? 'guide.njk' : 'base.njk'),
    permalink: (data) =>
      data.permalink ?? (data.page.inputPath.endsWith('.rst') ? `/${data.lang}/${data.page.fileSlug}/` : undefined),
  },
};
