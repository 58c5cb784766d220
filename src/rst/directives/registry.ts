// Directive name → definition. Names are those of docutils' English language
// module (aliases included: code-block, sourcecode, section-numbering); each
// family module exports its directives keyed by name.

import { element, text } from '../nodes.js';
import { Level } from '../reporter.js';
import { unchangedRequired } from './options.js';
import type { DirectiveDefinition } from './types.js';
import { directives as admonitions } from './admonitions.js';
import { directives as body } from './body.js';
import { directives as capture, NETGUIDE_DIRECTIVE_NAMES } from './capture.js';
import { directives as images } from './images.js';
import { directives as misc } from './misc.js';
import { directives as parts } from './parts.js';
import { directives as references } from './references.js';
import { directives as roles } from './roles.js';
import { directives as tables } from './tables.js';

/** docutils.parsers.rst.languages.en.directives: the names English documents may use. */
export const ENGLISH_DIRECTIVE_NAMES: ReadonlySet<string> = new Set([
  'attention', 'caution', 'code', 'code-block', 'sourcecode', 'danger', 'error', 'hint', 'important',
  'note', 'tip', 'warning', 'admonition', 'sidebar', 'topic', 'line-block', 'parsed-literal', 'rubric',
  'epigraph', 'highlights', 'pull-quote', 'compound', 'container', 'table', 'csv-table', 'list-table',
  'meta', 'math', 'image', 'figure', 'include', 'raw', 'replace', 'unicode', 'date', 'class', 'role',
  'default-role', 'title', 'contents', 'sectnum', 'section-numbering', 'header', 'footer',
  'target-notes', 'restructuredtext-test-directive',
]);

/** docutils' TestDirective: reports what the parser handed it. */
const testDirective: DirectiveDefinition = {
  optionalArguments: 1,
  finalArgumentWhitespace: true,
  optionSpec: { option: unchangedRequired },
  hasContent: true,
  run(call) {
    const args = `[${call.arguments.map(pyStr).join(', ')}]`;
    const opts = `{${Object.entries(call.options).map(([k, v]) => `${pyStr(k)}: ${typeof v === 'string' ? pyStr(v) : String(v)}`).join(', ')}}`;
    const head = `Directive processed. Type="${call.name}", arguments=${args}, options=${opts}, content:`;
    const document = call.state.document;
    if (call.content.length) {
      const value = call.content.map((l) => l.text).join('\n');
      return [document.reporter.systemMessage(Level.INFO, head, {
        line: call.line,
        children: [element('literal_block', { 'xml:space': 'preserve' }, [text(value)])],
      })];
    }
    return [document.reporter.systemMessage(Level.INFO, `${head} None`, { line: call.line })];
  },
};

function pyStr(value: string): string {
  const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
  return quote + value.replace(/\\/g, '\\\\').replace(new RegExp(quote, 'g'), '\\' + quote).replace(/\n/g, '\\n') + quote;
}

const all: Record<string, DirectiveDefinition> = {
  ...admonitions, ...body, ...capture, ...images, ...misc, ...parts, ...references, ...roles, ...tables,
  'restructuredtext-test-directive': testDirective,
};

/** Language-module aliases of canonical directive names. */
const ALIASES: Record<string, string> = { 'code-block': 'code', sourcecode: 'code', 'section-numbering': 'sectnum' };

export interface DirectiveLookup {
  definition?: DirectiveDefinition;
  /** The message docutils gives for a name its language module does not list. */
  info?: string;
}

/** docutils' directives.directive(): find a directive by (case-insensitive) name. */
export function lookupDirective(name: string): DirectiveLookup {
  const normalized = name.toLowerCase();
  const info = ENGLISH_DIRECTIVE_NAMES.has(normalized) || NETGUIDE_DIRECTIVE_NAMES.has(normalized)
    ? undefined
    : `No directive entry for "${name}" in module "docutils.parsers.rst.languages.en".\nTrying "${name}" as canonical directive name.`;
  const canonical = Object.prototype.hasOwnProperty.call(all, normalized) ? normalized : ALIASES[normalized];
  const definition = canonical !== undefined && Object.prototype.hasOwnProperty.call(all, canonical) ? all[canonical] : undefined;
  return { definition, info };
}

/** Register a directive at run time (extensions, tests). */
export function registerDirective(name: string, definition: DirectiveDefinition): void {
  all[name.toLowerCase()] = definition;
}
