// Miscellaneous directives, as docutils.parsers.rst.directives.misc: include,
// raw, replace, unicode, date, class, title, meta, and the test directive of
// docutils' own parser tests (`restructuredtext-test-directive`).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import strftime from 'strftime';
import { element, listAttribute, text, type RstElement, type RstNode } from '../nodes.js';
import { decodeText } from '../../text-file.js';
import { Level } from '../reporter.js';
import type { SourceLine } from '../source-lines.js';
import { addName, assertHasContent, classesOf, contentText, directiveSource, noteInsertedLines, PENDING_TRANSFORMS, pendingNode } from './helpers.js';
import {
  clipText,
  expandTabs,
  includedLines,
  normalizeNewlines,
  readDecoded,
  resolveInsideRoot,
} from './include-files.js';
import { parseMetaFields } from './meta-fields.js';
import {
  classOption,
  encoding,
  flag,
  OptionValueError,
  path as pathOption,
  pyInt,
  pyRepr,
  pySplit,
  unchanged,
  unchangedRequired,
  unicodeCode,
  uri,
} from './options.js';
import { standardInclude } from './standard-includes.js';
import type { DirectiveCall, DirectiveDefinition } from './types.js';
import { codeBlockFromInclude } from './include-code.js';
import { numberedLines, numberLinesStart } from './number-lines.js';

/** Deepest chain of nested includes before we stop (docutils only stops on cycles). */
export const MAX_INCLUDE_DEPTH = 20;
/** Most reStructuredText inclusions in one document: a safety net should cycle detection ever miss one. */
export const MAX_INCLUDES = 1000;
const includeCounts = new WeakMap<object, number>();

// ---------------------------------------------------------------- include

interface IncludeLogEntry {
  path: string;
  clip: string;
}

/** For each included source, the chain of includes that brought it in (per document). */
const includeChains = new WeakMap<object, Map<string, IncludeLogEntry[]>>();

function chainsOf(call: DirectiveCall): Map<string, IncludeLogEntry[]> {
  let chains = includeChains.get(call.state.document);
  if (!chains) {
    chains = new Map();
    includeChains.set(call.state.document, chains);
  }
  return chains;
}

/** The directory relative paths resolve against: beside the including file. */
function includingDirectory(call: DirectiveCall, source: string): string {
  const settings = call.state.document.settings;
  if (source === settings.sourceName || chainsOf(call).get(source) === undefined) return settings.baseDir;
  return path.dirname(path.resolve(source));
}

function include(call: DirectiveCall): RstNode[] {
  const document = call.state.document;
  const settings = document.settings;
  if (!settings.fileInsertionEnabled) throw call.error(Level.WARNING, `"${call.name}" directive disabled.`);
  if ('parser' in call.options) {
    throw call.error(Level.ERROR, `The "parser" option of the "${call.name}" directive is not supported: only reStructuredText is included.`);
  }
  const source = directiveSource(call);
  const argument = pathOption(call.arguments[0]);
  // `<isonum.txt>`: a standard include we generate (no file involved).
  let standard: string | undefined;
  if (argument.startsWith('<') && argument.endsWith('>')) {
    standard = standardInclude(argument.slice(1, -1));
    if (standard === undefined) {
      throw call.error(
        Level.SEVERE,
        `Problems with "${call.name}" directive path:\nInputError: [Errno 2] No such file or directory: '${argument.slice(1, -1)}'.`,
      );
    }
  }
  let fileText: string;
  let original: string;
  let shownPath: string;
  /** Warnings about a file read though it is not UTF-8 (shown after its block). */
  const recoded: RstElement[] = [];
  if (standard !== undefined) {
    fileText = original = standard;
    shownPath = argument;
  } else {
    const resolved = resolveInsideRoot(argument, includingDirectory(call, source), settings.contentRoot);
    if (!resolved.ok) throw call.error(Level.SEVERE, `Problems with "${call.name}" directive path:\n${resolved.reason}`);
    let decoded = readDecoded(resolved.absolute, call.options.encoding as string | undefined);
    // Text shown as is (`:literal:`, `:code:`: a capture, a script) that is not UTF-8 is read the project's one
    // way (src/text-file.ts: UTF-16 by its byte order mark, invalid bytes as U+FFFD) and each problem is a warning
    // at its line of the file: a capture saved as UTF-16 or holding binary garbage keeps every line on the page.
    // Text parsed as reStructuredText stays refused, as docutils refuses it.
    if (!decoded.ok && decoded.reason.startsWith('UnicodeDecodeError') && call.options.encoding === undefined && ('literal' in call.options || 'code' in call.options)) {
      const read = decodeText(readFileSync(resolved.absolute), resolved.display);
      for (const problem of read.problems) {
        recoded.push(document.reporter.warning(`Problem with "${call.name}" directive: ${problem.message}`, { source: resolved.display, line: problem.line ?? 1, column: problem.column ?? 1 }));
      }
      decoded = { ok: true, text: read.text };
    }
    if (!decoded.ok) {
      const problem = decoded.reason.startsWith('InputError') ? 'Problems with' : 'Problem with';
      throw call.error(Level.SEVERE, `${problem} "${call.name}" directive${problem === 'Problems with' ? ' path' : ''}:\n${decoded.reason}`);
    }
    document.dependencies.add(resolved.absolute);
    original = decoded.text;
    fileText = normalizeNewlines(decoded.text);
    shownPath = resolved.display;
  }
  document.reporter.knowSource(shownPath, original);
  const tabWidth = (call.options['tab-width'] as number | undefined) ?? settings.tabWidth;
  const clip = {
    startLine: call.options['start-line'] as number | undefined,
    endLine: call.options['end-line'] as number | undefined,
    startAfter: call.options['start-after'] as string | undefined,
    endBefore: call.options['end-before'] as string | undefined,
  };
  const clipped = clipText(fileText, clip);
  if (!clipped.ok) {
    throw call.error(Level.SEVERE, `Problem with "${clipped.option}" option of "${call.name}" directive:\nText not found.`);
  }
  const lines = includedLines(clipped, original, shownPath, tabWidth);
  lines.forEach((line, index) => {
    if (line.text.length > settings.lineLengthLimit) {
      throw call.error(Level.WARNING, `"${shownPath}": line ${index + 1} exceeds the line-length-limit.`);
    }
  });
  // An empty file (or nothing left after clipping) would vanish from the page without a word:
  // a warning in its place says so (docutils is silent; a capture file left empty is a mistake).
  const empty = clipped.text.trim() === '' ? emptyInclude(call, shownPath, clipped.text === fileText) : undefined;

  if ('literal' in call.options) return [literalInclude(call, clipped.text, lines, shownPath, tabWidth), ...recoded, ...(empty ? [empty] : [])];
  if ('code' in call.options) return [...codeBlockFromInclude(call, lines, shownPath), ...recoded, ...(empty ? [empty] : [])];
  if (empty) return [empty];

  // Included as reStructuredText: refuse cycles and runaway nesting.
  const chains = chainsOf(call);
  const clipKey = JSON.stringify([clip.startLine ?? null, clip.endLine ?? null, clip.endBefore ?? null, clip.startAfter ?? null]);
  const parentChain = chains.get(source) ?? [{ path: source, clip: JSON.stringify([null, null, null, null]) }];
  if (parentChain.some((entry) => entry.path === shownPath && entry.clip === clipKey)) {
    const chain = [shownPath, ...parentChain.map((entry) => entry.path).reverse()].join('\n> ');
    throw call.error(Level.WARNING, `circular inclusion in "${call.name}" directive:\n${chain}`);
  }
  const count = (includeCounts.get(document) ?? 0) + 1;
  includeCounts.set(document, count);
  if (count > MAX_INCLUDES) {
    throw call.error(Level.SEVERE, `Problems with "${call.name}" directive: more than ${MAX_INCLUDES} inclusions in one document (at "${shownPath}").`);
  }
  if (parentChain.length > MAX_INCLUDE_DEPTH) {
    throw call.error(
      Level.SEVERE,
      `Problems with "${call.name}" directive: includes nested more than ${MAX_INCLUDE_DEPTH} deep (at "${shownPath}").`,
    );
  }
  chains.set(shownPath, [...parentChain, { path: shownPath, clip: clipKey }]);
  // A blank line after the included text ends its last paragraph, as docutils' end marker does.
  const last = lines[lines.length - 1];
  const closing: SourceLine = last
    ? { text: '', source: shownPath, line: last.line + 1, column: 1, offset: last.offset + last.text.length + 1 }
    : { text: '', source: shownPath, line: 1, column: 1, offset: 0 };
  noteInsertedLines(document, lines);
  call.state.insertInput([...lines, closing], shownPath);
  return [];
}

/** The warning for an include that brings in nothing (the file is empty or blank, or clipping left nothing). */
function emptyInclude(call: DirectiveCall, shownPath: string, wholeFile: boolean): RstElement {
  const what = wholeFile ? `the file "${shownPath}" is empty` : `nothing of "${shownPath}" is left after clipping`;
  return call.state.document.reporter.warning(`Problem with "${call.name}" directive: ${what}; nothing included.`, {
    line: call.line,
    source: directiveSource(call),
  });
}

/** `:literal:` — the clipped text as one literal block (tabs expanded), optionally with line numbers. */
function literalInclude(call: DirectiveCall, rawText: string, lines: SourceLine[], source: string, tabWidth: number): RstElement {
  const value = tabWidth >= 0 ? expandTabs(rawText, tabWidth) : rawText;
  const block = element('literal_block', { source, 'xml:space': 'preserve' }, [], call.position);
  // the position is the directive's; where the text itself starts in the included file is kept for evidence
  block.data = { source, sourceLine: lines[0]?.line ?? 1 };
  const classes = classesOf(call);
  if (classes.length > 0) block.attributes.classes = classes;
  addName(call, block);
  if ('number-lines' in call.options) {
    const start = numberLinesStart(call);
    const end = start + lines.length;
    block.children.push(...numberedLines(value.endsWith('\n') ? value.slice(0, -1) : value, start, end));
  } else {
    block.children.push(text(value));
  }
  return block;
}

// ---------------------------------------------------------------- raw

function raw(call: DirectiveCall): RstNode[] {
  const settings = call.state.document.settings;
  if (!settings.rawEnabled || (!settings.fileInsertionEnabled && ('file' in call.options || 'url' in call.options))) {
    throw call.error(Level.WARNING, `"${call.name}" directive disabled.`);
  }
  const attributes: Record<string, string | string[]> = { format: pySplit((call.arguments[0] ?? '').toLowerCase()).join(' ') };
  let value: string;
  if (call.content.length > 0) {
    if ('file' in call.options || 'url' in call.options) {
      throw call.error(Level.ERROR, `"${call.name}" directive may not both specify an external file and have content.`);
    }
    value = contentText(call);
  } else if ('file' in call.options) {
    if ('url' in call.options) {
      throw call.error(Level.ERROR, `The "file" and "url" options may not be simultaneously specified for the "${call.name}" directive.`);
    }
    const source = directiveSource(call);
    const resolved = resolveInsideRoot(call.options.file as string, includingDirectory(call, source), settings.contentRoot);
    if (!resolved.ok) throw call.error(Level.SEVERE, `Problems with "${call.name}" directive path:\n${resolved.reason}`);
    const decoded = readDecoded(resolved.absolute, call.options.encoding as string | undefined);
    if (!decoded.ok) throw call.error(Level.SEVERE, `Problem with "${call.name}" directive:\n${decoded.reason}`);
    call.state.document.dependencies.add(resolved.absolute);
    value = decoded.text;
    attributes.source = resolved.display;
  } else if ('url' in call.options) {
    // Builds never fetch from the network: the output must depend on the sources alone.
    throw call.error(
      Level.SEVERE,
      `Problems with "${call.name}" directive URL "${String(call.options.url)}":\nfetching URLs is refused (builds read local files only).`,
    );
  } else {
    assertHasContent(call);
    value = '';
  }
  const classes = classesOf(call);
  if (classes.length > 0) attributes.classes = classes;
  return [element('raw', { ...attributes, 'xml:space': 'preserve' }, [text(value)], call.position)];
}

// ---------------------------------------------------------------- substitution-only directives

function assertInSubstitution(call: DirectiveCall): void {
  if (call.state.parent.type !== 'substitution_definition') {
    throw call.error(
      Level.ERROR,
      `Invalid context: the "${call.name}" directive can only be used within a substitution definition.`,
    );
  }
}

function replace(call: DirectiveCall): RstNode[] {
  assertInSubstitution(call);
  assertHasContent(call);
  const holder = element('replace-content', {}, [], call.position);
  call.state.nestedParse(call.content, holder);
  let paragraph: RstElement | undefined;
  const messages: RstElement[] = [];
  for (const child of holder.children) {
    if (child.type === 'text') continue;
    const node = child as RstElement;
    if (!paragraph && node.type === 'paragraph') paragraph = node;
    else if (node.type === 'system_message') {
      node.attributes.backrefs = [];
      messages.push(node);
    } else {
      return [
        call.state.document.reporter.error(`Error in "${call.name}" directive: may contain a single paragraph only.`, {
          line: call.line,
          source: directiveSource(call),
        }),
      ];
    }
  }
  return paragraph ? [...messages, ...paragraph.children] : messages;
}

//   "0xA9 .. copyright sign"  → codes before the first " .. " are kept
const UNICODE_COMMENT = /( |\n|^)\.\. /;

function unicode(call: DirectiveCall): RstNode[] {
  assertInSubstitution(call);
  const definition = call.state.parent;
  if ('trim' in call.options || 'ltrim' in call.options) definition.attributes.ltrim = 1;
  if ('trim' in call.options || 'rtrim' in call.options) definition.attributes.rtrim = 1;
  const codes = pySplit((call.arguments[0] ?? '').split(UNICODE_COMMENT)[0]!);
  let value = '';
  for (const code of codes) {
    try {
      value += unicodeCode(code);
    } catch (error) {
      const reason = error instanceof OptionValueError ? error.message : String(error);
      throw call.error(Level.ERROR, `Invalid character code: ${code}\nValueError: ${reason}`);
    }
  }
  return value ? [text(value, call.position)] : [];
}

type Clock = () => Date;

/** Where `date` gets "now": SOURCE_DATE_EPOCH when set (reproducible builds), else the system clock. */
let clock: Clock = () => {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return new Date();
};

/** Replace the clock of the `date` directive (tests, builds pinned to a date); returns the previous one. */
export function setDateClock(next: Clock): Clock {
  const previous = clock;
  clock = next;
  return previous;
}

function date(call: DirectiveCall): RstNode[] {
  assertInSubstitution(call);
  const format = contentText(call) || '%Y-%m-%d';
  // SOURCE_DATE_EPOCH is a UTC instant by definition; the system clock is shown in local time (as docutils).
  const format_ = process.env.SOURCE_DATE_EPOCH ? strftime.utc() : strftime;
  return [text(format_(format, clock()), call.position)];
}

// ---------------------------------------------------------------- class, title, meta

function classDirective(call: DirectiveCall): RstNode[] {
  let classes: string[];
  try {
    classes = classOption(call.arguments[0]);
  } catch {
    throw call.error(Level.ERROR, `Invalid class attribute value for "${call.name}" directive: "${call.arguments[0]}".`);
  }
  if (call.content.length === 0) {
    return [pendingNode(call, PENDING_TRANSFORMS.class, { class: classes, directive: call.name })];
  }
  const holder = element('class-content', {}, [], call.position);
  call.state.nestedParse(call.content, holder);
  for (const child of holder.children) {
    if (child.type !== 'text') listAttribute(child as RstElement, 'classes').push(...classes);
  }
  return holder.children;
}

function title(call: DirectiveCall): RstNode[] {
  call.state.document.root.attributes.title = call.arguments[0] ?? '';
  return [];
}

function meta(call: DirectiveCall): RstNode[] {
  assertHasContent(call);
  const document = call.state.document;
  const { nodes, complete } = parseMetaFields(call.content, document.reporter);
  if (!complete) {
    nodes.push(
      document.reporter.error('Invalid meta directive.', {
        line: call.line,
        source: directiveSource(call),
        children: [element('literal_block', { 'xml:space': 'preserve' }, [text(call.blockText)])],
      }),
    );
  }
  // Meta elements go to the head of the document, after any title, subtitle or earlier meta
  // (docutils: first child that is not Titular or meta, else index 0).
  const root = document.root;
  const index = root.children.findIndex((child) => !['title', 'subtitle', 'rubric', 'meta'].includes(child.type));
  root.children.splice(index < 0 ? 0 : index, 0, ...nodes);
  return [];
}

// ---------------------------------------------------------------- test directive

function pyList(values: readonly string[]): string {
  return `[${values.map((value) => pyRepr(value)).join(', ')}]`;
}

function pyDict(options: Record<string, unknown>): string {
  const items = Object.entries(options).map(([key, value]) => `${pyRepr(key)}: ${pyValue(value)}`);
  return `{${items.join(', ')}}`;
}

function pyValue(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'string') return pyRepr(value);
  if (Array.isArray(value)) return pyList(value.map(String));
  return String(value);
}

function testDirective(call: DirectiveCall): RstNode[] {
  const prefix = `Directive processed. Type="${call.name}", arguments=${pyList(call.arguments)}, options=${pyDict(call.options)}, content:`;
  const reporter = call.state.document.reporter;
  const source = directiveSource(call);
  if (call.content.length > 0) {
    const value = contentText(call);
    return [
      reporter.info(prefix, {
        line: call.line,
        source,
        children: [element('literal_block', { 'xml:space': 'preserve' }, [text(value)])],
      }),
    ];
  }
  return [reporter.info(`${prefix} None`, { line: call.line, source })];
}

// ---------------------------------------------------------------- registry

export const directives: Record<string, DirectiveDefinition> = {
  include: {
    requiredArguments: 1,
    finalArgumentWhitespace: true,
    optionSpec: {
      literal: flag,
      code: unchanged,
      encoding,
      parser: unchanged,
      'tab-width': pyInt,
      'start-line': pyInt,
      'end-line': pyInt,
      'start-after': unchangedRequired,
      'end-before': unchangedRequired,
      'number-lines': unchanged,
      class: classOption,
      name: unchanged,
    },
    run: include,
  },
  raw: {
    requiredArguments: 1,
    finalArgumentWhitespace: true,
    optionSpec: { file: pathOption, url: uri, encoding, class: classOption },
    hasContent: true,
    run: raw,
  },
  replace: { hasContent: true, run: replace },
  unicode: {
    requiredArguments: 1,
    finalArgumentWhitespace: true,
    optionSpec: { trim: flag, ltrim: flag, rtrim: flag },
    run: unicode,
  },
  date: { hasContent: true, run: date },
  class: { requiredArguments: 1, finalArgumentWhitespace: true, hasContent: true, run: classDirective },
  title: { requiredArguments: 1, finalArgumentWhitespace: true, run: title },
  meta: { hasContent: true, run: meta },
  'restructuredtext-test-directive': {
    optionalArguments: 1,
    finalArgumentWhitespace: true,
    optionSpec: { option: unchangedRequired },
    hasContent: true,
    run: testDirective,
  },
};
