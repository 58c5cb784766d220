// What a process is for, read from its argv: the facts a network guide cares
// about (which interface dnsmasq serves, which router a metadata proxy belongs
// to, which port a stand-in listens on) as structured data.
import { programName } from './lines.js';

export interface ProcessOption {
  /** Without dashes: `--dhcp-range=…` → `dhcp-range`, `-m` → `m`. */
  name: string;
  /** `--flag` has no value; `--conf-file=` has the empty string. */
  value?: string;
}

export interface DhcpRange {
  /** `set:tag0` → tag0 (the tag this range sets). */
  set?: string;
  /** `tag:x` conditions. */
  tags: string[];
  start: string;
  end?: string;
  /** `static`, `proxy`, `ra-only`, `slaac`, … */
  mode?: string;
  netmask?: string;
  /** `86400s`, `12h`, `infinite`. */
  lease?: string;
  raw: string;
}

export type ProcessRole =
  | {
      kind: 'dnsmasq';
      interfaces: string[];
      exceptInterfaces: string[];
      dhcpRanges: DhcpRange[];
      pidFile?: string;
      dhcpHostsFile?: string;
      addnHosts?: string;
      dhcpOptsFile?: string;
      leaseMax?: number;
      domain?: string;
      /** UUID in the Neutron state path (`/var/lib/neutron/dhcp/<network>/pid`). */
      networkId?: string;
    }
  | {
      kind: 'metadata-proxy';
      implementation: 'neutron-ns-metadata-proxy' | 'haproxy';
      routerId?: string;
      networkId?: string;
      /** UUID found in a config or pid file path when the router/network is not named. */
      resourceId?: string;
      metadataPort?: number;
      statePath?: string;
      pidFile?: string;
      configFile?: string;
    }
  | { kind: 'http-server'; implementation: 'python -m http.server'; port: number; bind?: string; directory?: string }
  | { kind: 'ovs-daemon'; daemon: string; database?: string; remotes: string[]; pidFile?: string }
  | { kind: 'openstack-service'; service: string; configFiles: string[] }
  | { kind: 'qemu'; name?: string; uuid?: string; tapDevices: string[]; macs: string[] }
  /** keepalived of an HA router, radvd announcing a router's IPv6 prefixes: the router from the config path. */
  | { kind: 'keepalived' | 'radvd'; configFile?: string; routerId?: string };

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** Options of an argv as written: `--a=b`, `--flag`, `-x`; positional words are skipped. */
export function readOptions(argv: string[]): ProcessOption[] {
  const options: ProcessOption[] = [];
  for (const arg of argv) {
    const m = /^--?([^=\s]+)(?:=(.*))?$/.exec(arg);
    if (!m || arg === '-' || arg === '--') continue;
    options.push(m[2] === undefined ? { name: m[1]! } : { name: m[1]!, value: m[2] });
  }
  return options;
}

function last(options: ProcessOption[], ...names: string[]): string | undefined {
  for (let i = options.length - 1; i >= 0; i--) if (names.includes(options[i]!.name)) return options[i]!.value;
  return undefined;
}

function all(options: ProcessOption[], ...names: string[]): string[] {
  return options.filter((o) => names.includes(o.name) && o.value !== undefined).map((o) => o.value!);
}

/** `--key value` as well as `--key=value` (ovsdb-server, qemu and http.server take both). */
function valueAfter(argv: string[], ...names: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    for (const name of names) {
      if (arg === name && i + 1 < argv.length) return argv[i + 1];
      if (arg.startsWith(name + '=')) return arg.slice(name.length + 1);
    }
  }
  return undefined;
}

/** The role of a process, or undefined for a process the guides do not explain. */
export function processRole(argv: string[]): ProcessRole | undefined {
  const programs = argv.slice(0, 3).map(programName);
  const options = readOptions(argv);
  if (programs[0] === 'dnsmasq') return dnsmasqRole(options);
  if (programs.some((p) => p === 'neutron-ns-metadata-proxy')) return nsMetadataProxyRole(options);
  if (programs[0] === 'haproxy' && argv.some((a) => /metadata/.test(a))) return haproxyMetadataRole(argv);
  if (/^python[\d.]*$/.test(programs[0] ?? '')) {
    const m = argv.indexOf('-m');
    if (m > 0 && argv[m + 1] === 'http.server') return httpServerRole(argv.slice(m + 2));
  }
  if (programs[0] === 'ovsdb-server' || programs[0] === 'ovs-vswitchd') {
    const role: ProcessRole = {
      kind: 'ovs-daemon',
      daemon: programs[0],
      remotes: all(options, 'remote'),
    };
    const database = argv.slice(1).find((a) => !a.startsWith('-') && a.endsWith('.db'));
    if (database !== undefined) role.database = database;
    const pid = last(options, 'pidfile');
    if (pid !== undefined) role.pidFile = pid;
    return role;
  }
  const service = programs.find((p) => /^(neutron|nova|cinder|glance|keystone|octavia)-[a-z0-9-]+$/.test(p));
  if (service !== undefined) return { kind: 'openstack-service', service, configFiles: all(options, 'config-file') };
  if (/^(qemu-kvm|qemu-system-[\w]+|kvm)$/.test(programs[0] ?? '')) return qemuRole(argv);
  //   keepalived -P -f /var/lib/neutron/ha_confs/<router>/keepalived.conf -p …
  //   radvd -C /var/lib/neutron/ra/<router>.radvd.conf -p …
  if (programs[0] === 'keepalived' || programs[0] === 'radvd') {
    const role: Extract<ProcessRole, { kind: 'keepalived' | 'radvd' }> = { kind: programs[0] };
    const config = valueAfter(argv, programs[0] === 'radvd' ? '-C' : '-f', programs[0] === 'radvd' ? '--config' : '--use-file');
    if (config !== undefined) role.configFile = config;
    const router = config !== undefined ? UUID.exec(config)?.[0] : undefined;
    if (router !== undefined) role.routerId = router;
    return role;
  }
  return undefined;
}

//   dnsmasq … --interface=tapa042dd0d-97 … --pid-file=/var/lib/neutron/dhcp/<net>/pid
//             --dhcp-range=set:tag0,10.0.1.0,static,86400s
function dnsmasqRole(options: ProcessOption[]): ProcessRole {
  const role: Extract<ProcessRole, { kind: 'dnsmasq' }> = {
    kind: 'dnsmasq',
    interfaces: all(options, 'interface', 'i'),
    exceptInterfaces: all(options, 'except-interface', 'I'),
    dhcpRanges: all(options, 'dhcp-range', 'F').map(parseDhcpRange),
  };
  const pidFile = last(options, 'pid-file', 'x');
  if (pidFile !== undefined) role.pidFile = pidFile;
  const hosts = last(options, 'dhcp-hostsfile');
  if (hosts !== undefined) role.dhcpHostsFile = hosts;
  const addn = last(options, 'addn-hosts', 'H');
  if (addn !== undefined) role.addnHosts = addn;
  const opts = last(options, 'dhcp-optsfile');
  if (opts !== undefined) role.dhcpOptsFile = opts;
  const max = last(options, 'dhcp-lease-max', 'X');
  if (max !== undefined && /^\d+$/.test(max)) role.leaseMax = Number(max);
  const domain = last(options, 'domain', 's');
  if (domain !== undefined) role.domain = domain;
  const network = [pidFile, hosts, opts, addn].map((p) => (p ? UUID.exec(p)?.[0] : undefined)).find(Boolean);
  if (network !== undefined) role.networkId = network;
  return role;
}

const RANGE_MODES = new Set(['static', 'proxy', 'ra-only', 'ra-names', 'ra-stateless', 'slaac', 'ra-advrouters', 'off-link']);
const LEASE = /^(\d+[smhdw]?|infinite|deprecated)$/;

/**
 * dnsmasq's `[tag:T,][set:T,]start[,end|mode][,netmask[,broadcast]][,lease]`:
 *   set:tag0,10.0.1.0,static,86400s
 *   set:subnet-1,10.0.0.0,static,255.255.255.0,86400s
 *   set:subnet-2,fd00:10::,static,64,86400s            (IPv6: prefix length where the netmask goes)
 */
export function parseDhcpRange(raw: string): DhcpRange {
  const parts = raw.split(',');
  const range: DhcpRange = { tags: [], start: '', raw };
  let i = 0;
  for (; i < parts.length; i++) {
    const part = parts[i]!;
    if (part.startsWith('tag:')) range.tags.push(part.slice(4));
    else if (part.startsWith('set:')) range.set = part.slice(4);
    else if (part.startsWith('net:')) range.set = part.slice(4); // pre-2.46 spelling
    else break;
  }
  range.start = parts[i++] ?? '';
  for (; i < parts.length; i++) {
    const part = parts[i]!;
    const lastPart = i === parts.length - 1;
    if (RANGE_MODES.has(part) || part.startsWith('constructor:')) range.mode = part;
    // only the last field is a lease time: `fd00::,static,64,86400s` has the prefix length 64 before it
    else if (lastPart && LEASE.test(part)) range.lease = part;
    else if (range.end === undefined && range.mode === undefined && range.netmask === undefined && !isNetmask(part)) range.end = part;
    else if (range.netmask === undefined) range.netmask = part;
  }
  return range;
}

function isNetmask(part: string): boolean {
  return /^255\.|^0\.0\.0\.0$/.test(part) || /^\d{1,3}$/.test(part);
}

//   /usr/bin/python /usr/bin/neutron-ns-metadata-proxy --pid_file=… --router_id=7052… --metadata_port=9697
function nsMetadataProxyRole(options: ProcessOption[]): ProcessRole {
  const role: Extract<ProcessRole, { kind: 'metadata-proxy' }> = { kind: 'metadata-proxy', implementation: 'neutron-ns-metadata-proxy' };
  const router = last(options, 'router_id', 'router-id');
  if (router !== undefined) role.routerId = router;
  const network = last(options, 'network_id', 'network-id');
  if (network !== undefined) role.networkId = network;
  const port = last(options, 'metadata_port', 'metadata-port');
  if (port !== undefined && /^\d+$/.test(port)) role.metadataPort = Number(port);
  const state = last(options, 'state_path', 'state-path');
  if (state !== undefined) role.statePath = state;
  const pid = last(options, 'pid_file', 'pid-file');
  if (pid !== undefined) role.pidFile = pid;
  return role;
}

//   haproxy -f /var/lib/neutron/ns-metadata-proxy/<router-or-network>.conf
function haproxyMetadataRole(argv: string[]): ProcessRole {
  const role: Extract<ProcessRole, { kind: 'metadata-proxy' }> = { kind: 'metadata-proxy', implementation: 'haproxy' };
  const config = valueAfter(argv, '-f');
  if (config !== undefined) role.configFile = config;
  const id = argv.map((a) => UUID.exec(a)?.[0]).find(Boolean);
  if (id !== undefined) role.resourceId = id;
  return role;
}

//   /usr/bin/python3 -m http.server 9697 --bind 0.0.0.0 --directory /var/lib/neutron/metadata-standin
function httpServerRole(args: string[]): ProcessRole {
  const role: Extract<ProcessRole, { kind: 'http-server' }> = { kind: 'http-server', implementation: 'python -m http.server', port: 8000 };
  const skip = new Set<number>();
  const bind = valueAfter(args, '--bind', '-b');
  if (bind !== undefined) role.bind = bind;
  const directory = valueAfter(args, '--directory', '-d');
  if (directory !== undefined) role.directory = directory;
  args.forEach((a, i) => {
    if (['--bind', '-b', '--directory', '-d', '--protocol', '-p'].includes(a)) skip.add(i + 1);
  });
  const port = args.find((a, i) => !skip.has(i) && /^\d+$/.test(a));
  if (port !== undefined) role.port = Number(port);
  return role;
}

//   qemu-system-x86_64 -name instance-00000007 -uuid … -netdev tap,fd=26,id=hostnet0,ifname=tap7bfa2daa-66
//   -device virtio-net-pci,netdev=hostnet0,mac=fa:16:3e:…
function qemuRole(argv: string[]): ProcessRole {
  const role: Extract<ProcessRole, { kind: 'qemu' }> = { kind: 'qemu', tapDevices: [], macs: [] };
  const name = valueAfter(argv, '-name');
  if (name !== undefined) role.name = /(?:^|,)guest=([^,]+)/.exec(name)?.[1] ?? name.split(',')[0]!;
  const uuid = valueAfter(argv, '-uuid');
  if (uuid !== undefined) role.uuid = uuid;
  for (const arg of argv) {
    for (const m of arg.matchAll(/ifname=([^,]+)/g)) role.tapDevices.push(m[1]!);
    for (const m of arg.matchAll(/mac=([0-9a-f:]{17})/gi)) role.macs.push(m[1]!);
  }
  return role;
}
