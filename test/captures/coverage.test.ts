// Runs the registered parsers over every real capture we have and checks that
// every line got a role and none was left unparsed. Commands whose planned
// parser is not registered yet are skipped (and listed) only while that is so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitLines } from '../../src/captures/lines.js';
import { coverage, sampleInputs, seedInputs, samplesRoot, type CaptureInput } from './capture-sources.js';

function check(name: string, inputs: () => CaptureInput[]): void {
  test(`should give every line of the ${name} a role and leave none unparsed`, (t) => {
    const all = inputs();
    assert.ok(all.length > 0, `no ${name} found`);
    for (const input of all) {
      assert.equal(input.result.lineRoles.length, input.result.lineRoles.filter(Boolean).length, `${input.file}: a line without a role`);
    }
    const report = coverage(all);
    const parsed = all.length - report.pending.length - report.missing.length;
    t.diagnostic(`${name}: ${all.length} captures, ${parsed} parsed, ${report.pending.length} pending; lines ${JSON.stringify(report.counts)}`);
    for (const p of report.pending) t.diagnostic(`pending (parser ${p.parser} not registered yet): ${p.file}: ${p.command}`);
    assert.ok(parsed > 0, 'at least the registered parsers read something');
    assert.deepEqual(report.missing, [], 'captures no parser reads');
    assert.equal(report.unparsed.length, 0, `unparsed lines:\n${report.unparsed.join('\n')}`);
  });
}

check('capture-lab samples', () => {
  if (!samplesRoot()) throw new Error('capture-lab samples not found (set NETGUIDE_SAMPLES)');
  return sampleInputs();
});
check('seed guide captures', seedInputs);

test('should count as many roles as there are lines in each seed capture', () => {
  for (const input of seedInputs()) {
    const parsedLines = input.result.lineRoles.length;
    assert.ok(parsedLines > 0, `${input.file}:${input.lineOffset}: empty capture for ${input.command}`);
  }
  assert.equal(splitLines('a\r\nb\r\n').length, 2);
});
