// `.. capture:: <command>` — netguide's own directive: the command's output
// taken from the guide's captures (`<guide>/captures/<host>/NN-slug.txt`,
// first line `$ command`) instead of a pasted block, so the prose stays and
// the outputs follow the machines.
//
//   .. capture:: ovs-vsctl show
//      :host: network          which host's capture (needed when several have the command)
//      :grep: qvo|tap          show only the lines matching this regular expression
//      :lines: 1-20            show only these output lines (1-based: `3`, `1-20`, `1-5,9`)
//
// The rst stage knows no networks: it asks `settings.captureResolver`, which
// the pipeline passes in, for the capture. Found, the output becomes a
// literal block like a pasted one (class `capture`), its place kept in
// `data` (`source`, `sourceLine`: the file and line its first shown line is
// at; `capture`: command, host, the whole output and its first line) so the
// topology stage reads the whole capture whatever the view shows. Not found
// (or nothing left after filtering), a warning at the directive's line and a
// visible placeholder: never an empty block.

import { element, text, type RstElement, type RstNode } from '../nodes.js';
import { addName, classesOf } from './helpers.js';
import { classOption, unchanged, unchangedRequired } from './options.js';
import type { DirectiveCall, DirectiveDefinition } from './types.js';

/** What the directive asks for. */
export interface CaptureRequest {
  command: string;
  host?: string;
}

/** A capture file the resolver found: the whole output and where it is. */
export interface CaptureFound {
  found: true;
  /** The capture file (evidence points into it). */
  file: string;
  host: string;
  /** The command as the file's `$ ` line has it. */
  command: string;
  /** The output: every line after the `$ command` line. */
  output: string;
  /** Line of `file` holding the first output line. */
  firstLine: number;
  /** Said when the choice was not obvious (the command was captured on several hosts): a warning. */
  note?: string;
}

export interface CaptureMissing {
  found: false;
  /** Why, for the warning (the hosts and commands there are). */
  reason: string;
  /** The placeholder's words, in the page's language. */
  placeholder: string;
}

/** The pipeline's answer to `.. capture::`; the file `source` is the file the directive is in. */
export type CaptureResolver = (request: CaptureRequest, source: string) => CaptureFound | CaptureMissing;

/** `1-20`, `3`, `1-5,9-`: 1-based output line ranges (an open end runs to the last line). */
export function lineRanges(value: string | undefined): [number, number][] {
  const spec = (value ?? '').trim();
  if (!spec) throw new Error('a line range is required (e.g. "1-20")');
  return spec.split(',').map((part) => {
    const m = /^\s*(\d+)\s*(?:(-)\s*(\d*)\s*)?$/.exec(part);
    if (!m) throw new Error(`"${part.trim()}" is not a line range (e.g. "3", "1-20", "5-")`);
    const from = Number(m[1]);
    const to = m[2] ? (m[3] ? Number(m[3]) : Infinity) : from;
    if (from < 1 || to < from) throw new Error(`"${part.trim()}" is not a range of lines counted from 1`);
    return [from, to];
  });
}

/** A regular expression option. */
function regex(value: string | undefined): RegExp {
  const source = (value ?? '').trim();
  if (!source) throw new Error('a regular expression is required');
  try {
    return new RegExp(source);
  } catch (error) {
    throw new Error(`not a regular expression: ${(error as Error).message}`);
  }
}

/** The output lines a view keeps: their 1-based numbers. */
export function shownLines(lines: readonly string[], ranges: [number, number][] | undefined, grep: RegExp | undefined): number[] {
  const kept: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const n = i + 1;
    if (ranges && !ranges.some(([a, b]) => n >= a && n <= b)) continue;
    if (grep && !grep.test(lines[i]!)) continue;
    kept.push(n);
  }
  return kept;
}

function run(call: DirectiveCall): RstNode[] {
  const document = call.state.document;
  const command = call.arguments[0]!.trim().replace(/\s+/g, ' ');
  const host = call.options.host as string | undefined;
  const resolver = document.settings.captureResolver;
  const where = { line: call.line, ...(call.source ? { source: call.source } : {}) };
  if (!resolver) {
    const why = `no captures to take "${command}" from (the document is read without its captures folder)`;
    return [document.reporter.warning(`capture: ${why}.`, where), placeholder(call, command, host, `$ ${command}`)];
  }
  const answer = resolver({ command, ...(host ? { host } : {}) }, call.source ?? document.settings.sourceName);
  if (!answer.found) {
    return [document.reporter.warning(`capture: ${answer.reason}`, where), placeholder(call, command, host, answer.placeholder)];
  }
  const lines = answer.output.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const ranges = call.options.lines as [number, number][] | undefined;
  const grep = call.options.grep as RegExp | undefined;
  const kept = shownLines(lines, ranges, grep);
  document.dependencies.add(answer.file);
  const notes: RstNode[] = answer.note ? [document.reporter.warning(`capture: ${answer.note}`, where)] : [];
  if (kept.length === 0) {
    const what = lines.length === 0 ? `the capture of "${command}" in ${answer.file} has no output` : `no line of "${command}" (${answer.file}) is left by ${[ranges ? ':lines:' : '', grep ? ':grep:' : ''].filter(Boolean).join(' and ')}`;
    return [...notes, document.reporter.warning(`capture: ${what}.`, where), placeholder(call, command, answer.host, `$ ${answer.command}`)];
  }
  const block = element('literal_block', { 'xml:space': 'preserve', classes: ['capture', ...classesOf(call)] }, [text(kept.map((n) => lines[n - 1]!).join('\n'))], call.position);
  block.data = {
    source: answer.file,
    sourceLine: answer.firstLine + kept[0]! - 1,
    capture: {
      command: answer.command,
      host: answer.host,
      output: answer.output,
      firstLine: answer.firstLine,
      ...(kept.length < lines.length ? { shown: kept.map((n) => answer.firstLine + n - 1) } : {}),
    },
  };
  addName(call, block);
  return [...notes, block];
}

/**
 * What stands where a capture could not be shown: a block (never translated,
 * never read as a capture: `data.captureMissing`) with the command and why,
 * in the page's words.
 */
function placeholder(call: DirectiveCall, command: string, host: string | undefined, words: string): RstElement {
  const head = `$ ${command}${host ? `    (${host})` : ''}`;
  const value = words && words !== `$ ${command}` ? `${head}\n${words}` : head;
  const block = element('literal_block', { 'xml:space': 'preserve', classes: ['capture-missing', ...classesOf(call)] }, [text(value)], call.position);
  block.data = { captureMissing: true };
  return block;
}

export const directives: Record<string, DirectiveDefinition> = {
  capture: {
    requiredArguments: 1,
    finalArgumentWhitespace: true,
    optionSpec: { host: unchangedRequired, grep: regex, lines: lineRanges, class: classOption, name: unchanged },
    hasContent: false,
    run,
  },
};

/** The directives netguide adds to docutils' (no "No directive entry" note for them). */
export const NETGUIDE_DIRECTIVE_NAMES: ReadonlySet<string> = new Set(Object.keys(directives));
