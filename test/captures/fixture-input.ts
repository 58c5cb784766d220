// Reads one fixture case of a parser and parses it, for tests that check a few
// fields by name on top of the expected.json comparison.
import { join } from 'node:path';
import type { CaptureParser, CaptureResult } from '../../src/captures/types.js';
import { fixturesRoot, readFixture } from './run-fixtures.js';

export function parseFixture<T>(parser: CaptureParser<T>, caseName: string): CaptureResult<T> {
  const fixture = readFixture(join(fixturesRoot, parser.name, caseName), '');
  return parser.parse(fixture.text, fixture.command);
}
