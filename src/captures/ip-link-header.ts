// The pieces of one `ip link` / `ip addr` / `bridge link` entry, each read from
// one (already unwrapped) line of text: the `N: name@peer: <FLAGS> key value…`
// header, the `link/TYPE ADDR brd …` line, the `-d` kind lines and the address
// lines. Hand-written: no maintained npm package reads iproute2's text output.

import type { Evidence } from './types.js';

/** What follows `@` in `qvo…@qvb…`, `eth0@if2`, `gre0@NONE`: the peer (veth) or lower device. */
export interface LinkRef {
  /** As printed: `qvb7e2a4a6c-2b`, `if2`, `NONE`. */
  text: string;
  /** A device name in the same namespace (`qvb…`, `eth0` under a vlan). */
  name?: string;
  /** `@ifN`: the device's ifindex in another namespace (see `linkLayer.linkNetnsId`). */
  ifindex?: number;
  /** `@NONE`: a tunnel device bound to no lower device. */
  none?: boolean;
}

export interface IpLinkHeader {
  ifindex: number;
  name: string;
  linkedTo?: LinkRef;
  /** `<BROADCAST,MULTICAST,UP,LOWER_UP>` → `['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP']`. */
  flags: string[];
  mtu?: number;
  qdisc?: string;
  master?: string;
  state?: string;
  mode?: string;
  group?: string;
  qlen?: number;
  /** Header words not named above (`xdpgeneric`, `netns`, `protodown`…) as printed, key → value. */
  extra: Record<string, string>;
  /** Header keys left without a value (`… master` at a line end): the line was wrapped. */
  dangling?: string;
}

export const HEADER_KEYS = new Set(['mtu', 'qdisc', 'master', 'state', 'mode', 'group', 'qlen', 'link-netnsid', 'xdp', 'xdpgeneric', 'xdpdrv', 'xdpoffload', 'protodown', 'protodown_reason']);

//   8: qvb7e2a4a6c-2b@qvo7e2a4a6c-2b: <BROADCAST,…,LOWER_UP> mtu 1500 qdisc noqueue master qbr… state UP …
//   ^  ^name          ^linked to      ^flags                 ^ key value pairs
const HEADER = /^\s*(\d+):\s+([^\s:@]+)(?:@([^\s:]+))?:\s+<([^>]*)>\s*(.*)$/;
/** Start of a header whose `<…>` flag list is cut by a line wrap. */
export const HEADER_START = /^\s*\d+:\s+[^\s:]+:\s+</;

/** Reads a link header line; undefined when the line is not one. */
export function parseLinkHeader(text: string): IpLinkHeader | undefined {
  const m = HEADER.exec(text);
  if (!m) return undefined;
  const header: IpLinkHeader = {
    ifindex: Number(m[1]),
    name: m[2]!,
    flags: m[4]!.split(',').map((f) => f.trim()).filter((f) => f !== ''),
    extra: {},
  };
  if (m[3] !== undefined) header.linkedTo = linkRef(m[3]);
  const words = splitWords(m[5]!);
  for (let i = 0; i < words.length; i += 2) {
    const key = words[i]!;
    const value = words[i + 1];
    if (value === undefined) { header.dangling = key; break; }
    switch (key) {
      case 'mtu': header.mtu = Number(value); break;
      case 'qlen': header.qlen = Number(value); break;
      case 'qdisc': header.qdisc = value; break;
      case 'master': header.master = value; break;
      case 'state': header.state = value; break;
      case 'mode': header.mode = value; break;
      case 'group': header.group = value; break;
      default: header.extra[key] = value;
    }
  }
  return header;
}

export function linkRef(text: string): LinkRef {
  if (text === 'NONE') return { text, none: true };
  const ifn = /^if(\d+)$/.exec(text);
  if (ifn) return { text, ifindex: Number(ifn[1]) };
  return { text, name: text };
}

export function splitWords(text: string): string[] {
  const trimmed = text.trim();
  return trimmed === '' ? [] : trimmed.split(/\s+/);
}

/** `link/ether 52:54:00:4c:ab:01 brd ff:… link-netnsid 0`, plus what `-d` appends on the same line. */
export interface LinkLayer {
  /** `ether`, `loopback`, `none`, `gre`, `ipip`, `tunnel6`, `void`… */
  type: string;
  address?: string;
  broadcast?: string;
  /** `peer` address of a point-to-point link layer (`link/gre 198.51.100.11 peer 198.51.100.21`). */
  peer?: string;
  /** `link-netnsid N`: the `@…` device lives in the namespace this one knows as id N. */
  linkNetnsId?: number;
  /** `link-netns NAME`: same, when the namespace has a name here. */
  linkNetns?: string;
  permaddr?: string;
  evidence: Evidence;
}

const LINK_LAYER_KEYS = new Set(['brd', 'peer', 'link-netnsid', 'link-netns', 'permaddr']);

/**
 * Words `ip -d` prints for every device, on the `link/` line or after the kind
 * (`veth addrgenmode eui64 numtxqueues 2 …`): they describe the device, not its kind.
 */
export const LINK_DETAIL_KEYS = new Set([
  'promiscuity', 'allmulti', 'minmtu', 'maxmtu', 'addrgenmode', 'numtxqueues', 'numrxqueues',
  'gso_max_size', 'gso_max_segs', 'tso_max_size', 'tso_max_segs', 'gro_max_size',
  'gso_ipv4_max_size', 'gro_ipv4_max_size', 'parentbus', 'parentdev', 'netns-immutable', 'protodown',
]);

export interface LinkLayerParse {
  linkLayer: LinkLayer;
  /** `-d` words found on the same line (`promiscuity 0  allmulti 0 minmtu 68 …`). */
  details: [string, string][];
  /** A key left without value at the line end (wrapped line). */
  dangling?: string;
}

//   link/ether e6:f9:ad:a0:37:6b brd ff:ff:ff:ff:ff:ff link-netnsid 0 promiscuity 1  allmulti 0 …
//   link/none
//   link/gre 198.51.100.11 peer 198.51.100.21
export function parseLinkLayer(text: string, evidence: Evidence): LinkLayerParse | undefined {
  const words = splitWords(text);
  const m = /^link\/(\S+)$/.exec(words[0] ?? '');
  if (!m) return undefined;
  const linkLayer = { type: m[1]! } as LinkLayer;
  const details: [string, string][] = [];
  let i = 1;
  const next = words[1];
  if (next !== undefined && !LINK_LAYER_KEYS.has(next) && !LINK_DETAIL_KEYS.has(next)) {
    linkLayer.address = next;
    i = 2;
  }
  for (; i < words.length; i += 2) {
    const key = words[i]!;
    const value = words[i + 1];
    if (value === undefined) return { linkLayer: { ...linkLayer, evidence }, details, dangling: key };
    switch (key) {
      case 'brd': linkLayer.broadcast = value; break;
      case 'peer': linkLayer.peer = value; break;
      case 'link-netnsid': linkLayer.linkNetnsId = Number(value); break;
      case 'link-netns': linkLayer.linkNetns = value; break;
      case 'permaddr': linkLayer.permaddr = value; break;
      default: details.push([key, value]);
    }
  }
  linkLayer.evidence = evidence;
  return { linkLayer, details };
}

/** True when `word` can open the continuation of a wrapped `link/` line. */
export function continuesLinkLayer(word: string): boolean {
  return LINK_LAYER_KEYS.has(word) || LINK_DETAIL_KEYS.has(word);
}
