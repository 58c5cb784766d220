// The OpenFlow fields the flow tracer reads and writes: each field's one name
// here, its width, the names it goes by in a dump (ovs-fields(7): `dl_dst` =
// `eth_dst` = `NXM_OF_ETH_DST`), and how its printed values read. Values are
// BigInts (tunnel ids and metadata are 64-bit; one type keeps masks simple).
// Hand-written: this vocabulary is Open vSwitch's own, no npm package has it.

export type FieldKind = 'int' | 'mac' | 'ipv4' | 'ct_state';

export interface FieldSpec {
  /** The name used inside the tracer (the OXM-style name ovs-fields(7) lists first). */
  name: string;
  bits: number;
  kind: FieldKind;
}

const SPECS: [name: string, bits: number, kind: FieldKind, aliases: string[]][] = [
  ['eth_src', 48, 'mac', ['dl_src', 'NXM_OF_ETH_SRC', 'OXM_OF_ETH_SRC']],
  ['eth_dst', 48, 'mac', ['dl_dst', 'NXM_OF_ETH_DST', 'OXM_OF_ETH_DST']],
  ['eth_type', 16, 'int', ['dl_type', 'NXM_OF_ETH_TYPE', 'OXM_OF_ETH_TYPE']],
  ['vlan_tci', 16, 'int', ['NXM_OF_VLAN_TCI']],
  ['ip_src', 32, 'ipv4', ['nw_src', 'NXM_OF_IP_SRC', 'OXM_OF_IPV4_SRC']],
  ['ip_dst', 32, 'ipv4', ['nw_dst', 'NXM_OF_IP_DST', 'OXM_OF_IPV4_DST']],
  ['ip_proto', 8, 'int', ['nw_proto', 'NXM_OF_IP_PROTO', 'OXM_OF_IP_PROTO']],
  ['tp_src', 16, 'int', ['tcp_src', 'udp_src', 'sctp_src', 'NXM_OF_TCP_SRC', 'NXM_OF_UDP_SRC', 'OXM_OF_TCP_SRC', 'OXM_OF_UDP_SRC']],
  ['tp_dst', 16, 'int', ['tcp_dst', 'udp_dst', 'sctp_dst', 'NXM_OF_TCP_DST', 'NXM_OF_UDP_DST', 'OXM_OF_TCP_DST', 'OXM_OF_UDP_DST']],
  ['arp_op', 16, 'int', ['NXM_OF_ARP_OP', 'OXM_OF_ARP_OP']],
  ['arp_spa', 32, 'ipv4', ['NXM_OF_ARP_SPA', 'OXM_OF_ARP_SPA']],
  ['arp_tpa', 32, 'ipv4', ['NXM_OF_ARP_TPA', 'OXM_OF_ARP_TPA']],
  ['arp_sha', 48, 'mac', ['NXM_NX_ARP_SHA', 'OXM_OF_ARP_SHA']],
  ['arp_tha', 48, 'mac', ['NXM_NX_ARP_THA', 'OXM_OF_ARP_THA']],
  ['tun_id', 64, 'int', ['tunnel_id', 'NXM_NX_TUN_ID', 'OXM_OF_TUNNEL_ID']],
  ['metadata', 64, 'int', ['OXM_OF_METADATA']],
  ['ct_state', 32, 'ct_state', ['NXM_NX_CT_STATE']],
  ['ct_zone', 16, 'int', ['NXM_NX_CT_ZONE']],
  ['ct_mark', 32, 'int', ['NXM_NX_CT_MARK']],
  ['pkt_mark', 32, 'int', ['NXM_NX_PKT_MARK']],
  ['in_port', 32, 'int', ['NXM_OF_IN_PORT', 'OXM_OF_IN_PORT']],
  ...Array.from({ length: 16 }, (_, i): [string, number, FieldKind, string[]] => [`reg${i}`, 32, 'int', [`NXM_NX_REG${i}`]]),
];

const BY_NAME = new Map<string, FieldSpec>();
for (const [name, bits, kind, aliases] of SPECS) {
  const spec = { name, bits, kind };
  for (const n of [name, ...aliases]) BY_NAME.set(n.toLowerCase(), spec);
}

/** The field a printed name means (`dl_vlan` and `vlan_vid` are views of vlan_tci: see VLAN_VIEWS); undefined when unknown. */
export function fieldSpec(name: string): FieldSpec | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/** The views of the 802.1Q tag: they read and write bits of vlan_tci. The CFI bit (0x1000) says a tag is present. */
export const VLAN_PRESENT = 0x1000n;
export const VLAN_VIEWS = new Set(['dl_vlan', 'vlan_vid', 'dl_vlan_pcp', 'vlan_pcp', 'OXM_OF_VLAN_VID', 'OXM_OF_VLAN_PCP']);

/**
 * What a protocol shorthand in a match stands for (ovs-fields(7)):
 * `tcp` = `eth_type=0x0800,ip_proto=6`.
 */
export const PROTOCOL_FIELDS: Readonly<Record<string, readonly [eth_type: bigint, ip_proto?: bigint]>> = {
  ip: [0x0800n], ipv4: [0x0800n], icmp: [0x0800n, 1n], tcp: [0x0800n, 6n], udp: [0x0800n, 17n], sctp: [0x0800n, 132n], igmp: [0x0800n, 2n],
  ipv6: [0x86ddn], ip6: [0x86ddn], icmp6: [0x86ddn, 58n], tcp6: [0x86ddn, 6n], udp6: [0x86ddn, 17n], sctp6: [0x86ddn, 132n],
  arp: [0x0806n], rarp: [0x8035n], mpls: [0x8847n], mplsm: [0x8848n],
};

/** `2^bits - 1`. */
export function allOnes(bits: number): bigint {
  return (1n << BigInt(bits)) - 1n;
}

/** A number as ovs-ofctl prints them: decimal or `0x…`. */
export function parseInteger(text: string): bigint | undefined {
  const t = text.trim();
  if (/^\d+$/.test(t) || /^0x[0-9a-f]+$/i.test(t)) return BigInt(t);
  return undefined;
}

export function parseMac(text: string): bigint | undefined {
  const t = text.trim();
  if (!/^[0-9a-f]{1,2}(?::[0-9a-f]{1,2}){5}$/i.test(t)) return undefined;
  return t.split(':').reduce((n, byte) => (n << 8n) | BigInt(parseInt(byte, 16)), 0n);
}

export function parseIpv4(text: string): bigint | undefined {
  const parts = text.trim().split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((n, p) => (n << 8n) | BigInt(p), 0n);
}

/** ct_state flag bits (ovs-fields(7)). */
const CT_FLAGS: Readonly<Record<string, bigint>> = { new: 0x01n, est: 0x02n, rel: 0x04n, rpl: 0x08n, inv: 0x10n, trk: 0x20n, snat: 0x40n, dnat: 0x80n };
export const CT_TRACKED = CT_FLAGS.trk!;

/** A match value: `value` or `value/mask`, as the field's kind reads it; undefined when it does not read. */
export function parseMasked(spec: FieldSpec, text: string): { value: bigint; mask: bigint } | undefined {
  const full = allOnes(spec.bits);
  if (spec.kind === 'ct_state') {
    // `+trk+est-new`: the flags named are in the mask, the `+` ones in the value
    if (/^(?:[+-][a-z]+)+$/.test(text)) {
      let value = 0n;
      let mask = 0n;
      for (const m of text.matchAll(/([+-])([a-z]+)/g)) {
        const bit = CT_FLAGS[m[2]!];
        if (bit === undefined) return undefined;
        mask |= bit;
        if (m[1] === '+') value |= bit;
      }
      return { value, mask };
    }
  }
  const slash = text.indexOf('/');
  const valueText = slash < 0 ? text : text.slice(0, slash);
  const maskText = slash < 0 ? undefined : text.slice(slash + 1);
  const read = (t: string) => (spec.kind === 'mac' ? parseMac(t) : spec.kind === 'ipv4' ? parseIpv4(t) : parseInteger(t));
  const value = read(valueText);
  if (value === undefined) return undefined;
  if (maskText === undefined) return { value, mask: full };
  if (spec.kind === 'ipv4' && /^\d{1,2}$/.test(maskText)) {
    // `10.0.1.0/28`: a prefix length
    const prefix = Number(maskText);
    if (prefix > 32) return undefined;
    const mask = prefix === 0 ? 0n : (full << BigInt(32 - prefix)) & full;
    return { value: value & mask, mask };
  }
  const mask = read(maskText);
  return mask === undefined ? undefined : { value: value & mask, mask };
}

/** A value written back the way ovs-ofctl prints the field. */
export function formatValue(spec: FieldSpec, value: bigint): string {
  if (spec.kind === 'mac') return Array.from({ length: 6 }, (_, i) => ((value >> BigInt(8 * (5 - i))) & 0xffn).toString(16).padStart(2, '0')).join(':');
  if (spec.kind === 'ipv4') return Array.from({ length: 4 }, (_, i) => ((value >> BigInt(8 * (3 - i))) & 0xffn).toString()).join('.');
  if (spec.kind === 'ct_state') {
    const on = Object.entries(CT_FLAGS).filter(([, bit]) => (value & bit) !== 0n).map(([flag]) => `+${flag}`);
    return on.length ? on.join('') : '0';
  }
  return `0x${value.toString(16)}`;
}
