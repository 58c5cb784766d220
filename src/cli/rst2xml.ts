// `netguide rst2xml FILE`: the untransformed parse tree as docutils XML on
// stdout (diff it against docutils' `rst2xml --indents`), problems on stderr
// as `file:line:col: level: message`. A `.md` file shows the tree the
// Markdown reader makes of it.
import type { Command } from 'commander';
import { readRstInput } from './rst-input.js';
import { fastStart } from './fast-start.js';
import { formatDiagnostic, toDiagnostic } from '../diagnostics.js';

interface Rst2XmlOptions {
  strict?: boolean;
  contentRoot?: string;
  raw?: boolean;
}

export function register(program: Command): void {
  program
    .command('rst2xml')
    .description('print the untransformed parse tree of a reStructuredText file as docutils XML')
    .argument('<file>', 'the .rst file (- for standard input)')
    .option('--strict', 'exit with status 1 when there is any warning or error')
    .option('--no-raw', 'refuse the raw directive and role (allowed by default here, as in docutils: XML output is never rendered)')
    .option('--content-root <dir>', 'directory includes may not leave (default: the file\'s directory)')
    .action(async (file: string, options: Rst2XmlOptions) => {
      fastStart();
      const input = readRstInput(file, options.contentRoot);
      if (!input) return;
      // The reader is imported when the command runs (`netguide --help` does not load it).
      const [{ parseRst }, { Level }, { toXml }] = await Promise.all([
        import('../rst/index.js'), import('../rst/reporter.js'), import('../rst/writers/xml.js'),
      ]);
      let xml: string;
      let failures = 0;
      if (/\.(md|markdown)$/i.test(file)) {
        const { parseMarkdown } = await import('../markdown/index.js');
        const { tree, messages } = parseMarkdown(input.text, { sourceName: file });
        for (const message of messages) {
          if (message.level < Level.WARNING) continue;
          failures++;
          process.stderr.write(formatDiagnostic(toDiagnostic(message, file, 'markdown')) + '\n');
        }
        process.stdout.write(toXml(tree));
        if (options.strict && failures > 0) process.exitCode = 1;
        return;
      }
      try {
        const { tree, document } = parseRst(input.text, {
          sourceName: file,
          baseDir: input.baseDir,
          contentRoot: input.contentRoot,
          rawEnabled: options.raw !== false,
        });
        xml = toXml(tree);
        for (const problem of input.problems) {
          failures++;
          process.stderr.write(formatDiagnostic(problem) + '\n');
        }
        for (const message of document.reporter.messages) {
          if (message.level < document.settings.reportLevel) continue;
          if (message.level >= Level.WARNING) failures++;
          process.stderr.write(formatDiagnostic(toDiagnostic(message)) + '\n');
        }
      } catch (error) {
        process.stderr.write(`${file}: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        process.exitCode = 3;
        return;
      }
      process.stdout.write(xml);
      if (options.strict && failures > 0) process.exitCode = 1;
    });
}
