// `netguide import` and `netguide diff` as a user runs them: a sosreport
// tarball and a capture bundle filed under a guide's captures, what was found
// and what changed said in both languages and as JSON, a saved topology JSON
// diffed like a bundle.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runImport } from '../../src/cli/import.js';
import { runDiff } from '../../src/cli/diff.js';
import { readBundle } from '../../src/captures/bundle.js';
import { joinedTopology } from '../../src/pipeline.js';
import { fixturesRoot, repoRoot } from '../captures/run-fixtures.js';
import { Ajv2020 } from 'ajv/dist/2020.js';

const SOS = 'sosreport-allinone-2026-12-06-xkqzmdt';
const sosTar = join(fixturesRoot, 'sosreport', `${SOS}.tar.xz`);
const topologyFixtures = join(fixturesRoot, '..', 'topology');

async function run<O>(fn: (a: O, out: (s: string) => void, err: (s: string) => void) => Promise<number>, options: O) {
  let out = '';
  let err = '';
  const status = await fn(options, (s) => (out += s), (s) => (err += s));
  return { status, out, err };
}

test('should file a sosreport tarball under the guide\'s captures as a bundle, say what it found, and find no change on a second import', async () => {
  const content = mkdtempSync(join(tmpdir(), 'netguide-import-'));
  try {
    const first = await run((o: { guide: string; content: string }, out, err) => runImport(sosTar, o, out, err), { guide: 'mycloud', content });
    assert.equal(first.status, 0, first.err);
    const hostDir = join(content, 'mycloud', 'captures', 'allinone');
    const files = readdirSync(hostDir).sort();
    assert.ok(files.includes('manifest.json'));
    const captures = files.filter((f) => /^\d+-.+\.txt$/.test(f));
    assert.ok(captures.length >= 20, files.join(' '));
    // each file: `$ command` as sos ran it, then sos's output unchanged
    const ovs = captures.find((f) => f.endsWith('-ovs-vsctl-t-5-show.txt'))!;
    const text = readFileSync(join(hostDir, ovs), 'utf8');
    assert.equal(text.split('\n')[0], '$ ovs-vsctl -t 5 show');
    assert.equal(text.slice(text.indexOf('\n') + 1), readFileSync(join(fixturesRoot, 'sosreport', SOS, 'sos_commands/openvswitch/ovs-vsctl_-t_5_show'), 'utf8'));
    const manifest = JSON.parse(readFileSync(join(hostDir, 'manifest.json'), 'utf8')) as { format: string; host: string; source_layout: string; imported_from: string; commands: { file: string; command: string; source_file?: string }[] };
    assert.deepEqual([manifest.format, manifest.host, manifest.source_layout, manifest.imported_from], ['netguide-captures/1', 'allinone', 'sosreport', `${SOS}.tar.xz`]);
    assert.equal(manifest.commands.length, captures.length);
    assert.ok(manifest.commands.every((c) => c.file.startsWith('allinone/') && c.source_file?.includes('/sos_commands/')));
    // the filed captures read as a bundle, every file known to the manifest
    const filed = readBundle(join(content, 'mycloud', 'captures'));
    assert.deepEqual(filed.problems, []);
    assert.equal(filed.hosts[0]!.captures.length, captures.length);
    // what it found
    assert.match(first.out, new RegExp(`^Filed ${captures.length} captures of allinone under `));
    assert.match(first.out, /Bridges: allinone: br-ex \(ovs\), allinone: br-int \(ovs\), allinone: qbr7e2a4a6c-2b \(linux\)/);
    assert.match(first.out, /VMs: allinone: instance-00000001 → tap7e2a4a6c-2b/);
    assert.match(first.out, /Routers: allinone: qrouter-8c8b3c56-4f7a-4b2e-9f3d-2d1e7a6b5c42/);
    assert.match(first.out, /No captures were there before and no guide/);
    // again, in Chinese: the same captures, no change
    const second = await run((o: { guide: string; content: string; lang: string }, out, err) => runImport(sosTar, o, out, err), { guide: 'mycloud', content, lang: 'zh' });
    assert.equal(second.status, 0, second.err);
    assert.match(second.out, /与原有的抓取（.*captures）相比：\n拓扑没有变化。/);
  } finally {
    rmSync(content, { recursive: true, force: true });
  }
});

test("should say what changed against a guide's captures when a host is re-imported, keep other hosts and a person's own files", async () => {
  const content = mkdtempSync(join(tmpdir(), 'netguide-import-'));
  const copy = mkdtempSync(join(tmpdir(), 'netguide-import-src-'));
  try {
    const bundle = join(topologyFixtures, 'gre-two-vms', 'bundle');
    assert.equal((await run((o: { guide: string; content: string }, out, err) => runImport(bundle, o, out, err), { guide: 'gre', content })).status, 0);
    writeFileSync(join(content, 'gre', 'captures', 'compute', 'NOTES.md'), 'kept\n');
    // compute captured again after its VM port moved to VLAN 7: a bundle of that host alone
    cpSync(join(bundle, 'compute'), join(copy, 'compute'), { recursive: true });
    const show = join(copy, 'compute', '01-ovs-vsctl-show.txt');
    writeFileSync(show, readFileSync(show, 'utf8').replace('tag: 1\n', 'tag: 7\n'));
    const again = await run((o: { guide: string; content: string; json: boolean }, out, err) => runImport(copy, o, out, err), { guide: 'gre', content, json: true });
    assert.equal(again.status, 0, again.err);
    const report = JSON.parse(again.out) as { filed: { host: string }[]; diff: { changes: { category: string; kind: string; name: string; fields?: unknown; text: { zh: string; en: string } }[] } };
    assert.deepEqual(report.filed.map((f) => f.host), ['compute']);
    assert.deepEqual(report.diff.changes.map((c) => [c.kind, c.category, c.name, c.fields]), [['changed', 'port', 'qvo7e2a4a6c-2b', [{ field: 'tag', old: '1', new: '7' }]]]);
    assert.equal(report.diff.changes[0]!.text.en, 'port qvo7e2a4a6c-2b on bridge br-int of compute: VLAN tag 1 → 7');
    assert.ok(existsSync(join(content, 'gre', 'captures', 'network', 'manifest.json')), 'the other host stays');
    assert.equal(readFileSync(join(content, 'gre', 'captures', 'compute', 'NOTES.md'), 'utf8'), 'kept\n');
  } finally {
    rmSync(content, { recursive: true, force: true });
    rmSync(copy, { recursive: true, force: true });
  }
});

test('should refuse a guide name that leaves the content folder, and an input with no captures', async () => {
  const content = mkdtempSync(join(tmpdir(), 'netguide-import-'));
  try {
    const bad = await run((o: { guide: string; content: string }, out, err) => runImport(sosTar, o, out, err), { guide: '../escape', content });
    assert.equal(bad.status, 2);
    assert.match(bad.err, /--guide must be a plain folder name/);
    mkdirSync(join(content, 'empty'));
    const empty = await run((o: { guide: string; content: string }, out, err) => runImport(join(content, 'empty'), o, out, err), { guide: 'x', content });
    assert.equal(empty.status, 2);
    assert.match(empty.err, /no captures found/);
    assert.deepEqual(readdirSync(content), ['empty']);
  } finally {
    rmSync(content, { recursive: true, force: true });
  }
});

test('should diff a saved topology JSON against a bundle, as text in both languages and as JSON', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'netguide-diff-cli-'));
  try {
    const bundle = join(topologyFixtures, 'gre-two-vms', 'bundle');
    const saved = join(dir, 'before.json');
    writeFileSync(saved, JSON.stringify(joinedTopology([bundle]).topology));
    const same = await run((o: { json?: boolean }, out, err) => runDiff(saved, bundle, o, out, err), {});
    assert.equal(same.status, 0, same.err);
    assert.match(same.out, /No change in the topology\.\n$/);
    const other = join(topologyFixtures, 'gre-two-networks', 'bundle');
    const zh = await run((o: { lang: string }, out, err) => runDiff(saved, other, o, out, err), { lang: 'zh' });
    assert.match(zh.out, /^从 .*before\.json 到 .*gre-two-networks\/bundle 的变化\n\d+ 处变化：/);
    assert.match(zh.out, /\n虚拟机\n/);
    const json = await run((o: { json: boolean }, out, err) => runDiff(saved, other, o, out, err), { json: true });
    const schema = JSON.parse(readFileSync(join(repoRoot(), 'docs/diff.schema.json'), 'utf8')) as object;
    const validate = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true }).compile(schema);
    assert.ok(validate(JSON.parse(json.out)), `docs/diff.schema.json: ${JSON.stringify(validate.errors?.slice(0, 5))}`);
    const parsed = JSON.parse(json.out) as { changes: { message: { id: string }; text: { zh: string; en: string }; evidence: { old: unknown[]; new: unknown[] } }[]; summary: { text: { en: string } } };
    assert.ok(parsed.changes.length > 0);
    assert.ok(parsed.changes.every((c) => c.message.id.startsWith('diff:') && c.text.zh && c.text.en && !c.text.en.startsWith('diff:')));
    assert.match(parsed.summary.text.en, /^\d+ changes: /);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"not": "a topology"}');
    const bad = await run((o: object, out, err) => runDiff(broken, bundle, o, out, err), {});
    assert.equal(bad.status, 1);
    assert.match(bad.err, /not a topology/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
