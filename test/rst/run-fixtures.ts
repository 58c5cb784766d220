// Shared fixture runner for the reStructuredText reader, in the style of
// unified/shiki fixture folders:
//
//   test/fixtures/rst/<case>/input.rst      the input (other files beside it may be included)
//   test/fixtures/rst/<case>/expected.xml   docutils 0.19's untransformed tree of input.rst
//                                           (rst2xml --indents, as the corpus README describes)
//
// Each selected folder becomes one test that parses input.rst with our parser,
// writes docutils XML and compares it with expected.xml using the corpus
// comparer (ids as a link graph, positions ignored, messages by type/level).
// Areas that check something else (HTML, transformed trees) pass `produce`
// and `expected`.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Document } from '../../src/rst/document.js';
import { parseRst } from '../../src/rst/index.js';
import type { RstSettings } from '../../src/rst/settings.js';
import { toXml } from '../../src/rst/writers/xml.js';
import { compareXml, repoRoot } from './helpers/compare-xml.js';

export const rstFixturesRoot = join(repoRoot, 'test/fixtures/rst');

export interface RstFixtureOptions {
  /** Settings for the parse (the folder is baseDir and contentRoot unless given). */
  settings?: (folder: string) => Partial<RstSettings>;
  /** Output to compare, from the parsed document (default: its docutils XML). */
  produce?: (document: Document, input: string, folder: string) => string;
  /** Expected file name (default `expected.xml`). */
  expected?: string;
  /** Compare `produce`'s output byte for byte instead of with the XML comparer. */
  exact?: boolean;
}

/** Fixture folders whose name passes `select`, sorted. */
export function rstFixtureCases(select: (name: string) => boolean): string[] {
  if (!existsSync(rstFixturesRoot)) return [];
  return readdirSync(rstFixturesRoot, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && select(entry.name))
    .map((entry) => entry.name)
    .sort();
}

/** One `test()` per selected folder ("should parse <case> as docutils does"). */
export function runRstFixtures(select: (name: string) => boolean, options: RstFixtureOptions = {}): void {
  const cases = rstFixtureCases(select);
  const expectedName = options.expected ?? 'expected.xml';
  test('should find fixture folders', () => {
    assert.ok(cases.length > 0, `no fixture folders selected under ${rstFixturesRoot}`);
  });
  for (const name of cases) {
    test(`should parse ${name} as docutils does`, () => {
      const folder = join(rstFixturesRoot, name);
      const input = readFileSync(join(folder, 'input.rst'), 'utf8');
      const settings = {
        sourceName: 'test data',
        baseDir: folder,
        contentRoot: folder,
        ...options.settings?.(folder),
      };
      const { document } = parseRst(input, settings);
      const actual = options.produce ? options.produce(document, input, folder) : toXml(document.root);
      const expectedPath = join(folder, expectedName);
      if (options.exact) {
        assert.equal(actual, readFileSync(expectedPath, 'utf8'));
        return;
      }
      const diff = compareXml(expectedPath, actual);
      assert.equal(diff, undefined, diff);
    });
  }
}
