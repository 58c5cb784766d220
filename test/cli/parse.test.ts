import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runParse } from '../../src/cli/parse.js';

async function run(text: string, options: Parameters<typeof runParse>[1]) {
  const dir = mkdtempSync(join(tmpdir(), 'netguide-parse-'));
  const file = join(dir, 'capture.txt');
  writeFileSync(file, text);
  let out = '';
  let err = '';
  const status = await runParse(file, options, (s) => (out += s), (s) => (err += s));
  return { status, out, err: err.split(file).join('FILE') };
}

const NETSTAT = [
  '$ ip netns exec qrouter-7052 netstat -tunlp',
  'Active Internet connections (only servers)',
  'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name',
  'tcp        0      0 0.0.0.0:9697            0.0.0.0:*               LISTEN      5957/python',
  '',
].join('\n');

test('should print the records as JSON, like jc', async () => {
  const { status, out, err } = await run(NETSTAT, {});
  assert.equal(status, 0);
  assert.equal(err, '');
  const records = JSON.parse(out) as { pid: number; program: string }[];
  assert.deepEqual(records.map((r) => [r.pid, r.program]), [[5957, 'python']]);
});

test('should include netns and one role per line with --raw', async () => {
  const result = JSON.parse((await run(NETSTAT, { raw: true })).out) as { netns: string; lineRoles: string[]; lineOffset: number };
  assert.equal(result.netns, 'qrouter-7052');
  assert.deepEqual(result.lineRoles, ['header', 'header', 'fact']);
  assert.equal(result.lineOffset, 1);
});

test('should report unparsed lines at their file line and fail only with --strict', async () => {
  const text = NETSTAT + 'this is not a socket\n';
  const loose = await run(text, {});
  assert.equal(loose.status, 0);
  assert.match(loose.err, /^FILE:5:1: warning: not a `netstat` socket row .*"this is not a socket"\n$/);
  assert.equal((await run(text, { strict: true })).status, 1);
});

test('should use --cmd for output without a command line, and fail clearly for unknown commands', async () => {
  const body = NETSTAT.split('\n').slice(1).join('\n');
  assert.equal(JSON.parse((await run(body, { cmd: 'netstat -tunlp' })).out).length, 1);
  const unknown = await run('$ lsof -i\nCOMMAND PID\n', {});
  assert.equal(unknown.status, 1);
  assert.match(unknown.err, /^FILE:2:1: error: no parser for `lsof -i`/);
});
