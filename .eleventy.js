// The site, as a table of contents. Content lives in content/, layouts in
// _includes/, the published site in _site/.
export default function (eleventyConfig) {
  eleventyConfig.ignores.add('content/**/*.sh');
}

export const config = {
  dir: { input: 'content', includes: '../_includes', output: '_site' },
  templateFormats: ['md', 'njk', 'html'],
};
