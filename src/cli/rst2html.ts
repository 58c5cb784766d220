// `netguide rst2html FILE [--strict] [--standalone]`: the transformed document
// as HTML (a fragment, or a whole page with --standalone) on stdout; problems
// on stderr as `file:line:col: level: message`; exit status 1 on errors (on
// warnings too with --strict).
import type { Command } from 'commander';
import { readRstInput } from './rst-input.js';
import { fastStart } from './fast-start.js';
import { formatDiagnostic, isFailure } from '../diagnostics.js';

interface Rst2HtmlOptions {
  strict?: boolean;
  standalone?: boolean;
  contentRoot?: string;
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function register(program: Command): void {
  program
    .command('rst2html')
    .description('print a reStructuredText file as HTML after docutils-like transforms (table of contents, numbering, references)')
    .argument('<file>', 'the .rst file (- for standard input)')
    .option('--strict', 'exit with status 1 when there is any warning')
    .option('--standalone', 'print a whole HTML page instead of a fragment')
    .option('--content-root <dir>', "directory includes may not leave (default: the file's directory)")
    .action(async (file: string, options: Rst2HtmlOptions) => {
      fastStart();
      const input = readRstInput(file, options.contentRoot);
      if (!input) return;
      // Imported here: the HTML pipeline (shiki's grammars) is the heaviest part to load.
      const { renderGuide, guideCaptures } = await import('../pipeline.js');
      const { html, diagnostics: rendered, document } = await renderGuide(input.text, {
        path: file === '-' ? undefined : file,
        // `.. capture::` takes its output from the captures folder beside the guide
        parse: { sourceName: file, baseDir: input.baseDir, contentRoot: input.contentRoot, ...(file === '-' ? {} : { captureResolver: guideCaptures(file) }) },
        html: { imageBase: input.baseDir },
      });
      const diagnostics = [...input.problems, ...rendered];
      for (const diagnostic of diagnostics) process.stderr.write(formatDiagnostic(diagnostic) + '\n');
      if (options.standalone) {
        const title = String(document?.root.attributes.title ?? file);
        const lang = document?.settings.languageCode ?? 'en';
        process.stdout.write(
          `<!doctype html>\n<html lang="${escapeHtml(lang)}">\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(title)}</title>\n</head>\n<body>\n<main>\n${html}\n</main>\n</body>\n</html>\n`,
        );
      } else {
        process.stdout.write(html + '\n');
      }
      if (diagnostics.some((d) => isFailure(d, Boolean(options.strict)))) process.exitCode = 1;
    });
}
