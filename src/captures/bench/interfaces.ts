// Network interfaces of a generated host, written as `ip link` and as
// `ifconfig -a` (net-tools 2.10) would print the same devices: the bench's
// `ip link` input and the input of its closest jc yardstick (`jc --ifconfig`;
// jc 1.22 has no `ip link` parser). A compute node of the Neutron hybrid plug
// has, per VM, a Linux bridge `qbr…`, a veth pair `qvb…`/`qvo…` and the VM's
// `tap…`; the rest is the host's own devices.
import { type Random, hex, kernelMac, mac, portId, random } from './random.js';

export interface Iface {
  ifindex: number;
  name: string;
  /** `name@peer` of a veth whose peer is in this namespace. */
  peer?: string;
  /** `name@ifN … link-netnsid K`: a veth whose peer is in another namespace. */
  peerIfindex?: number;
  netnsid?: number;
  flags: string[];
  mtu: number;
  qdisc: string;
  master?: string;
  state: 'UP' | 'DOWN' | 'UNKNOWN';
  mac: string;
  loopback?: boolean;
  qlen: number;
  /** IPv4 address with prefix, shown by ifconfig only (`ip link` has none). */
  inet?: string;
}

const UP = ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'];
const PROMISC_UP = ['BROADCAST', 'MULTICAST', 'PROMISC', 'UP', 'LOWER_UP'];

/** One VM's four devices as Nova's hybrid plug makes them. */
export function vmInterfaces(id: string, tapMac: string, firstIfindex: number, rand: Random, ovsMaster = 'ovs-system'): Iface[] {
  const bridgeMac = kernelMac(rand);
  return [
    { ifindex: firstIfindex, name: `qbr${id}`, flags: UP, mtu: 1500, qdisc: 'noqueue', state: 'UP', mac: bridgeMac, qlen: 1000 },
    { ifindex: firstIfindex + 1, name: `qvo${id}`, peer: `qvb${id}`, flags: PROMISC_UP, mtu: 1500, qdisc: 'noqueue', master: ovsMaster, state: 'UP', mac: kernelMac(rand), qlen: 1000 },
    { ifindex: firstIfindex + 2, name: `qvb${id}`, peer: `qvo${id}`, flags: PROMISC_UP, mtu: 1500, qdisc: 'noqueue', master: `qbr${id}`, state: 'UP', mac: bridgeMac, qlen: 1000 },
    { ifindex: firstIfindex + 3, name: `tap${id}`, flags: UP, mtu: 1500, qdisc: 'pfifo_fast', master: `qbr${id}`, state: 'UNKNOWN', mac: 'fe' + tapMac.slice(2), qlen: 1000 },
  ];
}

/** The devices every compute node has before its VMs: lo, two NICs, the OVS datapath and bridges, libvirt's default network. */
export function hostInterfaces(rand: Random, tunnelIp?: string): Iface[] {
  return [
    { ifindex: 1, name: 'lo', flags: ['LOOPBACK', 'UP', 'LOWER_UP'], mtu: 65536, qdisc: 'noqueue', state: 'UNKNOWN', mac: '00:00:00:00:00:00', loopback: true, qlen: 1000, inet: '127.0.0.1/8' },
    { ifindex: 2, name: 'eth0', flags: UP, mtu: 1500, qdisc: 'mq', state: 'UP', mac: `52:54:00:${hex(rand() * 256, 2)}:${hex(rand() * 256, 2)}:${hex(rand() * 256, 2)}`, qlen: 1000 },
    { ifindex: 3, name: 'eth1', flags: UP, mtu: 1500, qdisc: 'mq', state: 'UP', mac: `52:54:00:${hex(rand() * 256, 2)}:${hex(rand() * 256, 2)}:${hex(rand() * 256, 2)}`, qlen: 1000, ...(tunnelIp ? { inet: `${tunnelIp}/16` } : {}) },
    { ifindex: 4, name: 'ovs-system', flags: ['BROADCAST', 'MULTICAST'], mtu: 1500, qdisc: 'noop', state: 'DOWN', mac: kernelMac(rand), qlen: 1000 },
    { ifindex: 5, name: 'br-int', flags: ['BROADCAST', 'MULTICAST'], mtu: 1500, qdisc: 'noop', state: 'DOWN', mac: kernelMac(rand), qlen: 1000 },
    { ifindex: 6, name: 'br-tun', flags: ['BROADCAST', 'MULTICAST'], mtu: 1500, qdisc: 'noop', state: 'DOWN', mac: kernelMac(rand), qlen: 1000 },
    { ifindex: 7, name: 'virbr0', flags: ['NO-CARRIER', 'BROADCAST', 'MULTICAST', 'UP'], mtu: 1500, qdisc: 'noqueue', state: 'DOWN', mac: `52:54:00:${hex(rand() * 256, 2)}:${hex(rand() * 256, 2)}:${hex(rand() * 256, 2)}`, qlen: 1000, inet: '192.168.122.1/24' },
    { ifindex: 8, name: 'virbr0-nic', flags: ['BROADCAST', 'MULTICAST'], mtu: 1500, qdisc: 'pfifo_fast', master: 'virbr0', state: 'DOWN', mac: `52:54:00:${hex(rand() * 256, 2)}:${hex(rand() * 256, 2)}:${hex(rand() * 256, 2)}`, qlen: 1000 },
  ];
}

/** `ip link` output for these devices. */
export function renderIpLink(ifaces: readonly Iface[]): string {
  const lines: string[] = [];
  for (const i of ifaces) {
    const name = i.peer ? `${i.name}@${i.peer}` : i.peerIfindex !== undefined ? `${i.name}@if${i.peerIfindex}` : i.name;
    const master = i.master ? ` master ${i.master}` : '';
    lines.push(`${i.ifindex}: ${name}: <${i.flags.join(',')}> mtu ${i.mtu} qdisc ${i.qdisc}${master} state ${i.state} mode DEFAULT group default qlen ${i.qlen}`);
    const netns = i.netnsid !== undefined ? ` link-netnsid ${i.netnsid}` : '';
    lines.push(i.loopback ? `    link/loopback ${i.mac} brd 00:00:00:00:00:00` : `    link/ether ${i.mac} brd ff:ff:ff:ff:ff:ff${netns}`);
  }
  return lines.join('\n') + '\n';
}

const IFF: Record<string, number> = { UP: 0x1, BROADCAST: 0x2, LOOPBACK: 0x8, RUNNING: 0x40, PROMISC: 0x100, MULTICAST: 0x1000 };

/** `ifconfig -a` (net-tools 2.10) output for the same devices, counters from `seed`. */
export function renderIfconfig(ifaces: readonly Iface[], seed = 7): string {
  const rand = random(seed);
  const blocks: string[] = [];
  for (const i of ifaces) {
    // ifconfig says RUNNING where ip says LOWER_UP, and orders the names by bit
    const names = ['UP', 'BROADCAST', 'LOOPBACK', 'RUNNING', 'PROMISC', 'MULTICAST'].filter((f) => (f === 'RUNNING' ? i.flags.includes('LOWER_UP') : i.flags.includes(f)));
    const value = names.reduce((sum, f) => sum + IFF[f]!, 0);
    const lines = [`${i.name}: flags=${value}<${names.join(',')}>  mtu ${i.mtu}`];
    if (i.inet) {
      const [address, prefix] = i.inet.split('/');
      lines.push(`        inet ${address}  netmask ${netmask(Number(prefix))}${i.loopback ? '' : `  broadcast ${broadcast(address!, Number(prefix))}`}`);
    }
    if (!i.loopback) {
      const eui = eui64(i.mac);
      lines.push(`        inet6 fe80::${eui}  prefixlen 64  scopeid 0x20<link>`);
      lines.push(`        ether ${i.mac}  txqueuelen ${i.qlen}  (Ethernet)`);
    } else {
      lines.push('        inet6 ::1  prefixlen 128  scopeid 0x10<host>', `        loop  txqueuelen ${i.qlen}  (Local Loopback)`);
    }
    const rx = Math.floor(rand() * 90000);
    const tx = Math.floor(rand() * 90000);
    lines.push(`        RX packets ${rx}  bytes ${rx * 98} (${size(rx * 98)})`);
    lines.push('        RX errors 0  dropped 0  overruns 0  frame 0');
    lines.push(`        TX packets ${tx}  bytes ${tx * 102} (${size(tx * 102)})`);
    lines.push('        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0');
    blocks.push(lines.join('\n') + '\n');
  }
  return blocks.join('\n') + '\n';
}

function netmask(prefix: number): string {
  const bits = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return [24, 16, 8, 0].map((s) => (bits >>> s) & 255).join('.');
}

function broadcast(address: string, prefix: number): string {
  const value = address.split('.').reduce((v, o) => (v << 8) | Number(o), 0) >>> 0;
  const host = prefix === 32 ? 0 : (0xffffffff >>> prefix);
  const b = (value | host) >>> 0;
  return [24, 16, 8, 0].map((s) => (b >>> s) & 255).join('.');
}

function eui64(m: string): string {
  const b = m.split(':').map((x) => parseInt(x, 16));
  b[0] = b[0]! ^ 2;
  const words = [(b[0]! << 8) | b[1]!, (b[2]! << 8) | 0xff, (0xfe << 8) | b[3]!, (b[4]! << 8) | b[5]!];
  return words.map((w) => w.toString(16)).join(':');
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes}.0 B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** A compute node with enough VMs for `count` devices (the last VM's cut short when the count says so). */
export function computeNodeInterfaces(count: number, seed = 11): Iface[] {
  const rand = random(seed);
  const ifaces = hostInterfaces(rand, '10.1.0.11');
  let ifindex = ifaces.length + 1;
  while (ifaces.length < count) {
    ifaces.push(...vmInterfaces(portId(rand), mac(rand), ifindex, rand));
    ifindex += 4;
  }
  return ifaces.slice(0, count);
}
