// Writes a generated cloud as a capture bundle (the capture lab's layout:
// `<host>/<NN>-<slug>.txt`, first line `$ command`, manifest.json), of any
// size: compute nodes with VMs on VXLAN tenant networks, and network nodes with
// the networks' DHCP and router namespaces. The captures are mutually
// consistent, as a real cloud's are:
//
//  - each VM is one Nova hybrid plug: `tap…` in `qbr…` with `qvb…`, whose peer
//    `qvo…` is a br-int port tagged with its network's local VLAN on that host;
//    the same devices in `ip link`, `brctl show`, `ovs-vsctl show`, `ovs-appctl
//    dpif/show`, its domain in `virsh list` and `virsh dumpxml … | grep tap`, its
//    qemu in `ps -ef`, its security-group chains in `iptables-save`;
//  - network n (VNI 1000+n) has VMs on hosts n…n+3 (mod hosts); every host
//    has a VXLAN port (`vxlan-<remote ip in hex>`) to each host sharing one of
//    its networks and to the network node serving them; br-tun's tables map
//    VNI ↔ local VLAN (table 3 and 21, flooding to exactly those ports) and
//    table 20 holds the learned MACs of the remote VMs of its networks;
//  - network node k serves the networks n ≡ k (mod network nodes): a `tap…`
//    (DHCP) and `qr-…` port per network on br-int, `qg-…` on br-ex, the
//    namespaces `qdhcp-<network>` and `qrouter-<router>` with their addresses,
//    routes and NAT rules (SNAT, the 169.254.169.254 redirect), dnsmasq and the
//    metadata proxy in `ps -ef`.
//
// Usage: node dist/scripts/generate-cloud.js OUTDIR [--hosts 200] [--vms 20] [--seed 1]
// (network nodes: one per 50 compute hosts, at least one).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { outdirAndNumbers } from './script-args.js';
import { type Iface, hostInterfaces, renderIpLink, vmInterfaces } from '../src/captures/bench/interfaces.js';
import { renderIptablesSave, securityGroupTable } from '../src/captures/bench/iptables.js';
import { hostProcesses, renderPsEf } from '../src/captures/bench/ps.js';
import { type Random, hex, kernelMac, mac, portId, random, uuid } from '../src/captures/bench/random.js';

export interface CloudOptions {
  hosts: number;
  vmsPerHost: number;
  seed?: number;
}

interface Vm {
  instance: string;
  uuid: string;
  port: string;
  mac: string;
  ip: string;
  network: number;
  host: number;
}

interface Network {
  index: number;
  id: string;
  routerId: string;
  vni: number;
  /** Compute hosts with VMs on it. */
  hosts: number[];
  dhcpPort: string;
  dhcpMac: string;
  routerPort: string;
  routerMac: string;
  gatewayPort: string;
  gatewayMac: string;
  /** Which network node serves it. */
  node: number;
}

const NETWORKS_PER_HOST = 4;

function subnet(n: number): string {
  return `10.${100 + (n >> 8)}.${n & 255}`;
}
function externalIp(n: number): string {
  return `100.64.${(n + 10) >> 8}.${(n + 10) & 255}`;
}
function computeIp(h: number): string {
  return `10.1.${(h + 11) >> 8}.${(h + 11) & 255}`;
}
function networkNodeIp(k: number): string {
  return `10.2.0.${k + 11}`;
}
function ipHex(ip: string): string {
  return ip.split('.').map((o) => hex(Number(o), 2)).join('');
}

/** Writes the bundle; returns how many hosts, VMs and files it holds. */
export function generateCloud(dir: string, options: CloudOptions): { hosts: number; vms: number; files: number; bytes: number } {
  const rand = random(options.seed ?? 1);
  const hostCount = Math.max(1, options.hosts);
  const networkNodes = Math.max(1, Math.ceil(hostCount / 50));
  const hostName = (h: number) => `compute-${String(h + 1).padStart(3, '0')}`;
  const nodeName = (k: number) => `network-${String(k + 1).padStart(2, '0')}`;

  // networks: network n has VMs on hosts n … n+3 (fewer when there are fewer hosts)
  const networks: Network[] = [];
  for (let n = 0; n < hostCount; n++) {
    const hosts = [...new Set(Array.from({ length: Math.min(NETWORKS_PER_HOST, hostCount) }, (_, k) => (n + k) % hostCount))];
    networks.push({
      index: n, id: uuid(rand), routerId: uuid(rand), vni: 1000 + n, hosts,
      dhcpPort: portId(rand), dhcpMac: mac(rand), routerPort: portId(rand), routerMac: mac(rand), gatewayPort: portId(rand), gatewayMac: mac(rand),
      node: n % networkNodes,
    });
  }
  // each host's networks: those that list it, in network order; VMs spread over them
  const hostNetworks: number[][] = Array.from({ length: hostCount }, () => []);
  for (const net of networks) for (const h of net.hosts) hostNetworks[h]!.push(net.index);
  const vms: Vm[][] = [];
  let instance = 0;
  for (let h = 0; h < hostCount; h++) {
    const mine: Vm[] = [];
    const nets = hostNetworks[h]!;
    for (let k = 0; k < options.vmsPerHost; k++) {
      const network = nets[k % nets.length]!;
      instance++;
      mine.push({ instance: `instance-${hex(instance, 8)}`, uuid: uuid(rand), port: portId(rand), mac: mac(rand), ip: '', network, host: h });
    }
    vms.push(mine);
  }
  // addresses: .10, .11, … in each network's /24, in the order its VMs come
  const used = new Map<number, number>();
  for (const list of vms) for (const vm of list) {
    const next = (used.get(vm.network) ?? 9) + 1;
    used.set(vm.network, next);
    vm.ip = `${subnet(vm.network)}.${next}`;
  }
  const vmsOfNetwork = new Map<number, Vm[]>();
  for (const list of vms) for (const vm of list) vmsOfNetwork.set(vm.network, [...(vmsOfNetwork.get(vm.network) ?? []), vm]);

  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let files = 0;
  let bytes = 0;
  const manifestCommands: { seq: number; host: string; command: string; file: string; exit_status: number }[] = [];
  const writer = (host: string) => {
    mkdirSync(join(dir, host), { recursive: true });
    let seq = 0;
    return (slug: string, command: string, output: string) => {
      seq++;
      const file = `${host}/${String(seq).padStart(2, '0')}-${slug}.txt`;
      const text = `$ ${command}\n${output}`;
      writeFileSync(join(dir, file), text);
      manifestCommands.push({ seq, host, command, file, exit_status: 0 });
      files++;
      bytes += Buffer.byteLength(text);
    };
  };

  // ---- compute nodes ----
  for (let h = 0; h < hostCount; h++) {
    const name = hostName(h);
    const write = writer(name);
    const hostRand = random((options.seed ?? 1) * 7919 + h);
    const myNets = hostNetworks[h]!;
    const lvid = new Map(myNets.map((n, k) => [n, k + 1]));
    const myVms = vms[h]!;
    // tunnel peers: compute hosts sharing a network, and the network nodes serving my networks
    const peers = new Map<string, { ip: string; networks: number[] }>();
    for (const n of myNets) {
      for (const other of networks[n]!.hosts) if (other !== h) addPeer(peers, computeIp(other), n);
      addPeer(peers, networkNodeIp(networks[n]!.node), n);
    }
    const tunnels = [...peers.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([ip, p], k) => ({ name: `vxlan-${ipHex(ip)}`, ip, ofport: k + 2, networks: p.networks }));
    const localIp = computeIp(h);
    const brInt: OvsPort[] = [
      { name: 'br-int', type: 'internal' },
      { name: 'patch-tun', type: 'patch', options: '{peer=patch-int}' },
      ...myVms.map((vm) => ({ name: `qvo${vm.port}`, tag: lvid.get(vm.network)! })),
    ];
    const brTun: OvsPort[] = [
      { name: 'br-tun', type: 'internal' },
      { name: 'patch-int', type: 'patch', options: '{peer=patch-tun}' },
      ...tunnels.map((t) => ({ name: t.name, type: 'vxlan', options: `{df_default="true", egress_pkt_mark="0", in_key=flow, local_ip="${localIp}", out_key=flow, remote_ip="${t.ip}"}` })),
    ];
    write('ovs-vsctl-show', 'ovs-vsctl show', ovsVsctlShow(hostRand, [['br-int', brInt], ['br-tun', brTun]]));
    write('ovs-ofctl-dump-flows-br-tun', 'ovs-ofctl dump-flows br-tun', brTunFlows(hostRand, myNets.map((n) => ({
      vni: networks[n]!.vni,
      lvid: lvid.get(n)!,
      ports: tunnels.filter((t) => t.networks.includes(n)).map((t) => t.ofport),
      remoteMacs: (vmsOfNetwork.get(n) ?? []).filter((vm) => vm.host !== h).map((vm) => ({ mac: vm.mac, port: tunnels.find((t) => t.ip === computeIp(vm.host))!.ofport })),
    })), tunnels.map((t) => t.ofport)));
    write('ovs-ofctl-dump-flows-br-int', 'ovs-ofctl dump-flows br-int', brIntFlows(hostRand));
    const ifaces: Iface[] = hostInterfaces(hostRand, localIp);
    let ifindex = ifaces.length + 1;
    for (const vm of myVms) {
      ifaces.push(...vmInterfaces(vm.port, vm.mac, ifindex, hostRand));
      ifindex += 4;
    }
    write('ip-link', 'ip link', renderIpLink(ifaces));
    write('brctl-show', 'brctl show', brctlShow(ifaces));
    write('virsh-list', 'virsh list', virshList(myVms));
    for (const vm of myVms) write(`virsh-dumpxml-${vm.instance}-grep-tap`, `virsh dumpxml ${vm.instance} | grep tap`, `      <target dev='tap${vm.port}'/>\n`);
    write('ip-netns', 'ip netns', '');
    write('ps-ef', 'ps -ef', renderPsEf(hostProcesses({ vms: myVms.map((vm) => ({ instance: vm.instance, uuid: vm.uuid, tap: `tap${vm.port}`, mac: vm.mac })), seed: h + 1 })));
    write('iptables-save', 'iptables-save', renderIptablesSave(securityGroupTable(myVms.map((vm) => ({ id: vm.port, ip: vm.ip, mac: vm.mac, dhcpIp: `${subnet(vm.network)}.2` })), h + 1)));
    write('ovs-appctl-dpif-show', 'ovs-appctl dpif/show', dpifShow(hostRand, ifaces, [
      ['br-int', brInt.map((p, k) => ({ name: p.name, ofport: p.name === 'br-int' ? 65534 : k, type: p.type, options: p.options }))],
      ['br-tun', brTun.map((p, k) => ({ name: p.name, ofport: p.name === 'br-tun' ? 65534 : k, type: p.type, options: p.options }))],
    ]));
  }

  // ---- network nodes ----
  for (let k = 0; k < networkNodes; k++) {
    const name = nodeName(k);
    const write = writer(name);
    const nodeRand = random((options.seed ?? 1) * 104729 + k);
    const served = networks.filter((n) => n.node === k);
    const lvid = new Map(served.map((n, i) => [n.index, i + 1]));
    const localIp = networkNodeIp(k);
    const peers = new Map<string, { ip: string; networks: number[] }>();
    for (const n of served) for (const h of n.hosts) addPeer(peers, computeIp(h), n.index);
    const tunnels = [...peers.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([ip, p], i) => ({ name: `vxlan-${ipHex(ip)}`, ip, ofport: i + 2, networks: p.networks }));
    const brInt: OvsPort[] = [
      { name: 'br-int', type: 'internal' },
      { name: 'patch-tun', type: 'patch', options: '{peer=patch-int}' },
      ...served.flatMap((n) => [
        { name: `tap${n.dhcpPort}`, tag: lvid.get(n.index)!, type: 'internal' },
        { name: `qr-${n.routerPort}`, tag: lvid.get(n.index)!, type: 'internal' },
      ]),
    ];
    const brEx: OvsPort[] = [{ name: 'br-ex', type: 'internal' }, { name: 'eth2' }, ...served.map((n) => ({ name: `qg-${n.gatewayPort}`, type: 'internal' }))];
    const brTun: OvsPort[] = [
      { name: 'br-tun', type: 'internal' },
      { name: 'patch-int', type: 'patch', options: '{peer=patch-tun}' },
      ...tunnels.map((t) => ({ name: t.name, type: 'vxlan', options: `{df_default="true", egress_pkt_mark="0", in_key=flow, local_ip="${localIp}", out_key=flow, remote_ip="${t.ip}"}` })),
    ];
    write('ovs-vsctl-show', 'ovs-vsctl show', ovsVsctlShow(nodeRand, [['br-ex', brEx], ['br-int', brInt], ['br-tun', brTun]]));
    write('ovs-ofctl-dump-flows-br-tun', 'ovs-ofctl dump-flows br-tun', brTunFlows(nodeRand, served.map((n) => ({
      vni: n.vni,
      lvid: lvid.get(n.index)!,
      ports: tunnels.filter((t) => t.networks.includes(n.index)).map((t) => t.ofport),
      remoteMacs: (vmsOfNetwork.get(n.index) ?? []).map((vm) => ({ mac: vm.mac, port: tunnels.find((t) => t.ip === computeIp(vm.host))!.ofport })),
    })), tunnels.map((t) => t.ofport)));
    write('ovs-ofctl-dump-flows-br-int', 'ovs-ofctl dump-flows br-int', brIntFlows(nodeRand));
    write('ovs-ofctl-dump-flows-br-ex', 'ovs-ofctl dump-flows br-ex', `NXST_FLOW reply (xid=0x4):\n cookie=0x0, duration=${seconds(nodeRand)}s, table=0, n_packets=${count(nodeRand)}, n_bytes=${count(nodeRand) * 90}, idle_age=0, priority=0 actions=NORMAL\n`);
    const ifaces = hostInterfaces(nodeRand, localIp).filter((i) => !i.name.startsWith('virbr0'));
    ifaces.push({ ifindex: ifaces.length + 1, name: 'eth2', flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'], mtu: 1500, qdisc: 'mq', master: 'ovs-system', state: 'UP', mac: `52:54:00:${hex(nodeRand() * 256, 2)}:${hex(nodeRand() * 256, 2)}:${hex(nodeRand() * 256, 2)}`, qlen: 1000 });
    ifaces.push({ ifindex: ifaces.length + 1, name: 'br-ex', flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'], mtu: 1500, qdisc: 'noqueue', state: 'UNKNOWN', mac: kernelMac(nodeRand), qlen: 1000 });
    write('ip-link', 'ip link', renderIpLink(ifaces));
    write('ip-netns', 'ip netns', served.flatMap((n, i) => [`qrouter-${n.routerId} (id: ${2 * i + 1})`, `qdhcp-${n.id} (id: ${2 * i})`]).join('\n') + (served.length ? '\n' : ''));
    for (const n of served) {
      write(`ip-netns-exec-qdhcp-ip-addr`, `ip netns exec qdhcp-${n.id} ip addr`, ipAddr(nodeRand, [{ name: `tap${n.dhcpPort}`, mac: n.dhcpMac, inet: `${subnet(n.index)}.2/24` }]));
      write(`ip-netns-exec-qrouter-ip-addr`, `ip netns exec qrouter-${n.routerId} ip addr`, ipAddr(nodeRand, [
        { name: `qr-${n.routerPort}`, mac: n.routerMac, inet: `${subnet(n.index)}.1/24` },
        { name: `qg-${n.gatewayPort}`, mac: n.gatewayMac, inet: `${externalIp(n.index)}/16` },
      ]));
      write(`ip-netns-exec-qrouter-ip-route`, `ip netns exec qrouter-${n.routerId} ip route`,
        `default via 100.64.0.1 dev qg-${n.gatewayPort} proto static\n100.64.0.0/16 dev qg-${n.gatewayPort} proto kernel scope link src ${externalIp(n.index)}\n${subnet(n.index)}.0/24 dev qr-${n.routerPort} proto kernel scope link src ${subnet(n.index)}.1\n`);
      write(`ip-netns-exec-qrouter-iptables-t-nat-s`, `ip netns exec qrouter-${n.routerId} iptables -t nat -S`, natRules(n));
    }
    write('ps-ef', 'ps -ef', renderPsEf(hostProcesses({
      dhcp: served.map((n) => ({ network: n.id, tap: `tap${n.dhcpPort}`, range: `${subnet(n.index)}.0` })),
      routers: served.map((n) => n.routerId),
      seed: 1000 + k,
    })));
    write('ovs-appctl-dpif-show', 'ovs-appctl dpif/show', dpifShow(nodeRand, ifaces, [
      ['br-ex', brEx.map((p, i) => ({ name: p.name, ofport: p.name === 'br-ex' ? 65534 : i, type: p.type }))],
      ['br-int', brInt.map((p, i) => ({ name: p.name, ofport: p.name === 'br-int' ? 65534 : i, type: p.type, options: p.options }))],
      ['br-tun', brTun.map((p, i) => ({ name: p.name, ofport: p.name === 'br-tun' ? 65534 : i, type: p.type, options: p.options }))],
    ]));
  }

  const hostNames = [...Array.from({ length: hostCount }, (_, h) => hostName(h)), ...Array.from({ length: networkNodes }, (_, k) => nodeName(k))];
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({
    format: 'capture-lab/1',
    variant: 'generated-cloud',
    generated_by: `scripts/generate-cloud.ts --hosts ${hostCount} --vms ${options.vmsPerHost} --seed ${options.seed ?? 1}`,
    layout: "<host>/<NN>-<slug>.txt; line 1 is '$ <command>', the rest is the output",
    hosts: hostNames,
    commands: manifestCommands,
  }, null, 2) + '\n');
  return { hosts: hostNames.length, vms: hostCount * options.vmsPerHost, files, bytes };
}

function addPeer(peers: Map<string, { ip: string; networks: number[] }>, ip: string, network: number): void {
  const peer = peers.get(ip) ?? { ip, networks: [] };
  if (!peer.networks.includes(network)) peer.networks.push(network);
  peers.set(ip, peer);
}

function seconds(rand: Random): string {
  return (rand() * 900000).toFixed(3);
}
function count(rand: Random): number {
  return Math.floor(rand() * 100000);
}

interface OvsPort {
  name: string;
  tag?: number;
  type?: string;
  options?: string;
}

function ovsVsctlShow(rand: Random, bridges: [string, OvsPort[]][]): string {
  const lines = [uuid(rand), '    Manager "ptcp:6640:127.0.0.1"', '        is_connected: true'];
  for (const [bridge, ports] of bridges) {
    lines.push(`    Bridge ${bridge}`, '        Controller "tcp:127.0.0.1:6633"', '            is_connected: true', '        fail_mode: secure', '        datapath_type: system');
    for (const p of ports) {
      lines.push(`        Port ${p.name}`);
      if (p.tag !== undefined) lines.push(`            tag: ${p.tag}`);
      lines.push(`            Interface ${p.name}`);
      if (p.type) lines.push(`                type: ${p.type}`);
      if (p.options) lines.push(`                options: ${p.options}`);
    }
  }
  lines.push('    ovs_version: "2.17.9"');
  return lines.join('\n') + '\n';
}

/** br-tun of the Neutron OVS agent (VXLAN): tables 0, 1, 2, 3, 10, 20 and 21. */
function brTunFlows(rand: Random, nets: { vni: number; lvid: number; ports: number[]; remoteMacs: { mac: string; port: number }[] }[], tunnelPorts: number[]): string {
  const flow = (table: number, rest: string, extra = '') => ` cookie=0x0, duration=${seconds(rand)}s, table=${table}, n_packets=${count(rand)}, n_bytes=${count(rand) * 98}, ${extra}idle_age=${Math.floor(rand() * 300)}, ${rest}`;
  const lines = ['NXST_FLOW reply (xid=0x4):'];
  lines.push(flow(0, 'priority=1,in_port=1 actions=resubmit(,1)'));
  for (const port of tunnelPorts) lines.push(flow(0, `priority=1,in_port=${port} actions=resubmit(,3)`));
  lines.push(flow(0, 'priority=0 actions=drop'));
  lines.push(flow(1, 'priority=1,dl_dst=00:00:00:00:00:00/01:00:00:00:00:00 actions=resubmit(,20)'));
  lines.push(flow(1, 'priority=1,dl_dst=01:00:00:00:00:00/01:00:00:00:00:00 actions=resubmit(,21)'));
  lines.push(flow(2, 'priority=0 actions=drop'));
  for (const n of nets) lines.push(flow(3, `priority=1,tun_id=0x${n.vni.toString(16)} actions=mod_vlan_vid:${n.lvid},resubmit(,10)`));
  lines.push(flow(3, 'priority=0 actions=drop'));
  lines.push(flow(10, 'priority=1 actions=learn(table=20,hard_timeout=300,priority=1,NXM_OF_VLAN_TCI[0..11],NXM_OF_ETH_DST[]=NXM_OF_ETH_SRC[],load:0->NXM_OF_VLAN_TCI[],load:NXM_NX_TUN_ID[]->NXM_NX_TUN_ID[],output:NXM_OF_IN_PORT[]),output:1'));
  for (const n of nets) {
    for (const r of n.remoteMacs) {
      lines.push(flow(20, `priority=1,vlan_tci=0x${hex(n.lvid, 4)}/0x0fff,dl_dst=${r.mac} actions=load:0->NXM_OF_VLAN_TCI[],load:0x${n.vni.toString(16)}->NXM_NX_TUN_ID[],output:${r.port}`, 'hard_timeout=300, '));
    }
  }
  lines.push(flow(20, 'priority=0 actions=resubmit(,21)'));
  for (const n of nets) {
    if (n.ports.length === 0) continue;
    lines.push(flow(21, `priority=1,dl_vlan=${n.lvid} actions=strip_vlan,set_tunnel:0x${n.vni.toString(16)},${n.ports.map((p) => `output:${p}`).join(',')}`));
  }
  lines.push(flow(21, 'priority=0 actions=drop'));
  return lines.join('\n') + '\n';
}

function brIntFlows(rand: Random): string {
  return `NXST_FLOW reply (xid=0x4):\n cookie=0x0, duration=${seconds(rand)}s, table=0, n_packets=${count(rand)}, n_bytes=${count(rand) * 98}, idle_age=0, priority=1 actions=NORMAL\n cookie=0x0, duration=${seconds(rand)}s, table=23, n_packets=0, n_bytes=0, idle_age=65534, priority=0 actions=drop\n`;
}

function brctlShow(ifaces: Iface[]): string {
  const lines = ['bridge name\tbridge id\t\tSTP enabled\tinterfaces'];
  for (const bridge of ifaces.filter((i) => i.name.startsWith('qbr') || i.name === 'virbr0')) {
    const members = ifaces.filter((i) => i.master === bridge.name).map((i) => i.name);
    const id = `8000.${bridge.mac.replace(/:/g, '')}`;
    lines.push(`${bridge.name}\t\t${id}\t${bridge.name === 'virbr0' ? 'yes' : 'no'}\t\t${members[0] ?? ''}`);
    for (const m of members.slice(1)) lines.push(`\t\t\t\t\t\t\t${m}`);
  }
  return lines.join('\n') + '\n';
}

function virshList(vms: Vm[]): string {
  const lines = [' Id   Name                State', '-----------------------------------'];
  vms.forEach((vm, k) => lines.push(` ${String(k + 1).padEnd(4)} ${vm.instance.padEnd(19)} running`));
  return lines.join('\n') + '\n\n';
}

function ipAddr(rand: Random, devices: { name: string; mac: string; inet: string }[]): string {
  const lines = [
    '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000',
    '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00',
    '    inet 127.0.0.1/8 scope host lo',
    '       valid_lft forever preferred_lft forever',
  ];
  devices.forEach((d, k) => {
    const ifindex = 40 + Math.floor(rand() * 9000) + k;
    lines.push(`${ifindex}: ${d.name}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UNKNOWN group default qlen 1000`);
    lines.push(`    link/ether ${d.mac} brd ff:ff:ff:ff:ff:ff`);
    const [address, prefix] = d.inet.split('/');
    const octets = address!.split('.').map(Number);
    const bits = Number(prefix);
    const host = bits === 32 ? 0 : 0xffffffff >>> bits;
    const value = (((octets[0]! << 24) | (octets[1]! << 16) | (octets[2]! << 8) | octets[3]!) | host) >>> 0;
    const brd = [24, 16, 8, 0].map((s) => (value >>> s) & 255).join('.');
    lines.push(`    inet ${d.inet} brd ${brd} scope global ${d.name}`, '       valid_lft forever preferred_lft forever');
  });
  return lines.join('\n') + '\n';
}

function natRules(n: Network): string {
  const qg = `qg-${n.gatewayPort}`;
  return [
    '-P PREROUTING ACCEPT', '-P INPUT ACCEPT', '-P OUTPUT ACCEPT', '-P POSTROUTING ACCEPT',
    '-N neutron-l3-agent-OUTPUT', '-N neutron-l3-agent-POSTROUTING', '-N neutron-l3-agent-PREROUTING', '-N neutron-l3-agent-float-snat', '-N neutron-l3-agent-snat', '-N neutron-postrouting-bottom',
    '-A PREROUTING -j neutron-l3-agent-PREROUTING', '-A OUTPUT -j neutron-l3-agent-OUTPUT', '-A POSTROUTING -j neutron-l3-agent-POSTROUTING', '-A POSTROUTING -j neutron-postrouting-bottom',
    `-A neutron-l3-agent-POSTROUTING ! -i ${qg} ! -o ${qg} -m conntrack ! --ctstate DNAT -j ACCEPT`,
    `-A neutron-l3-agent-PREROUTING -d 169.254.169.254/32 -i qr-+ -p tcp -m tcp --dport 80 -j REDIRECT --to-ports 9697`,
    '-A neutron-l3-agent-snat -j neutron-l3-agent-float-snat',
    `-A neutron-l3-agent-snat -o ${qg} -j SNAT --to-source ${externalIp(n.index)}`,
    `-A neutron-l3-agent-snat -m mark ! --mark 0x2/0xffff -m conntrack --ctstate DNAT -j SNAT --to-source ${externalIp(n.index)}`,
    '-A neutron-postrouting-bottom -m comment --comment "Perform source NAT on outgoing traffic." -j neutron-l3-agent-snat',
  ].join('\n') + '\n';
}

function dpifShow(rand: Random, ifaces: Iface[], bridges: [string, { name: string; ofport: number; type?: string | undefined; options?: string | undefined }[]][]): string {
  const lines = [`system@ovs-system: hit:${count(rand)} missed:${count(rand)}`];
  const ifindex = new Map(ifaces.map((i) => [i.name, i.ifindex]));
  let next = ifaces.length + 1;
  for (const [bridge, ports] of bridges) {
    lines.push(`  ${bridge}:`);
    for (const p of [...ports].sort((a, b) => a.name.localeCompare(b.name))) {
      if (p.type === 'patch') lines.push(`    ${p.name} ${p.ofport}/none: (patch: ${p.options!.slice(1, -1)})`);
      else if (p.type === 'vxlan') {
        const remote = /remote_ip="([^"]+)"/.exec(p.options ?? '')?.[1];
        const local = /local_ip="([^"]+)"/.exec(p.options ?? '')?.[1];
        lines.push(`    ${p.name} ${p.ofport}/${next++}: (vxlan: egress_pkt_mark=0, key=flow, local_ip=${local}, remote_ip=${remote})`);
      } else lines.push(`    ${p.name} ${p.ofport}/${ifindex.get(p.name) ?? next++}: (${p.type === 'internal' ? 'internal' : 'system'})`);
    }
  }
  return lines.join('\n') + '\n';
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { dir, numbers } = outdirAndNumbers(process.argv.slice(2), { hosts: 200, vms: 20, seed: 1 });
  if (!dir) {
    console.error('usage: node dist/scripts/generate-cloud.js OUTDIR [--hosts 200] [--vms 20] [--seed 1]');
    process.exit(2);
  }
  const made = generateCloud(dir, { hosts: numbers.hosts, vmsPerHost: numbers.vms, seed: numbers.seed });
  console.log(`${dir}: ${made.hosts} hosts, ${made.vms} VMs, ${made.files} captures, ${(made.bytes / 1e6).toFixed(1)} MB`);
}
