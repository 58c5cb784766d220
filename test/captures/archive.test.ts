// Bundles wherever they are: a sosreport folder and its .tar.xz (the fixture
// made in the capture lab with the commands and file names sos 4.x uses), a
// capture bundle's .tar.gz, a folder of bundles (one per host, as collect.yml
// fetches them), and what is said when an archive cannot be read.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { create } from 'tar';
import { readBundle, type Bundle } from '../../src/captures/bundle.js';
import { archiveTree } from '../../src/captures/file-tree.js';
import { buildTopology } from '../../src/topology/build.js';
import { readInputs } from '../../src/topology/read-inputs.js';
import { fixturesRoot, repoRoot } from './run-fixtures.js';

const SOS = 'sosreport-allinone-2026-12-06-xkqzmdt';
const sosDir = join(fixturesRoot, 'sosreport', SOS);
const sosTar = join(fixturesRoot, 'sosreport', `${SOS}.tar.xz`);

/** Each capture as `command → parser: records`, paths left out (they differ between a folder and an archive). */
const captures = (b: Bundle) => b.hosts.flatMap((h) => h.captures.map((c) => `${h.name} ${c.command} → ${c.result.parser}: ${c.result.records.length}`));

test('should read the sosreport fixture as a folder and as a .tar.xz alike', () => {
  const folder = readBundle(sosDir);
  const archive = readBundle(sosTar);
  assert.equal(folder.layout, 'sosreport');
  assert.equal(archive.layout, 'sosreport');
  assert.deepEqual(archive.problems, []);
  // the host from sos's `hostname` (a symbolic link to sos_commands/host/hostname, in the archive too)
  assert.deepEqual(archive.hosts.map((h) => h.name), ['allinone']);
  assert.deepEqual(captures(archive), captures(folder));
  assert.ok(captures(archive).length >= 20, captures(archive).join('\n'));
  const first = archive.hosts[0]!.captures[0]!;
  assert.ok(first.file.startsWith(`${sosTar}/${SOS}/sos_commands/`), first.file);
});

test("should read sos's own file names back into the commands sos ran", () => {
  const commands = readBundle(sosDir).hosts[0]!.captures.map((c) => c.command);
  for (const expected of [
    'ovs-vsctl -t 5 show',
    'ovs-ofctl dump-flows br-int',
    'ovs-ofctl show br-int',
    'ip -d address',
    'ip route show table all',
    'bridge -s -s -d link show',
    'ethtool -S qvb7e2a4a6c-2b',
    'virsh -r list --all',
    'virsh -r dumpxml instance-00000001',
    'ps auxwwwm',
    'ip netns exec qrouter-8c8b3c56-4f7a-4b2e-9f3d-2d1e7a6b5c42 iptables-save',
    'ip netns exec qrouter-8c8b3c56-4f7a-4b2e-9f3d-2d1e7a6b5c42 ss -peaonmi',
  ]) assert.ok(commands.includes(expected), `${expected} in ${commands.join(', ')}`);
});

test('should read one listing of what sos lists several ways, and skip the files no parser knows', () => {
  const bundle = readBundle(sosDir);
  const commands = bundle.hosts[0]!.captures.map((c) => c.command);
  const skipped = bundle.skipped.map((p) => relative(sosDir, p));
  // the process table once (ps auxwwwm, sos's `ps`), the flows once per bridge, no `ss -s` summary
  assert.deepEqual(commands.filter((c) => c.startsWith('ps ')), ['ps auxwwwm']);
  for (const other of ['ps_auxfwww', 'ps_alxwww', 'ps_-elfL']) assert.ok(skipped.includes(`sos_commands/process/${other}`), other);
  assert.ok(skipped.includes('sos_commands/openvswitch/ovs-ofctl_-O_OpenFlow13_dump-flows_br-int'));
  assert.ok(skipped.includes('sos_commands/networking/ss_-s'));
  assert.ok(skipped.includes('sos_commands/openvswitch/ovs-vsctl_-t_5_list_interface'), 'no parser for ovs-vsctl list');
  assert.ok(skipped.includes('sos_commands/networking/netstat_-W_-neopa'), 'no parser for netstat -neopa');
});

test('should find the facts of the lab node in the sosreport tarball: veth pair, VLAN tag, SNAT, metadata redirect and listener, DHCP, VM', () => {
  const t = buildTopology(readInputs([sosTar]));
  const veth = t.links.find((l) => l.kind === 'veth' && [l.a.name, l.b.name].sort().join(' ') === 'qvb7e2a4a6c-2b qvo7e2a4a6c-2b');
  assert.ok(veth, 'qvb/qvo veth pair');
  assert.equal(veth.certainty, 'confirmed');
  const qvo = t.bridges.find((b) => b.name === 'br-int')?.ports.find((p) => p.name === 'qvo7e2a4a6c-2b');
  assert.equal(qvo?.tag, 1);
  const router = 'qrouter-8c8b3c56-4f7a-4b2e-9f3d-2d1e7a6b5c42';
  const snat = t.nat.filter((n) => n.kind === 'snat');
  assert.deepEqual(snat.map((n) => [n.netns, n.source, n.to]), [[router, '203.0.113.0/28', '192.0.2.245']]);
  const redirect = t.nat.find((n) => n.kind === 'redirect');
  assert.deepEqual([redirect?.netns, redirect?.destination, redirect?.port, redirect?.to], [router, '169.254.169.254/32', 80, '9697']);
  const metadata = t.services.filter((s) => s.kind === 'metadata');
  assert.deepEqual(metadata.map((s) => [s.netns, s.port]), [[router, 9697]]);
  const dhcp = t.services.filter((s) => s.kind === 'dhcp');
  assert.deepEqual(dhcp.map((s) => [s.netns, s.interface]), [['qdhcp-1da5d6c9-2a5f-4a0f-9a1e-5c7c1b8e6f01', 'tap0a8a0a6b-67']]);
  assert.deepEqual(t.vms.map((v) => [v.name, v.interfaces.map((i) => i.tap)]), [['instance-00000001', ['tap7e2a4a6c-2b']]]);
  // evidence points into the archive, at a member a person can find with tar
  assert.ok(snat[0]!.evidence.some((e) => e.file.startsWith(`${sosTar}/${SOS}/sos_commands/networking/namespaces/${router}/`)));
});

test('should read a capture bundle from its .tar.gz as from its folder, and a folder of bundles as one per host', async () => {
  const lab = join(fixturesRoot, 'bundle', 'lab-mini');
  const dir = mkdtempSync(join(tmpdir(), 'netguide-archive-'));
  try {
    const tgz = join(dir, 'lab-mini.tar.gz');
    await create({ gzip: true, file: tgz, cwd: lab, portable: true }, ['manifest.json', 'compute']);
    const fromArchive = readBundle(tgz);
    assert.equal(fromArchive.layout, 'capture-lab');
    assert.deepEqual(captures(fromArchive), captures(readBundle(lab)));
    assert.deepEqual(fromArchive.hosts[0]!.captures.map((c) => c.exitStatus), readBundle(lab).hosts[0]!.captures.map((c) => c.exitStatus));

    // a fleet folder: one sub-folder per host (a bundle with its manifest), and a sosreport tarball beside them
    const fleet = join(dir, 'fleet');
    mkdirSync(fleet);
    cpSync(lab, join(fleet, 'node-a'), { recursive: true });
    cpSync(sosTar, join(fleet, `${SOS}.tar.xz`));
    const both = readBundle(fleet);
    assert.deepEqual(both.hosts.map((h) => h.name).sort(), ['allinone', 'compute']);
    assert.equal(both.layout, 'folder', 'parts of two layouts');
    // lab-mini's own warnings (it is made to have some), found in its sub-folder; nothing else
    const own = readBundle(lab).problems.map((d) => d.message);
    assert.ok(own.length > 0);
    assert.deepEqual(both.problems.map((d) => d.message), own);
    assert.ok(both.problems.every((d) => d.file.startsWith(join(fleet, 'node-a'))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('should say which program a .tar.xz needs when it is missing, and what is wrong with a file that is no archive', () => {
  const path = process.env['PATH'];
  const dir = mkdtempSync(join(tmpdir(), 'netguide-nopath-'));
  try {
    process.env['PATH'] = dir;
    assert.throws(() => archiveTree(sosTar), /needs the `xz` program \(Debian: apt-get install xz-utils\)/);
  } finally {
    process.env['PATH'] = path;
  }
  try {
    const bogus = join(dir, 'not-really.tar.gz');
    writeFileSync(bogus, 'hello, I am text\n');
    const bundle = readBundle(bogus);
    assert.equal(bundle.problems[0]?.severity, 'error');
    assert.match(bundle.problems[0]!.message, /not a tar archive|TAR_BAD_ARCHIVE|invalid/i);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.ok(repoRoot());
});
