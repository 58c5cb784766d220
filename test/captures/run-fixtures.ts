// Shared fixture runner for the capture parsers, in the style of unified/shiki
// fixture folders:
//
//   test/fixtures/captures/<parser>/<case>/input.txt      line 1 `$ command` (as the lab writes it), then the output
//   test/fixtures/captures/<parser>/<case>/expected.json  the CaptureResult the parser must return
//
// The text handed to the parser starts after the `$ command` line, so evidence
// line numbers count output lines, as in the CaptureResult contract.
// `UPDATE_FIXTURES=1 node --test dist/test/captures/` rewrites expected.json
// (review the diff before committing it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CaptureParser, CaptureResult, CommandLine } from '../../src/captures/types.js';
import { parseCommandLine } from '../../src/captures/command-line.js';
import { splitLines } from '../../src/captures/lines.js';

/** Repository root, found from this file whether it runs from test/ (tsx) or dist/test/ (tsc). */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('run-fixtures: package.json not found above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
  return dir;
}

export const fixturesRoot = resolve(repoRoot(), 'test/fixtures/captures');

export interface FixtureCase {
  name: string;
  dir: string;
  command: CommandLine;
  /** The output text given to the parser (without the `$ command` line). */
  text: string;
}

/** Reads `input.txt` of one case: a first line `$ cmd` gives the command, otherwise `fallbackCommand`. */
export function readFixture(dir: string, fallbackCommand: string): FixtureCase {
  const raw = readFileSync(join(dir, 'input.txt'), 'utf8');
  const firstBreak = raw.indexOf('\n');
  const first = (firstBreak < 0 ? raw : raw.slice(0, firstBreak)).replace(/\r$/, '');
  const hasCommand = first.startsWith('$ ');
  const command = parseCommandLine(hasCommand ? first.slice(2) : fallbackCommand);
  const text = hasCommand ? (firstBreak < 0 ? '' : raw.slice(firstBreak + 1)) : raw;
  return { name: dir.split(/[\\/]/).pop() ?? dir, dir, command, text };
}

/** Reads one case of a parser and parses it, for tests that check a few fields by name besides expected.json. */
export function parseFixture<T>(parser: CaptureParser<T>, caseName: string): CaptureResult<T> {
  const fixture = readFixture(join(fixturesRoot, parser.name, caseName), '');
  return parser.parse(fixture.text, fixture.command);
}

/** Case folders of one parser, sorted. */
export function fixtureCases(parserName: string): string[] {
  const dir = join(fixturesRoot, parserName);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(dir, entry.name))
    .sort();
}

/** Invariants every CaptureResult must hold, whatever the parser. */
export function assertResultInvariants(result: CaptureResult, text: string): void {
  const lines = splitLines(text);
  assert.equal(result.lineRoles.length, lines.length, 'one role per line');
  const unparsedLines = new Set(result.unparsed.map((u) => u.line));
  result.lineRoles.forEach((role, i) => {
    assert.equal(role === 'unparsed', unparsedLines.has(i + 1), `line ${i + 1}: role ${role} and the unparsed list agree`);
  });
  for (const entry of result.unparsed) {
    assert.ok(entry.reason.length > 0, `line ${entry.line} has a reason`);
    assert.equal(entry.text, lines[entry.line - 1], `line ${entry.line} text is kept verbatim`);
  }
}

/**
 * One `test()` per case folder: parse input.txt, check the invariants, compare
 * with expected.json. `fallbackCommand` is used for inputs without a `$ command` line.
 */
export function runFixtures(parser: CaptureParser, fallbackCommand: string, parserDir = parser.name): void {
  const cases = fixtureCases(parserDir);
  test(`${parserDir}: has fixture cases`, () => {
    assert.ok(cases.length > 0, `no fixture folders under ${join(fixturesRoot, parserDir)}`);
  });
  for (const dir of cases) {
    const fixture = readFixture(dir, fallbackCommand);
    test(`${parserDir} fixture ${fixture.name}`, () => {
      assert.ok(parser.matches(fixture.command), `parser ${parser.name} matches \`${fixture.command.raw}\``);
      const result = parser.parse(fixture.text, fixture.command);
      assertResultInvariants(result, fixture.text);
      const actual = JSON.parse(JSON.stringify(result)) as unknown;
      const expectedPath = join(dir, 'expected.json');
      if (process.env['UPDATE_FIXTURES'] === '1' || !existsSync(expectedPath)) {
        writeFileSync(expectedPath, JSON.stringify(actual, null, 2) + '\n');
        if (process.env['UPDATE_FIXTURES'] !== '1') assert.fail(`wrote missing ${expectedPath}; review it and run again`);
        return;
      }
      assert.deepEqual(actual, JSON.parse(readFileSync(expectedPath, 'utf8')));
    });
  }
}
