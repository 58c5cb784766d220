// Runs the parsers over every real capture we have (the capture-lab bundles and
// the guides' captures, found as a build finds them) and checks that every line
// got a role and none was left unparsed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitLines } from '../../src/captures/lines.js';
import { bundleInputs, coverage, guideInputs, type CaptureInput } from '../../src/topology/coverage.js';
import { labSamples, repoRoot, seedContent } from '../fixture-paths.js';

const seedInputs = () => guideInputs(seedContent, repoRoot);

function check(name: string, inputs: () => CaptureInput[]): void {
  test(`should give every line of the ${name} a role and leave none unparsed`, (t) => {
    const all = inputs();
    assert.ok(all.length > 0, `no ${name} found`);
    for (const input of all) {
      assert.equal(input.result.lineRoles.length, input.result.lineRoles.filter(Boolean).length, `${input.file}: a line without a role`);
    }
    const report = coverage(all);
    const parsed = all.length - report.missing.length;
    t.diagnostic(`${name}: ${all.length} captures, ${parsed} parsed; lines ${JSON.stringify(report.counts)}`);
    assert.ok(parsed > 0, 'the parsers read something');
    assert.deepEqual(report.missing, [], 'captures no parser reads');
    assert.equal(report.unparsed.length, 0, `unparsed lines:\n${report.unparsed.join('\n')}`);
  });
}

check('capture-lab samples', () => {
  return bundleInputs(labSamples);
});
check('seed guide captures', seedInputs);

test('should count as many roles as there are lines in each seed capture', () => {
  for (const input of seedInputs()) {
    const parsedLines = input.result.lineRoles.length;
    assert.ok(parsedLines > 0, `${input.file}:${input.lineOffset}: empty capture for ${input.command}`);
  }
  assert.equal(splitLines('a\r\nb\r\n').length, 2);
});
