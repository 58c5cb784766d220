// reStructuredText as an Eleventy template language: a guide's .rst file is
// rendered by our own pipeline (parse → transforms → hast → shiki → HTML), its
// problems are printed as `file:line:col: level: message`, and every file it
// read (included scripts) is registered so `--serve` rebuilds the page when one
// changes.

import { dirname, resolve } from 'node:path';
import { formatDiagnostic, isFailure, type Diagnostic } from '../cli/diagnostics.js';
import { rstToHtml } from '../rst/html.js';

export interface RstTemplateOptions {
  /** Directory no include may leave (the site's content root). */
  contentRoot: string;
  /** Fail the build on warnings too (`NETGUIDE_STRICT=1`). */
  strict: boolean;
  /** Where diagnostics go (stderr by default). */
  report?: (line: string) => void;
}

interface EleventyCompileContext {
  addDependencies?: (from: string, files: string[]) => void;
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The options object for `eleventyConfig.addExtension('rst', …)`. */
export function rstTemplateExtension(options: RstTemplateOptions) {
  const report = options.report ?? ((line: string) => process.stderr.write(line + '\n'));
  const failures: Diagnostic[] = [];
  return {
    outputFileExtension: 'html',
    failures,
    // Every guide is wrapped in the guide layout (Eleventy does not let
    // eleventyComputed choose a layout, so the template language supplies it).
    getData: async () => ({ layout: 'guide.njk' }),
    compile(this: EleventyCompileContext, inputContent: string, inputPath: string) {
      const addDependencies = this.addDependencies?.bind(this);
      return async () => {
        const path = resolve(inputPath);
        const base = dirname(path);
        let result: Awaited<ReturnType<typeof rstToHtml>>;
        try {
          result = await rstToHtml(inputContent, {
            path: inputPath,
            parse: { sourceName: inputPath, baseDir: base, contentRoot: resolve(options.contentRoot) },
            html: { imageBase: base },
          });
        } catch (error) {
          // A bug of ours must not take the other pages down: report it, fail the build at the end.
          const message = `internal error while rendering: ${error instanceof Error ? error.message : String(error)}`;
          const diagnostic: Diagnostic = { file: inputPath, line: 1, column: 1, severity: 'severe', message };
          report(formatDiagnostic(diagnostic));
          failures.push(diagnostic);
          return `<p class="system-message">${escapeHtml(message)}</p>`;
        }
        const { html, diagnostics, document } = result;
        for (const diagnostic of diagnostics) {
          report(formatDiagnostic(diagnostic));
          if (isFailure(diagnostic, options.strict)) failures.push(diagnostic);
        }
        if (document && addDependencies) addDependencies(inputPath, [...document.dependencies]);
        return html;
      };
    },
  };
}
