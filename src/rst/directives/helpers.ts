// Helpers every directive family uses, mirroring docutils' Directive base class
// (assert_has_content, add_name, set_classes) plus what our tree needs on top:
// source lines for directive arguments (so inline nodes in a title get exact
// positions) and `pending` nodes carrying their transform and details.

import { normalizeName } from '../names.js';
import { element, listAttribute, type Position, type RstElement } from '../nodes.js';
import { Level } from '../reporter.js';
import type { SourceLine } from '../source-lines.js';
import type { DirectiveCall } from './types.js';

/** Transforms that `pending` nodes name, with docutils' priorities. */
export const PENDING_TRANSFORMS = {
  class: { name: 'class', priority: 210 },
  targetNotes: { name: 'target-notes', priority: 540 },
  sectnum: { name: 'sectnum', priority: 710 },
  contents: { name: 'contents', priority: 720 },
} as const;

/**
 * Lines inserted into each document by `include`, by where they start: a
 * directive whose call does not name its source is matched to them by its
 * first line's place and text.
 */
const insertedLines = new WeakMap<object, Map<string, SourceLine[]>>();

function placeKey(line: number, offset: number): string {
  return `${line}:${offset}`;
}

/** Remember lines an include inserted (so directives in them know their file). */
export function noteInsertedLines(document: object, lines: readonly SourceLine[]): void {
  let byPlace = insertedLines.get(document);
  if (!byPlace) {
    byPlace = new Map();
    insertedLines.set(document, byPlace);
  }
  for (const line of lines) {
    const key = placeKey(line.line, line.offset);
    const list = byPlace.get(key);
    if (list) list.push(line);
    else byPlace.set(key, [line]);
  }
}

/**
 * The source file the directive was read from (the included file for included
 * text): the call's own `source` when the parser gives one, else the most
 * recently inserted line at the directive's place with the directive's text,
 * else the document's source.
 */
export function directiveSource(call: DirectiveCall): string {
  if (call.source) return call.source;
  const start = call.position.start;
  const firstLine = call.blockText.split('\n', 1)[0] ?? '';
  const byPlace = insertedLines.get(call.state.document);
  if (byPlace) {
    // The directive's first line starts `column - 1` characters into its source line.
    for (const lead of [0, start.column - 1]) {
      const candidates = byPlace.get(placeKey(start.line, start.offset - lead));
      const match = candidates?.findLast((line) => line.text.slice(start.column - line.column).startsWith(firstLine));
      if (match) return match.source;
    }
  }
  return call.content[0]?.source ?? call.state.document.settings.sourceName;
}

/** docutils' assert_has_content: an ERROR when the directive has no content. */
export function assertHasContent(call: DirectiveCall): void {
  if (call.content.length === 0 || call.content.every((line) => line.text.trim() === '')) {
    throw call.error(Level.ERROR, `Content block expected for the "${call.name}" directive; none found.`);
  }
}

/** The `:class:` option as the node's `classes` (docutils' set_classes). */
export function classesOf(call: DirectiveCall): string[] {
  const value = call.options.class;
  return Array.isArray(value) ? [...(value as string[])] : [];
}

/** docutils' add_name: the `:name:` option becomes an explicit target name of `node`. */
export function addName(call: DirectiveCall, node: RstElement): void {
  const name = call.options.name;
  if (typeof name !== 'string') return;
  listAttribute(node, 'names').push(normalizeName(name));
  call.state.document.noteExplicitTarget(node, node);
}

/** The directive's content as docutils joins it (`'\n'.join(self.content)`). */
export function contentText(call: DirectiveCall): string {
  return call.content.map((line) => line.text).join('\n');
}

/**
 * Source lines for a (final) argument, found in the directive's first lines:
 *
 *     .. admonition:: And, by
 *        the way          ← argument "And, by\nthe way" spans two lines
 *
 * Lines after the first are assumed to be dedented like the first one.
 */
export function argumentLines(call: DirectiveCall, argument: string): SourceLine[] {
  const source = directiveSource(call);
  const blockLines = call.blockText.split('\n');
  const start = call.position.start;
  const indent = start.column - 1;
  // File offset where block line k starts (its indentation included).
  const lineStarts: number[] = [];
  let offset = start.offset - indent;
  for (const line of blockLines) {
    lineStarts.push(offset);
    offset += indent + line.length + 1;
  }
  const marker = blockLines[0]?.indexOf('::') ?? -1;
  const lines: SourceLine[] = [];
  let k = 0;
  let from = marker < 0 ? 0 : marker + 2;
  for (const piece of argument.split('\n')) {
    // Skip to the block line holding this piece.
    let at = -1;
    for (let probe = k; probe < blockLines.length; probe++) {
      at = blockLines[probe]!.indexOf(piece, probe === k ? from : 0);
      if (at >= 0) {
        k = probe;
        break;
      }
    }
    if (at < 0) at = 0;
    const index = Math.min(k, blockLines.length - 1);
    lines.push({ text: piece, source, line: start.line + index, column: start.column + at, offset: lineStarts[index]! + indent + at });
    k++;
    from = 0;
  }
  return lines;
}

/** A `title` element holding the inline markup of `text` (plus the messages inline parsing made). */
export function inlineTitle(call: DirectiveCall, titleText: string): { title: RstElement; messages: RstElement[] } {
  const lines = argumentLines(call, titleText);
  const title = element('title', {}, [], positionOfLines(lines) ?? call.position);
  const { nodes, messages } = call.state.parseInline(titleText, lines, title);
  title.children.push(...nodes);
  return { title, messages };
}

function positionOfLines(lines: readonly SourceLine[]): Position | undefined {
  const first = lines[0];
  const last = lines[lines.length - 1];
  if (!first || !last) return undefined;
  return {
    start: { line: first.line, column: first.column, offset: first.offset },
    end: { line: last.line, column: last.column + last.text.length, offset: last.offset + last.text.length },
  };
}

/**
 * A `pending` node: `data.transform` names the transform that replaces it,
 * `data.details` holds the directive's options, `data.rawsource` its text.
 * Registered with the document so transforms run in docutils' order.
 */
export function pendingNode(
  call: DirectiveCall,
  transform: { name: string; priority: number },
  details: Record<string, unknown>,
): RstElement {
  const pending = element('pending', {}, [], call.position);
  pending.data = { transform: transform.name, details, rawsource: call.blockText };
  call.state.document.notePending(pending, transform.name, transform.priority);
  return pending;
}

/** Copy of the options without the ones a directive consumed itself. */
export function detailsOf(options: Record<string, unknown>, ...omit: string[]): Record<string, unknown> {
  const details: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) if (!omit.includes(key)) details[key] = value;
  return details;
}
