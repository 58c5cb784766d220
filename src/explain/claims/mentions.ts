// What a clause of the author's prose mentions, resolved against the topology:
// names (exact, `qr-XXX`-style placeholders, a bare namespace prefix such as
// `qdhcp`), host roles ("the network node", "计算节点"), the VM, addresses,
// MACs, VLAN ids, tunnel keys, L4 ports, OpenFlow tables, services and
// processes. Hand-written: the names to find are the topology's own.

import type { Topology } from '../../topology/model.js';
import type { Lexicon } from './lexicon/index.js';

export type NameKind = 'bridge' | 'port' | 'interface' | 'namespace' | 'vm' | 'host';

/** One thing a written name stands for. */
export interface Thing { kind: NameKind; host: string; name: string; netns?: string; bridge?: string }

export type Mention =
  | { kind: 'name'; text: string; index: number; things: Thing[]; placeholder: boolean }
  | { kind: 'unknown'; text: string; index: number }
  | { kind: 'host'; text: string; index: number; hosts: string[] }
  | { kind: 'vm'; text: string; index: number }
  | { kind: 'ip'; text: string; index: number; ip: string; prefix?: number; port?: number }
  | { kind: 'mac'; text: string; index: number; mac: string }
  | { kind: 'vlan'; text: string; index: number; vlan: number }
  | { kind: 'key'; text: string; index: number; key: number }
  | { kind: 'l4port'; text: string; index: number; port: number; protocol?: string }
  | { kind: 'table'; text: string; index: number; table: number }
  | { kind: 'service'; text: string; index: number; service: 'dhcp' | 'dns' | 'metadata' }
  | { kind: 'process'; text: string; index: number; process: string }
  | { kind: 'encap'; text: string; index: number; encap: 'vxlan' | 'gre' };

/** Interface-like names of Neutron and OVS, and `qr-XXX` placeholders. */
const NAMEISH = /(?<![\w.-])(?:qvo|qvb|qbr|tap|qr-|qg-|br-|patch-|gre-|vxlan-|qdhcp-|qrouter-|int-br-|phy-br-)[\w-]*/g;
const TOKEN = /(?<![\w.:-])[A-Za-z][\w-]*(?:\.[A-Za-z0-9][\w-]*)*(?![\w-])/g;
const IP = /(?<![\d.])(\d{1,3}(?:\.\d{1,3}){3})(?:\/(\d{1,2}))?(?::(\d{1,5}))?(?![\d.])/g;
const MAC = /(?<![\w:])([0-9a-f]{2}(?::[0-9a-f]{2}){5})(?![\w:])/gi;

export const isPlaceholder = (name: string): boolean => /x{2,}|<|\.\.\./i.test(name) || /^(?:qvo|qvb|qbr|tap|qr-|qg-|br-|patch-|gre-|vxlan-)$/.test(name);

/** Every thing of the topology by its name. */
export function thingsByName(topology: Topology): Map<string, Thing[]> {
  const map = new Map<string, Thing[]>();
  const add = (t: Thing): void => {
    const list = map.get(t.name) ?? [];
    if (!list.some((x) => x.kind === t.kind && x.host === t.host && x.netns === t.netns && x.bridge === t.bridge)) list.push(t);
    map.set(t.name, list);
  };
  for (const b of topology.bridges) {
    add({ kind: 'bridge', host: b.host, name: b.name });
    for (const p of b.ports) if (p.name !== b.name) add({ kind: 'port', host: b.host, name: p.name, bridge: b.name });
  }
  for (const i of topology.interfaces) {
    if (!topology.bridges.some((b) => b.host === i.host && b.name === i.name)) add({ kind: 'interface', host: i.host, name: i.name, ...(i.netns ? { netns: i.netns } : {}) });
  }
  for (const n of topology.namespaces) add({ kind: 'namespace', host: n.host, name: n.name });
  for (const v of topology.vms) {
    add({ kind: 'vm', host: v.host, name: v.name });
    for (const nic of v.interfaces) if (!map.has(nic.tap)) add({ kind: 'interface', host: v.host, name: nic.tap });
  }
  for (const l of topology.links) for (const e of [l.a, l.b]) if (!map.has(e.name)) add({ kind: 'interface', host: e.host, name: e.name, ...(e.netns ? { netns: e.netns } : {}) });
  for (const h of topology.hosts) if (!map.has(h.name)) add({ kind: 'host', host: h.name, name: h.name });
  return map;
}

function resolvePlaceholder(byName: Map<string, Thing[]>, written: string): Thing[] {
  const cut = written.search(/x{2,}|<|\.\.\./i);
  const prefix = cut < 0 ? written : written.slice(0, cut);
  const out: Thing[] = [];
  for (const [name, things] of byName) if (name.startsWith(prefix) && name !== prefix) out.push(...things.filter((t) => t.kind !== 'bridge' || prefix.startsWith('br-')));
  return out;
}

const overlaps = (taken: [number, number][], start: number, end: number) => taken.some(([s, e]) => start < e && end > s);

export function mentionsOf(text: string, topology: Topology, byName: Map<string, Thing[]>, lex: Lexicon): Mention[] {
  const out: Mention[] = [];
  const taken: [number, number][] = [];
  const take = (m: Mention, length: number): void => {
    out.push(m);
    taken.push([m.index, m.index + length]);
  };
  const lower = text.toLowerCase();
  for (const m of text.matchAll(MAC)) take({ kind: 'mac', text: m[0], index: m.index!, mac: m[1]!.toLowerCase() }, m[0].length);
  for (const m of text.matchAll(IP)) {
    if (overlaps(taken, m.index!, m.index! + m[0].length)) continue;
    take({ kind: 'ip', text: m[0], index: m.index!, ip: m[1]!, ...(m[2] ? { prefix: Number(m[2]) } : {}), ...(m[3] ? { port: Number(m[3]) } : {}) }, m[0].length);
  }
  // numbers with their word: VLAN 101, tag 是 1, tun_id 0x1, VNI 1, table 21, UDP 4789, 80 端口, port 80
  const numbered: [RegExp, (n: number, m: RegExpMatchArray) => Mention | undefined][] = [
    [/(?:vlan(?:\s*id)?|tag|标签|vid|dl_vlan|mod_vlan_vid)\s*(?:是|为|[:=]|of|is|改成|变成|换成|改为|changed to|becomes|is rewritten to|rewritten to)?\s*(?:也是|都是)?\s*(\d{1,4})(?![\d.])/gi, (n, m) => ({ kind: 'vlan', text: m[0], index: m.index!, vlan: n })],
    [/(?:tun_id|tunnel[_ ]id|vni|key|隧道\s*id)(?:\s+of\s+the\s+(?:tunnel|network))?\s*(?:是|为|[:=]|of|is)?\s*(0x[0-9a-f]+|\d+)/gi, (n, m) => ({ kind: 'key', text: m[0], index: m.index!, key: n })],
    [/table\s*[=]?\s*(\d+)/gi, (n, m) => ({ kind: 'table', text: m[0], index: m.index!, table: n })],
    [/(udp|tcp)\s*(?:port\s*|端口\s*)?(\d{1,5})(?![\d.])/gi, (n, m) => ({ kind: 'l4port', text: m[0], index: m.index!, port: n, protocol: m[1]!.toLowerCase() })],
    [/(?:port|端口)\s*(?:是|为|is|of)?\s*(\d{1,5})(?![\d.])|(?<![\d.])(\d{1,5})\s*(?:端口|号端口|port)/gi, (n, m) => ({ kind: 'l4port', text: m[0], index: m.index!, port: n })],
  ];
  for (const [re, make] of numbered) {
    for (const m of text.matchAll(re)) {
      if (overlaps(taken, m.index!, m.index! + m[0].length)) continue;
      const raw = [...m].slice(1).reverse().find((g) => g !== undefined && /^(?:0x[0-9a-f]+|\d+)$/i.test(g))!;
      const mention = make(Number(raw), m);
      if (mention) take(mention, m[0].length);
    }
  }
  const words = (list: string[], make: (w: string, index: number) => Mention | undefined): void => {
    for (const w of [...list].sort((a, b) => b.length - a.length)) {
      let from = 0;
      for (;;) {
        const index = lower.indexOf(w, from);
        if (index < 0) break;
        from = index + w.length;
        if (/^[a-z]/.test(w) && /[a-z0-9_-]/.test(lower[index - 1] ?? '')) continue;
        if (/[a-z]$/.test(w) && /[a-z0-9_-]/.test(lower[index + w.length] ?? '')) continue;
        if (overlaps(taken, index, index + w.length)) continue;
        const mention = make(text.slice(index, index + w.length), index);
        if (mention) take(mention, w.length);
      }
    }
  };
  for (const [role, list] of Object.entries(lex.hostRoles)) {
    const hosts = topology.hosts.filter((h) => h.role === role || h.name === role).map((h) => h.name);
    words(list, (w, index) => ({ kind: 'host', text: w, index, hosts }));
  }
  // names: placeholders and interface-like names first, then any token the topology knows
  const nameAt = (written: string, index: number): void => {
    if (overlaps(taken, index, index + written.length)) return;
    const exact = byName.get(written);
    if (exact) return take({ kind: 'name', text: written, index, things: exact, placeholder: false }, written.length);
    if (isPlaceholder(written)) return take({ kind: 'name', text: written, index, things: resolvePlaceholder(byName, written), placeholder: true }, written.length);
    // a Neutron-like name no capture shows: still a name the claim is about (it then cannot hold what the claim says)
    take({ kind: 'name', text: written, index, things: [], placeholder: false }, written.length);
  };
  for (const m of text.matchAll(NAMEISH)) nameAt(m[0].replace(/[-.]+$/, ''), m.index!);
  for (const m of text.matchAll(TOKEN)) {
    const word = m[0];
    if (overlaps(taken, m.index!, m.index! + word.length)) continue;
    if (byName.has(word)) nameAt(word, m.index!);
    else if (/^(?:qdhcp|qrouter|qrouter-xxx|qdhcp-xxx)$/i.test(word)) {
      const prefix = word.toLowerCase().replace(/-?x+$/, '') + '-';
      const things = topology.namespaces.filter((n) => n.name.startsWith(prefix)).map((n): Thing => ({ kind: 'namespace', host: n.host, name: n.name }));
      take({ kind: 'name', text: word, index: m.index!, things, placeholder: true }, word.length);
    }
  }
  // words: hosts by role, the VM, services, processes, encapsulations
  words(lex.vm, (w, index) => (topology.vms.length || /虚拟机|vm/i.test(w) ? { kind: 'vm', text: w, index } : undefined));
  words(['dhcp'], (w, index) => ({ kind: 'service', text: w, index, service: 'dhcp' }));
  words(['dns'], (w, index) => ({ kind: 'service', text: w, index, service: 'dns' }));
  words(['metadata', '元数据'], (w, index) => ({ kind: 'service', text: w, index, service: 'metadata' }));
  const processes = new Set<string>(['dnsmasq', 'neutron-ns-metadata-proxy', 'haproxy']);
  for (const s of topology.services) if (s.process) processes.add(s.process);
  for (const s of topology.sockets) if (s.process) processes.add(s.process);
  words([...processes].map((p) => p.toLowerCase()), (w, index) => ({ kind: 'process', text: w, index, process: w }));
  words(['vxlan', 'gre'], (w, index) => ({ kind: 'encap', text: w, index, encap: w.toLowerCase() as 'vxlan' | 'gre' }));
  return out.sort((a, b) => a.index - b.index);
}

/** The written names of a clause, for a not-understood finding. */
export function writtenNames(mentions: Mention[]): string[] {
  return [...new Set(mentions.filter((m) => m.kind !== 'service' && m.kind !== 'encap').map((m) => m.text))];
}
