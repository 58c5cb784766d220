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

test('should include netns and one role per line of the file with --raw', async () => {
  const result = JSON.parse((await run(NETSTAT, { raw: true })).out) as { netns: string; lineRoles: string[]; lineOffset?: number };
  assert.equal(result.netns, 'qrouter-7052');
  // the `$ command` line is line 1 of the file and has its role too
  assert.deepEqual(result.lineRoles, ['header', 'header', 'header', 'fact']);
  assert.equal(result.lineOffset, undefined);
});

test('should number evidence and unparsed lines as the file does, `$ command` line included', async () => {
  const text = NETSTAT + 'this is not a socket\n';
  const withCommand = JSON.parse((await run(text, { raw: true })).out) as { records: { evidence: { line: number } }[]; unparsed: { line: number }[] };
  assert.equal(withCommand.records[0]!.evidence.line, 4, 'the tcp row is line 4 of the file');
  assert.equal(withCommand.unparsed[0]!.line, 5);
  // the same output without its command line, the command given by --cmd: the file's lines again
  const body = text.split('\n').slice(1).join('\n');
  const withoutCommand = JSON.parse((await run(body, { raw: true, cmd: 'netstat -tunlp' })).out) as typeof withCommand;
  assert.equal(withoutCommand.records[0]!.evidence.line, 3);
  assert.equal(withoutCommand.unparsed[0]!.line, 4);
});

test('should shift nested evidence once, and say where in the file a bridge port is', async () => {
  const text = ['$ brctl show', 'bridge name\tbridge id\t\tSTP enabled\tinterfaces', 'qbr7bfa2daa-66\t\t8000.32ba59e01506\tno\t\tqvb7bfa2daa-66', '\t\t\t\t\t\t\ttap7bfa2daa-66', ''].join('\n');
  const [bridge] = JSON.parse((await run(text, {})).out) as { evidence: { line: number }; interfaces: { name: string; evidence: { line: number } }[] }[];
  assert.equal(bridge!.evidence.line, 3);
  assert.deepEqual(bridge!.interfaces.map((i) => [i.name, i.evidence.line]), [['qvb7bfa2daa-66', 3], ['tap7bfa2daa-66', 4]]);
});

test('should say why an empty file gives nothing, and exit 1', async () => {
  for (const text of ['', '\n\n']) {
    const { status, out, err } = await run(text, {});
    assert.equal(status, 1);
    assert.equal(out, '[]\n');
    assert.match(err, /^FILE:1:1: error: the file (is empty|holds only blank lines): no `\$ command` line and no output to parse\n$/);
  }
});

test('should note a command with no output, and exit 0', async () => {
  const { status, out, err } = await run('$ ip netns\n', {});
  assert.equal(status, 0);
  assert.equal(out, '[]\n');
  assert.match(err, /^FILE:2:1: info: no output after the command \(`ip netns`\): 0 records\n$/);
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
