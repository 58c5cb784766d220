// rst → HTML in one call: parse, the caller's tree plugins (a translation
// replaces the text of the parsed tree there, before the transforms number
// and list its sections), transform (comments stripped: HTML only),
// convert to hast, run the caller's rehype plugins (the pipeline adds shiki's
// highlighting there: rst knows no highlighter), stringify (any depth:
// to-hast/stringify.ts slices deep trees for rehype-stringify). Returns the
// HTML and every problem as a diagnostic (file:line:col, level, message).

import rehypeStringify from 'rehype-stringify';
import { unified, type PluggableList } from 'unified';
import { VFile } from 'vfile';
import { toDiagnostic, type Diagnostic } from '../diagnostics.js';
import type { Document } from './document.js';
import { rstParse, type RstParseOptions } from './index.js';
import { rstRehype, type RstRehypeOptions } from './to-hast/index.js';
import { expandSlices, rehypeSliceDeep, stringifyOptions } from './to-hast/stringify.js';
import { rstTransforms, type TransformOptions } from './transforms/index.js';

export interface RstToHtmlOptions {
  /** Path of the file (messages name it; includes and images resolve beside it). */
  path?: string;
  parse?: RstParseOptions;
  transforms?: Partial<TransformOptions>;
  html?: RstRehypeOptions;
  /** unified plugins run on the parsed rst tree before the transforms (a translation of its text). */
  treePlugins?: PluggableList;
  /** rehype plugins run on the HTML tree before it is stringified (highlighting, the site's additions). */
  rehypePlugins?: PluggableList;
}

export interface RstHtmlResult {
  html: string;
  diagnostics: Diagnostic[];
  document: Document | undefined;
}

export async function rstToHtml(text: string, options: RstToHtmlOptions = {}): Promise<RstHtmlResult> {
  const file = new VFile({ value: text, path: options.path });
  const processor = unified().use(rstParse, options.parse ?? {});
  if (options.treePlugins) processor.use(options.treePlugins);
  processor
    .use(rstTransforms as never, { stripComments: true, ...options.transforms })
    .use(rstRehype as never, options.html ?? {});
  if (options.rehypePlugins) processor.use(options.rehypePlugins);
  processor.use(rehypeSliceDeep).use(rehypeStringify as never, stringifyOptions());
  const result = await processor.process(file);
  const document = result.data.rst;
  const html = expandSlices(String(result.value ?? ''), result.data.htmlSlices);
  return { html, diagnostics: collectDiagnostics(result, document), document };
}

/** rst messages from the Document (they know the included file they came from), the rest from the vfile. */
function collectDiagnostics(file: VFile, document: Document | undefined): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (document) {
    for (const message of document.reporter.messages) {
      if (message.level >= document.settings.reportLevel) out.push(toDiagnostic(message));
    }
  }
  for (const message of file.messages) {
    if (document && message.source === 'rst') continue;
    out.push(toDiagnostic(message, file.path ?? '<stdin>'));
  }
  return out;
}
