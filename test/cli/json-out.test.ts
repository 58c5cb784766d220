// writeJson streams a value's arrays item by item: the text must be exactly
// what JSON.stringify gives, compact and indented, and it must come in chunks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeJson } from '../../src/cli/json-out.js';
import { generateFlowDump } from '../../src/captures/bench/flows.js';
import { parseCapture } from '../../src/captures/registry.js';

function written(value: unknown, pretty: boolean): { text: string; chunks: number } {
  let text = '';
  let chunks = 0;
  writeJson(value, (s) => {
    text += s;
    chunks++;
  }, pretty);
  return { text, chunks };
}

const samples: unknown[] = [
  [],
  {},
  [1, 'two', null, undefined, { a: [1, { b: [] }], c: undefined }, [[], [3]]],
  { parser: 'x', netns: undefined, records: [{ evidence: { line: 1 } }, { nested: { deep: [1, 2] } }], lineRoles: ['fact', 'blank'], empty: [] },
  'plain "text"\n',
];

test('should write what JSON.stringify writes, compact and indented', () => {
  for (const value of samples) {
    assert.equal(written(value, false).text, JSON.stringify(value) + '\n');
    assert.equal(written(value, true).text, JSON.stringify(value, null, 2) + '\n');
  }
});

test('should write a big capture in many chunks, the same text as one stringify', () => {
  const result = parseCapture(generateFlowDump(3000), { command: 'ovs-ofctl dump-flows br-tun' });
  for (const pretty of [false, true]) {
    const { text, chunks } = written(result.records, pretty);
    assert.equal(text, JSON.stringify(result.records, null, pretty ? 2 : undefined) + '\n');
    assert.ok(chunks > 5, `${chunks} chunks`);
  }
});
