// What the property tests fuzz: one target per capture parser (every parser of
// src/captures/registry.ts), the rst parser, and rst → HTML. Each target has
// an input generator (real fixture inputs mutated — lines deleted, duplicated,
// swapped, cut, bytes injected — and line soups built from those inputs' own
// lines and tokens, and plain arbitrary text) and a check that throws when a
// property fails:
//
//   capture parser   parse() never throws; one role per output line, the
//                    `unparsed` list agrees with the roles, each unparsed line
//                    kept verbatim with a reason; every evidence line inside the output
//   rst parser       never throws; every node has a position, and every
//                    position lies inside the input (lines, columns, offsets agree)
//   rst → HTML       transforms, hast and stringify never throw
//
// Used by test/property/parsers.test.ts (a short count in CI) and
// scripts/fuzz.ts (`npm run fuzz`: 100,000 cases per target).

import fc from 'fast-check';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCommandLine } from '../../src/captures/command-line.js';
import { splitLines } from '../../src/captures/lines.js';
import { commandFromFirstLine, findParser, parsers } from '../../src/captures/registry.js';
import type { CaptureParser, CaptureResult, CommandLine } from '../../src/captures/types.js';
import { parseRst } from '../../src/rst/index.js';
import { lineStartOffsets } from '../../src/rst/parser/lines.js';
import { rstToHtml } from '../../src/rst/html.js';
import type { Point, RstElement, RstNode } from '../../src/rst/nodes.js';
import { fixturesDir, labSamples, seedGuide } from '../fixture-paths.js';

export interface FuzzTarget {
  name: string;
  /** The inputs, as an arbitrary. */
  input: () => fc.Arbitrary<string>;
  /** Throws when a property does not hold for `input`. */
  check: (input: string) => void | Promise<void>;
  /** True when `check` returns a promise (it is then run as fast-check's asyncProperty). */
  async?: boolean;
}

// ---- mutations of real inputs -------------------------------------------------

/** One edit of a text, as fast-check can generate and shrink it. */
type Op =
  | { kind: 'delete'; at: number }
  | { kind: 'duplicate'; at: number }
  | { kind: 'swap'; at: number; with: number }
  | { kind: 'cut'; at: number; column: number }
  | { kind: 'inject'; at: number; column: number; text: string }
  | { kind: 'indent'; at: number; by: string }
  | { kind: 'truncate'; at: number };

/** Bytes people and tools put where they should not be: NUL, ESC (colours), CR, tabs, BOM, DEL, C1, U+FFFD, wide and combining text. */
const NASTY = ['\0', '\x1b[0m', '\x1b[1;31m', '\r', '\t', '\ufeff', '\x7f', '\x85', '\u2028', '\ufffd', '\x0b', '\x0c', '表', '\u0301', '"', '\\', '<script>', '{', '}', '[', ']', '=', ',', ':', '@', '/', ' ', '  ', '\n', '\r\n'];

const nastyText = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.array(fc.constantFrom(...NASTY), { maxLength: 4 }).map((parts) => parts.join('')),
);

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), column: fc.nat() }),
  fc.record({ kind: fc.constant('inject' as const), at: fc.nat(), column: fc.nat(), text: nastyText }),
  fc.record({ kind: fc.constant('indent' as const), at: fc.nat(), by: fc.constantFrom(' ', '    ', '\t', '') }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

/** Apply edits to a text, line by line (indices wrap around the current line count). */
export function mutate(text: string, ops: Op[]): string {
  let lines = text.split('\n');
  for (const o of ops) {
    if (lines.length === 0) lines = [''];
    const i = o.at % lines.length;
    const line = lines[i]!;
    switch (o.kind) {
      case 'delete':
        lines.splice(i, 1);
        break;
      case 'duplicate':
        lines.splice(i, 0, line);
        break;
      case 'swap': {
        const j = o.with % lines.length;
        [lines[i], lines[j]] = [lines[j]!, line];
        break;
      }
      case 'cut':
        lines[i] = line.slice(0, o.column % (line.length + 1));
        break;
      case 'inject': {
        const c = o.column % (line.length + 1);
        lines[i] = line.slice(0, c) + o.text + line.slice(c);
        break;
      }
      case 'indent':
        lines[i] = o.by + line.trimStart();
        break;
      case 'truncate':
        lines = lines.slice(0, i + 1);
        break;
    }
  }
  return lines.join('\n');
}

/** Real inputs mutated; line soups of their lines; their words re-combined; plain arbitrary text. */
function inputsFrom(samples: string[]): fc.Arbitrary<string> {
  const lines = [...new Set(samples.flatMap((s) => s.split('\n')))];
  const words = [...new Set(lines.flatMap((l) => l.split(/(\s+)/)).filter((w) => w !== ''))];
  const mutated = fc.record({ base: fc.constantFrom(...samples), ops: fc.array(op, { maxLength: 8 }) }).map(({ base, ops }) => mutate(base, ops));
  const soup = fc.array(fc.constantFrom(...lines), { maxLength: 40 }).map((ls) => ls.join('\n'));
  const wordLines = fc
    .array(fc.array(fc.constantFrom(...words), { maxLength: 16 }).map((ws) => ws.join('')), { maxLength: 20 })
    .map((ls) => ls.join('\n'));
  return fc.oneof(
    { weight: 5, arbitrary: mutated },
    { weight: 2, arbitrary: soup.chain((s) => fc.array(op, { maxLength: 4 }).map((ops) => mutate(s, ops))) },
    { weight: 2, arbitrary: wordLines },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  );
}

// ---- capture parsers --------------------------------------------------------------

interface CaptureSample {
  command: CommandLine;
  text: string;
}

function textFiles(root: string): string[] {
  if (!existsSync(root)) return [];
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.txt') && name !== 'probe.txt') out.push(path);
    }
  };
  walk(root);
  return out;
}

/** Every capture we have (parser fixtures, lab samples), by the parser its `$ command` line names. */
function captureSamples(): Map<string, CaptureSample[]> {
  const byParser = new Map<string, CaptureSample[]>();
  for (const file of [...textFiles(join(fixturesDir, 'captures')), ...textFiles(labSamples)]) {
    const raw = readFileSync(file, 'utf8');
    const command = commandFromFirstLine(raw);
    if (command === undefined) continue;
    const cmd = parseCommandLine(command);
    const parser = findParser(cmd);
    if (!parser) continue;
    const list = byParser.get(parser.name) ?? [];
    list.push({ command: cmd, text: raw.slice(raw.indexOf('\n') + 1) });
    byParser.set(parser.name, list);
  }
  return byParser;
}

/** The evidence line ranges anywhere in a record (records nest: bridges → ports → interfaces). */
function evidenceLines(value: unknown, out: { line: number; endLine?: number }[] = []): { line: number; endLine?: number }[] {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (const x of v) stack.push(x);
      continue;
    }
    for (const [key, x] of Object.entries(v)) {
      if (key === 'evidence' && x !== null && typeof x === 'object' && typeof (x as { line?: unknown }).line === 'number') out.push(x as { line: number; endLine?: number });
      else stack.push(x);
    }
  }
  return out;
}

/** The properties every capture result holds, whatever the input. */
export function checkCaptureResult(result: CaptureResult, text: string): void {
  const lines = splitLines(text);
  const fail = (what: string): never => {
    throw new Error(what);
  };
  if (result.lineRoles.length !== lines.length) fail(`${result.lineRoles.length} roles for ${lines.length} lines`);
  const unparsed = new Set<number>();
  for (const u of result.unparsed) {
    if (unparsed.has(u.line)) fail(`line ${u.line} listed twice as unparsed`);
    unparsed.add(u.line);
    if (u.line < 1 || u.line > lines.length) fail(`unparsed line ${u.line} outside 1..${lines.length}`);
    if (!u.reason) fail(`unparsed line ${u.line} without a reason`);
    if (u.text !== lines[u.line - 1]) fail(`unparsed line ${u.line} not kept verbatim`);
  }
  result.lineRoles.forEach((role, i) => {
    if (!['fact', 'header', 'blank', 'noise', 'unparsed'].includes(role)) fail(`line ${i + 1}: no role (${String(role)})`);
    if ((role === 'unparsed') !== unparsed.has(i + 1)) fail(`line ${i + 1}: role ${role} and the unparsed list disagree`);
  });
  for (const e of evidenceLines(result.records)) {
    const end = e.endLine ?? e.line;
    if (!(e.line >= 1 && e.line <= end && end <= lines.length)) fail(`evidence ${e.line}-${end} outside the output's ${lines.length} lines`);
  }
  JSON.stringify(result.records);
}

/**
 * A capture target's input is a capture file as a bundle holds it: a first line
 * `$ command` (one of the commands the samples were made with), then the
 * output, so a counterexample reads as a capture.
 */
function captureTarget(parser: CaptureParser, samples: CaptureSample[]): FuzzTarget {
  const commands = [...new Set(samples.map((s) => s.command.raw))];
  return {
    name: parser.name,
    input: () => fc.tuple(fc.constantFrom(...commands), inputsFrom(samples.map((s) => s.text))).map(([command, text]) => `$ ${command}\n${text}`),
    check: (input) => {
      const newline = input.indexOf('\n');
      const text = input.slice(newline + 1);
      const result = parser.parse(text, parseCommandLine(input.slice(2, newline)));
      checkCaptureResult(result, text);
    },
  };
}

// ---- the rst parser ------------------------------------------------------------------

/** A folder with nothing in it: includes and `:file:` options in fuzzed text resolve (and are refused) there. */
let emptyRoot: string | undefined;
function contentRoot(): string {
  emptyRoot ??= mkdtempSync(join(tmpdir(), 'netguide-fuzz-'));
  return emptyRoot;
}

function rstSamples(): string[] {
  const samples: string[] = [readFileSync(seedGuide, 'utf8')];
  for (const folder of ['rst', 'rst-tables', 'rst-csv']) {
    const root = join(fixturesDir, folder);
    for (const name of readdirSync(root).sort()) {
      const input = join(root, name, 'input.rst');
      if (existsSync(input)) samples.push(readFileSync(input, 'utf8'));
    }
  }
  return samples;
}

/** Markup fragments a line of rst may start with or hold, for line soups beyond the fixtures' own lines. */
const RST_TOKENS = [
  '=====', '-----', '~~~~', '====  ====', '+---+---+', '| a | b |', '+===+', '- ', '* ', '#. ', '1. ', '(a) ', 'i) ',
  ':field: ', ':: ', '::', '.. ', '.. note::', '.. code:: bash', '.. image:: x.png', '.. figure:: y.png', '.. include:: ../../etc/passwd',
  '.. csv-table::', '   :file: /etc/passwd', '.. raw:: html', '.. |sub| replace:: x', '.. _target:', '.. [1] ', '.. [#] ', '__ ', '|sub|',
  '[1]_', '`link <http://x>`_', '*em*', '**strong**', '``lit``', ':role:`x`', '>>> ', '-a  ', '--opt=x  ', '   ', '\t', 'text', '表格',
];

function rstInputs(): fc.Arbitrary<string> {
  const samples = rstSamples();
  const tokenLines = fc
    .array(fc.array(fc.constantFrom(...RST_TOKENS), { minLength: 1, maxLength: 4 }).map((ts) => ts.join('')), { maxLength: 30 })
    .map((ls) => ls.join('\n'));
  return fc.oneof({ weight: 4, arbitrary: inputsFrom(samples) }, { weight: 1, arbitrary: tokenLines });
}


/** Whether `point` lies in `text`: offset in [0, length], its line as the parser counts lines, the offset on that line. */
function pointProblem(point: Point, text: string, starts: number[]): string | undefined {
  if (!(point.offset >= 0 && point.offset <= text.length)) return `offset ${point.offset} outside 0..${text.length}`;
  if (!(point.line >= 1 && point.line <= starts.length)) return `line ${point.line} outside 1..${starts.length}`;
  if (point.column < 1) return `column ${point.column}`;
  const lineStart = starts[point.line - 1]!;
  const lineEnd = point.line < starts.length ? starts[point.line]! : text.length;
  if (!(point.offset >= lineStart && point.offset <= lineEnd)) return `offset ${point.offset} is not on line ${point.line} (${lineStart}..${lineEnd})`;
  return undefined;
}

/**
 * Every node has a position, inside the input: offsets in [0, length], start ≤
 * end, line and offset agree. A node an include brought in is positioned in
 * its own file: its points must lie in one of the texts read (`texts`: the
 * input, then the included files), the input first.
 */
export function checkRstPositions(root: RstNode, texts: string[]): void {
  const tables = texts.map((t) => ({ text: t, starts: lineStartOffsets(t) }));
  const stack: { node: RstNode; path: string }[] = [{ node: root, path: root.type }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    const p = node.position;
    if (p === undefined) throw new Error(`${path}: no position`);
    for (const [name, point] of [['start', p.start], ['end', p.end]] as const) {
      const problems = tables.map((t) => pointProblem(point, t.text, t.starts));
      if (problems.every((x) => x !== undefined)) throw new Error(`${path}: ${name} ${problems[0]}`);
    }
    if (p.start.offset > p.end.offset) throw new Error(`${path}: starts at ${p.start.offset} after its end ${p.end.offset}`);
    if (node.type !== 'text') (node as RstElement).children.forEach((child, i) => stack.push({ node: child, path: `${path}>${child.type}[${i}]` }));
  }
}

const rstTarget: FuzzTarget = {
  name: 'rst',
  input: rstInputs,
  check: (text) => {
    const root = contentRoot();
    const { tree, document } = parseRst(text, { sourceName: 'fuzz.rst', baseDir: root, contentRoot: root });
    checkRstPositions(tree, [text, ...[...document.reporter.texts].filter(([name]) => name !== 'fuzz.rst').map(([, t]) => t)]);
  },
};

const rstHtmlTarget: FuzzTarget = {
  name: 'rst-html',
  input: rstInputs,
  async: true,
  check: async (text) => {
    const root = contentRoot();
    const { html } = await rstToHtml(text, { path: join(root, 'fuzz.rst'), parse: { sourceName: 'fuzz.rst', baseDir: root, contentRoot: root } });
    if (typeof html !== 'string') throw new Error('no HTML');
  },
};

// ---- all targets ------------------------------------------------------------------------

let cached: FuzzTarget[] | undefined;

/** Every target: each capture parser of the registry (in its order), then rst and rst-html. */
export function fuzzTargets(): FuzzTarget[] {
  if (cached) return cached;
  const samples = captureSamples();
  cached = [
    ...parsers.map((p) => {
      const own = samples.get(p.name);
      if (!own || own.length === 0) throw new Error(`no sample captures for parser ${p.name}: add a fixture under test/fixtures/captures/${p.name}/`);
      return captureTarget(p, own);
    }),
    rstTarget,
    rstHtmlTarget,
  ];
  return cached;
}

/** The targets' names, without reading any sample: the registry's parsers, then rst and rst-html. */
export function fuzzTargetNames(): string[] {
  return [...parsers.map((p) => p.name), 'rst', 'rst-html'];
}

export function fuzzTarget(name: string): FuzzTarget {
  const target = fuzzTargets().find((t) => t.name === name);
  if (!target) throw new Error(`no fuzz target ${name} (${fuzzTargets().map((t) => t.name).join(', ')})`);
  return target;
}
