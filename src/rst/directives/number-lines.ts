// `:number-lines: [start]` of literal and code includes: an `inline` with
// class `ln` before every line, numbers right-aligned to the widest one, as
// docutils' NumberLines filter does.

import { element, text, type RstNode } from '../nodes.js';
import { Level } from '../reporter.js';
import { pyInt } from './options.js';
import type { DirectiveCall } from './types.js';

/** The first line number of `:number-lines: [start]` (1 when no value). */
export function numberLinesStart(call: DirectiveCall): number {
  const raw = call.options['number-lines'];
  if (raw === undefined || raw === null || raw === '') return 1;
  try {
    return pyInt(String(raw));
  } catch {
    throw call.error(Level.ERROR, ':number-lines: with non-integer start value');
  }
}

/**
 *     value "a\nb", start 9, end 11   →   <inline ln>" 9 "</inline>"a\n"<inline ln>"10 "</inline>"b"
 *
 * The width is that of `end` (docutils passes start + number of lines).
 */
export function numberedLines(value: string, start: number, end: number): RstNode[] {
  const width = String(end).length;
  const nodes: RstNode[] = [];
  value.split('\n').forEach((line, index, all) => {
    nodes.push(element('inline', { classes: ['ln'] }, [text(String(start + index).padStart(width) + ' ')]));
    const body = index < all.length - 1 ? line + '\n' : line;
    if (body) nodes.push(text(body));
  });
  return nodes;
}
