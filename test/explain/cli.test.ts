// `netguide topology` and `netguide explain` run in-process: summary sections,
// --json, --lang, exit status with --strict on a contradicted claim, and
// file:line:col diagnostics on stderr.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runTopology } from '../../src/cli/topology.js';
import { runExplain } from '../../src/cli/explain.js';
import { caseInput } from '../topology/fixture-cases.js';
import { seedGuide } from '../fixture-paths.js';

async function run(fn: (out: (s: string) => void, err: (s: string) => void) => Promise<number>): Promise<{ status: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const status = await fn((s) => (out += s), (s) => (err += s));
  return { status, out, err };
}

const seed = seedGuide;

test('topology summary lists hosts, bridges with tags, links with certainty, NAT, services, VMs, coverage and findings', async () => {
  const r = await run((o, e) => runTopology([seed], {}, o, e));
  assert.equal(r.status, 0);
  for (const heading of ['Hosts:', 'Namespaces:', 'Bridges:', 'Links:', 'NAT:', 'Services:', 'VMs:', 'Coverage:', 'Findings:']) assert.ok(r.out.includes(heading), heading);
  assert.match(r.out, /- qvo7bfa2daa-66 tag=2/);
  assert.match(r.out, /veth: qvo7bfa2daa-66 ↔ qvb7bfa2daa-66 — confirmed/);
  assert.match(r.out, /Coverage: 127 capture lines: 108 fact, 9 header, 2 blank, 8 noise, 0 unparsed/);
  assert.equal(r.err, '');
});

test('topology --strict fails on a contradicted claim and reports it at the claim line', async () => {
  const input = caseInput('contradicted-claims');
  const lax = await run((o, e) => runTopology([input], {}, o, e));
  assert.equal(lax.status, 0);
  const strict = await run((o, e) => runTopology([input], { strict: true }, o, e));
  assert.equal(strict.status, 1);
  assert.match(strict.err, /input\.rst:81:1: warning: contradicted: The captures put qvo7bfa2daa-66 in bridge br-int, not br-ex\./);
});

test('topology on a missing path is an error with exit status 1', async () => {
  const r = await run((o, e) => runTopology(['no/such/guide.rst'], {}, o, e));
  assert.equal(r.status, 1);
  assert.match(r.err, /^no\/such\/guide\.rst:1:1: error: no such file or folder$/m);
});

test('explain --lang zh prints explanations, walks and claims in Chinese with file:line evidence', async () => {
  const r = await run((o, e) => runExplain([seed], { lang: 'zh' }, o, e));
  assert.equal(r.status, 0);
  assert.match(r.out, /^# 解释$/m);
  assert.match(r.out, /^# 虚拟机 instance-00000007 经 SNAT 访问外网$/m);
  assert.match(r.out, /^1\. 虚拟机 instance-00000007 从它的网卡/m);
  assert.match(r.out, /\[confirmed\] .*local\.rst:154 «qvb7bfa2daa-66 和 qvo7bfa2daa-66 是一对 veth»/);
  assert.match(r.out, /local\.rst:232/);
});

test('explain rejects an unknown --lang', async () => {
  const r = await run((o, e) => runExplain([seed], { lang: 'fr' }, o, e));
  assert.equal(r.status, 2);
  assert.match(r.err, /--lang must be zh or en/);
});

test('topology summary in Chinese says its headings from the catalog', async () => {
  const r = await run((o, e) => runTopology([seed], { lang: 'zh' }, o, e));
  assert.equal(r.status, 0);
  for (const heading of ['主机：', '命名空间：', '网桥：', '链路：', 'NAT：', '服务：', '虚拟机：', '核对结果：']) assert.ok(r.out.includes(heading), heading);
  assert.match(r.out, /覆盖率：127 行抓取：108 行事实，9 行表头，2 行空行，8 行噪声，0 行未解析/);
});
