// `netguide build [--content DIR] [--out DIR] [--strict] [--base-url /prefix/] [--watch]`:
// the site of a content folder (one folder per guide), written with Eleventy
// and indexed with Pagefind. Progress on stderr, one line per guide, then a
// summary; the exit status is 1 on a severe problem (docutils' halt level), or
// with --strict on any warning, after every page was tried.

import type { Command } from 'commander';

interface BuildCommandOptions {
  content: string;
  out: string;
  strict?: boolean;
  baseUrl?: string;
  watch?: boolean;
}

export function register(program: Command): void {
  program
    .command('build')
    .description('the bilingual site of a content folder (one folder per guide), with its search index')
    .option('--content <dir>', 'the content folder: <guide>/<guide>.rst (or .md), its scripts and captures', 'content')
    .option('--out <dir>', 'where the site is written', '_site')
    .option('--strict', 'fail on any warning (after every page was tried)')
    .option('--base-url <prefix>', 'publish under a sub-path: every link, asset and the search index honour it', '/')
    .option('--watch', 'build, then build again when a guide, an included script or a capture changes')
    .action(async (options: BuildCommandOptions) => {
      // The site's code (Eleventy, the pipeline) is loaded when the command runs.
      const { buildSite } = await import('../site/build.js');
      process.exitCode = await buildSite({
        content: options.content,
        out: options.out,
        base: options.baseUrl ?? '/',
        strict: Boolean(options.strict),
        watch: Boolean(options.watch),
      });
    });
}
