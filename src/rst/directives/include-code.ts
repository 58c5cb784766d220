// `include` with `:code: [language]`: the included lines are handed to the
// `code` directive, as docutils hands them to its CodeBlock (classes
// `code <language>`, `:class:`, `:name:`, `:number-lines:`), and the block
// gets a `source` attribute naming the included file.

import type { RstElement, RstNode } from '../nodes.js';
import type { SourceLine } from '../source-lines.js';
import { directives as body } from './body.js';
import type { DirectiveCall } from './types.js';

export function codeBlockFromInclude(call: DirectiveCall, lines: SourceLine[], source: string): RstNode[] {
  const language = String(call.options.code ?? '');
  const options: Record<string, unknown> = {};
  for (const key of ['class', 'name', 'number-lines']) if (key in call.options) options[key] = call.options[key];
  const nodes = body.code!.run({ ...call, arguments: language ? [language] : [], options, content: lines });
  for (const node of nodes) {
    if (node.type === 'literal_block') (node as RstElement).attributes.source = source;
  }
  return nodes;
}
