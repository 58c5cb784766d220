// End to end with real tools: the capture lab (../shared/capture-lab) builds a
// Neutron node in network namespaces with the real iproute2, Open vSwitch,
// iptables, dnsmasq and virsh, with identities and addresses drawn at random
// for this run; scripts/capture.sh runs inside the lab host (`lab.sh exec`);
// `netguide topology BUNDLE --json` must find the facts the lab was built
// with: the veth pair, the VLAN tag, the SNAT source and target, the metadata
// redirect and its listener, the DHCP server (local); the patch ports and the
// GRE tunnel across two hosts (gre, LAB_UNDERLAY=ovs). capture.sh must leave
// each host as it found it. test/e2e/lab-session.sh holds the lab lock from
// `up` to `down` and always runs `down`. Where the lab cannot run (not root,
// its Debian packages missing, no network namespaces, no lab), each test says
// why and is skipped.

import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { randomInt, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Topology } from '../../src/topology/model.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const cli = join(repo, 'dist/src/cli.js');
const captureSh = join(repo, 'scripts/capture.sh');
const session = join(repo, 'test/e2e/lab-session.sh');

/** The lab: $NETGUIDE_CAPTURE_LAB, else ../shared/capture-lab beside the repository (or beside its worktree folder). */
function findLab(): string | undefined {
  const candidates = [process.env['NETGUIDE_CAPTURE_LAB'], resolve(repo, '../shared/capture-lab'), resolve(repo, '../../shared/capture-lab')];
  return candidates.filter((c): c is string => Boolean(c)).map((c) => join(c, 'lab.sh')).find((p) => existsSync(p));
}

/** Debian package of each program the lab and capture.sh need. */
const NEEDED: Record<string, string> = {
  'ovsdb-server': 'openvswitch-switch', 'ovs-vswitchd': 'openvswitch-switch', 'ovs-vsctl': 'openvswitch-switch', 'ovs-ofctl': 'openvswitch-switch',
  brctl: 'bridge-utils', iptables: 'iptables', ethtool: 'ethtool', dnsmasq: 'dnsmasq-base', netstat: 'net-tools', virsh: 'libvirt-clients',
  ps: 'procps', ip: 'iproute2', unshare: 'util-linux', nsenter: 'util-linux', flock: 'util-linux', python3: 'python3', timeout: 'coreutils', tar: 'tar', gzip: 'gzip',
};

/** Why the lab cannot run here, or undefined when it can. */
function whyNot(): string | undefined {
  if (process.platform !== 'linux') return `the capture lab needs Linux (this is ${process.platform})`;
  if (process.getuid?.() !== 0) return 'the capture lab needs root (network, mount and PID namespaces)';
  if (!findLab()) return `the capture lab is not there: set NETGUIDE_CAPTURE_LAB or put it at ${resolve(repo, '../shared/capture-lab')}`;
  const missing = Object.keys(NEEDED).filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
  if (missing.length) return `missing ${missing.join(', ')}: apt-get install ${[...new Set(missing.map((m) => NEEDED[m]))].join(' ')}`;
  if (spawnSync('unshare', ['--net', '--mount', '--pid', '--fork', 'true']).status !== 0) return 'cannot create network, mount and PID namespaces here (a container without CAP_SYS_ADMIN?)';
  return undefined;
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** Identities and addresses for one run, drawn at random (documentation and private ranges; they exist only inside the lab). */
function randomLab(): Record<string, string> {
  const b = randomInt(0, 255);
  const block = randomInt(0, 15) * 16;
  const ext = randomInt(16, 31);
  const extC = randomInt(0, 255);
  const tun = randomInt(0, 255);
  return {
    LAB_NET_ID: randomUUID(), LAB_SUBNET_ID: randomUUID(), LAB_ROUTER_ID: randomUUID(), LAB_INSTANCE_UUID: randomUUID(),
    LAB_VM_PORT: randomUUID(), LAB_DHCP_PORT: randomUUID(), LAB_QR_PORT: randomUUID(), LAB_QG_PORT: randomUUID(),
    LAB_INSTANCE_NAME: `instance-${hex(randomInt(1, 0xffffff), 8)}`,
    LAB_LVID: String(randomInt(2, 4000)), LAB_SEG_ID: String(randomInt(2, 60000)),
    LAB_TENANT_CIDR: `10.${b}.${randomInt(0, 255)}.${block}/28`,
    LAB_EXT_PREFIX: '24',
    LAB_EXT_GW: `172.${ext}.${extC}.1`, LAB_QG_IP: `172.${ext}.${extC}.${randomInt(10, 120)}`, LAB_HOST_EXT_IP: `172.${ext}.${extC}.${randomInt(130, 250)}`,
    LAB_EXT_BRD: `172.${ext}.${extC}.255`,
    LAB_COMPUTE_TUN_IP: `192.168.${tun}.11`, LAB_NETWORK_TUN_IP: `192.168.${tun}.21`,
  };
}

/** The tenant addresses of a /28: router .1, DHCP .2, VM .3, broadcast .15 (as the lab numbers them). */
function tenant(cidr: string): Record<string, string> {
  const [net] = cidr.split('/');
  const parts = net!.split('.').map(Number);
  const at = (k: number) => [...parts.slice(0, 3), parts[3]! + k].join('.');
  return { LAB_ROUTER_IP: at(1), LAB_DHCP_IP: at(2), LAB_VM_IP: at(3), LAB_TENANT_BRD: at(15) };
}

interface Session { out: string; timings: Record<string, number>; status: number | null; stderr: string }

function runSession(variant: string, env: Record<string, string>, labCapture: boolean): Promise<Session> {
  const out = mkdtempSync(join(tmpdir(), `netguide-e2e-${variant}-`));
  return new Promise((done) => {
    const child = spawn('bash', [session, findLab()!, variant, out, captureSh, ...(labCapture ? ['lab-capture'] : [])], { env: { ...process.env, ...env } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.resume();
    // the session ends the lab itself on TERM (its EXIT trap runs lab.sh down)
    const timer = setTimeout(() => child.kill('SIGTERM'), 15 * 60_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      const timings: Record<string, number> = {};
      const file = join(out, 'timings');
      if (existsSync(file)) for (const line of readFileSync(file, 'utf8').trim().split('\n')) timings[line.split(' ')[0]!] = Number(line.split(' ')[1]);
      done({ out, timings, status, stderr });
    });
  });
}

/** `netguide topology PATH --json`, run as a user runs it; seconds it took. */
function topologyOf(path: string): { topology: Topology; seconds: number } {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [cli, 'topology', path, '--json'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  assert.equal(r.status, 0, r.stderr);
  return { topology: JSON.parse(r.stdout) as Topology, seconds: (Date.now() - t0) / 1000 };
}

/** capture.sh left the host as it found it: same namespaces, links, addresses, OVS, iptables, processes; its temporary folder removed; nothing in HOME. */
function assertUntouched(out: string, host: string): void {
  const before = readFileSync(join(out, `state-${host}-before.txt`), 'utf8');
  const after = readFileSync(join(out, `state-${host}-after.txt`), 'utf8');
  assert.ok(before.includes('== processes') && /Bridge/.test(before), `a real snapshot of ${host}`);
  assert.equal(after, before, `${host} changed while capture.sh ran`);
  assert.deepEqual(readdirSync(join(out, `empty-tmp-${host}`)), [], 'capture.sh removed its temporary folder');
  assert.deepEqual(readdirSync(join(out, `empty-home-${host}`)), [], 'nothing written to HOME');
  const log = readFileSync(join(out, `capture-${host}.log`), 'utf8');
  assert.match(log, /exit 0\n$/, log);
}

interface Manifest { host: string; root: boolean; skipped: { command: string; reason: string }[]; commands: { command: string; exit_status: number; duration_ms: number }[] }
const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;

function report(t: TestContext, variant: string, s: Session, extra: Record<string, number>): void {
  const all = { ...s.timings, ...extra };
  t.diagnostic(`${variant} timings (s): ${Object.entries(all).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}`);
}

test('local: capture.sh inside the lab host finds the veth pair, VLAN tag, SNAT, metadata redirect and listener, DHCP server and VM the lab was built with', { timeout: 20 * 60_000 }, async (t) => {
  const reason = whyNot();
  if (reason) return t.skip(reason);
  const lab = randomLab();
  const env: Record<string, string> = { ...lab, ...tenant(lab.LAB_TENANT_CIDR!) };
  const s = await runSession('local', env, process.env['NETGUIDE_E2E_LAB_CAPTURE'] === '1');
  try {
    assert.equal(s.status, 0, `lab session failed (${s.status}): ${s.stderr}`);
    assertUntouched(s.out, 'allinone');
    const bundle = join(s.out, 'bundles', 'allinone');
    const manifest = manifestOf(bundle);
    assert.equal(manifest.host, 'allinone');
    assert.deepEqual(manifest.commands.filter((c) => c.exit_status !== 0).map((c) => c.command), [], 'every command succeeded');
    assert.deepEqual(manifest.skipped, []);
    const { topology: topo, seconds } = topologyOf(join(bundle, 'allinone.tar.gz'));
    report(t, 'local', s, { 'netguide-topology': seconds });

    const short = (uuid: string) => uuid.slice(0, 11);
    const qvb = `qvb${short(env.LAB_VM_PORT!)}`;
    const qvo = `qvo${short(env.LAB_VM_PORT!)}`;
    const dhcpDev = `tap${short(env.LAB_DHCP_PORT!)}`;
    const qrouter = `qrouter-${env.LAB_ROUTER_ID}`;
    const qdhcp = `qdhcp-${env.LAB_NET_ID}`;
    const checked: string[] = [];
    // the veth pair of the hybrid plug
    const veth = topo.links.find((l) => l.kind === 'veth' && [l.a.name, l.b.name].sort().join(' ') === [qvb, qvo].sort().join(' '));
    assert.equal(veth?.certainty, 'confirmed', `veth ${qvb} ↔ ${qvo}`);
    checked.push(`veth ${qvb} ↔ ${qvo}`);
    // the local VLAN on br-int: the VM's port, the DHCP port and the router's port
    const brInt = topo.bridges.find((b) => b.name === 'br-int');
    for (const port of [qvo, dhcpDev, `qr-${short(env.LAB_QR_PORT!)}`]) assert.equal(brInt?.ports.find((p) => p.name === port)?.tag, Number(env.LAB_LVID), `${port} tag`);
    checked.push(`tag ${env.LAB_LVID} on ${qvo}, ${dhcpDev}, qr-…`);
    // SNAT of the tenant network to the router's gateway address
    const snat = topo.nat.filter((n) => n.kind === 'snat');
    assert.deepEqual(snat.map((n) => [n.netns, n.source, n.to]), [[qrouter, env.LAB_TENANT_CIDR, env.LAB_QG_IP]]);
    checked.push(`SNAT ${env.LAB_TENANT_CIDR} → ${env.LAB_QG_IP} in ${qrouter}`);
    // the metadata redirect and what listens on its port
    const redirect = topo.nat.find((n) => n.kind === 'redirect' && n.destination === '169.254.169.254/32');
    assert.deepEqual([redirect?.netns, redirect?.port, redirect?.to], [qrouter, 80, '9697']);
    const metadata = topo.services.filter((sv) => sv.kind === 'metadata');
    assert.deepEqual(metadata.map((sv) => [sv.netns, sv.port]), [[qrouter, 9697]]);
    assert.ok(topo.sockets.some((so) => so.netns === qrouter && so.port === 9697 && so.pid === metadata[0]!.pid), 'the listener is the metadata process');
    checked.push(`REDIRECT 169.254.169.254:80 → 9697 and its listener pid ${metadata[0]!.pid} in ${qrouter}`);
    // the DHCP server: dnsmasq in qdhcp-<net> on the DHCP port, which holds the DHCP address
    const dhcp = topo.services.filter((sv) => sv.kind === 'dhcp');
    assert.deepEqual(dhcp.map((sv) => [sv.netns, sv.interface, sv.network_id]), [[qdhcp, dhcpDev, env.LAB_NET_ID]]);
    assert.ok(dhcp[0]!.ranges?.some((r) => r.includes(env.LAB_TENANT_CIDR!.split('/')[0]!)), `ranges ${dhcp[0]!.ranges?.join(';')}`);
    const dhcpItf = topo.interfaces.find((i) => i.netns === qdhcp && i.name === dhcpDev);
    assert.ok(dhcpItf?.addresses.some((a) => a.cidr.startsWith(`${env.LAB_DHCP_IP}/`)), `${dhcpDev} holds ${env.LAB_DHCP_IP}`);
    checked.push(`dnsmasq on ${dhcpDev} (${env.LAB_DHCP_IP}) in ${qdhcp}`);
    // the VM and its tap
    assert.deepEqual(topo.vms.map((v) => [v.name, v.interfaces.map((i) => i.tap)]), [[env.LAB_INSTANCE_NAME, [`tap${short(env.LAB_VM_PORT!)}`]]]);
    checked.push(`VM ${env.LAB_INSTANCE_NAME} on tap${short(env.LAB_VM_PORT!)}`);
    t.diagnostic(`local checked: ${checked.join('; ')}`);
    if (existsSync(join(s.out, 'lab-bundle'))) t.diagnostic(`lab.sh capture bundle kept at ${join(s.out, 'lab-bundle')}`);
  } finally {
    if (process.env['NETGUIDE_E2E_KEEP'] !== '1') rmSync(s.out, { recursive: true, force: true });
    else t.diagnostic(`kept ${s.out}`);
  }
});

test('gre (LAB_UNDERLAY=ovs): capture.sh on both lab hosts finds the patch ports and the GRE tunnel between them', { timeout: 20 * 60_000 }, async (t) => {
  const reason = whyNot();
  if (reason) return t.skip(reason);
  const lab = randomLab();
  const env: Record<string, string> = { ...lab, ...tenant(lab.LAB_TENANT_CIDR!), LAB_UNDERLAY: 'ovs' };
  const s = await runSession('gre', env, false);
  try {
    assert.equal(s.status, 0, `lab session failed (${s.status}): ${s.stderr}`);
    for (const host of ['compute', 'network']) {
      assertUntouched(s.out, host);
      const manifest = manifestOf(join(s.out, 'bundles', host));
      // the network node runs no VMs: the lab gives it no hypervisor, so virsh fails there, and capture.sh says so
      const failed = manifest.commands.filter((c) => c.exit_status !== 0).map((c) => c.command);
      assert.deepEqual(failed, host === 'network' ? ['virsh -r list --all'] : [], `${host}: failed commands`);
      if (host === 'network') assert.match(manifest.skipped.map((k) => `${k.command}: ${k.reason}`).join('\n'), /virsh -r dumpxml: virsh list failed \(exit 1\): no hypervisor connection/);
    }
    // the two hosts' bundles, read as one folder of bundles (as collect.yml leaves them)
    const { topology: topo, seconds } = topologyOf(join(s.out, 'bundles'));
    report(t, 'gre', s, { 'netguide-topology': seconds });
    assert.deepEqual(topo.hosts.map((h) => h.name).sort(), ['compute', 'network']);
    const checked: string[] = [];
    for (const host of ['compute', 'network']) {
      const patch = topo.links.find((l) => l.kind === 'patch' && l.a.host === host && [l.a.name, l.b.name].sort().join(' ') === 'patch-int patch-tun');
      assert.equal(patch?.certainty, 'confirmed', `${host}: patch-int ↔ patch-tun`);
    }
    checked.push('patch-int ↔ patch-tun on compute and network');
    const tunnels = topo.links.filter((l) => l.kind === 'tunnel');
    assert.equal(tunnels.length, 1, JSON.stringify(tunnels));
    const gre = tunnels[0]!;
    assert.deepEqual([gre.a.host, gre.b.host].sort(), ['compute', 'network'], 'the tunnel joins the two hosts');
    assert.equal(gre.tunnel_type, 'gre');
    assert.deepEqual([gre.local_ip, gre.remote_ip].sort(), [env.LAB_COMPUTE_TUN_IP, env.LAB_NETWORK_TUN_IP].sort());
    checked.push(`gre ${gre.a.host}:${gre.a.name} ↔ ${gre.b.host}:${gre.b.name} ${gre.local_ip} → ${gre.remote_ip}`);
    // the network's tunnel key and its local VLAN in br-tun's flows, on both hosts
    const key = `0x${Number(env.LAB_SEG_ID).toString(16)}`;
    for (const host of ['compute', 'network']) {
      const flow = topo.flows.find((f) => f.host === host && f.bridge === 'br-tun' && f.match['tun_id'] === key && f.actions.some((a) => a.text === `mod_vlan_vid:${env.LAB_LVID}`));
      assert.ok(flow, `${host}: br-tun turns tunnel key ${key} into VLAN ${env.LAB_LVID}`);
    }
    checked.push(`br-tun: tun_id=${key} → mod_vlan_vid:${env.LAB_LVID} on both hosts`);
    const qvo = topo.bridges.find((b) => b.host === 'compute' && b.name === 'br-int')?.ports.find((p) => p.name === `qvo${env.LAB_VM_PORT!.slice(0, 11)}`);
    assert.equal(qvo?.tag, Number(env.LAB_LVID));
    checked.push(`compute ${qvo!.name} tag ${env.LAB_LVID}`);
    t.diagnostic(`gre checked: ${checked.join('; ')}`);
  } finally {
    if (process.env['NETGUIDE_E2E_KEEP'] !== '1') rmSync(s.out, { recursive: true, force: true });
    else t.diagnostic(`kept ${s.out}`);
  }
});
