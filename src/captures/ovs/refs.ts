// Ports and field references as ovs-ofctl prints them inside matches and actions.
import { unquote } from './split-top-level.js';

/** OpenFlow reserved ports that ovs-ofctl prints by name (`actions=NORMAL`, `output:LOCAL`, `in_port=LOCAL`). */
export const RESERVED_PORTS = ['LOCAL', 'IN_PORT', 'NORMAL', 'FLOOD', 'ALL', 'CONTROLLER', 'TABLE', 'ANY', 'NONE', 'UNSET'] as const;
export type ReservedPort = (typeof RESERVED_PORTS)[number];
const RESERVED = new Set<string>(RESERVED_PORTS);

/** The OpenFlow 1.0 number of LOCAL (0xfffe), as `ovs-appctl dpif/show` prints the bridge's own port. */
export const LOCAL_PORT_NUMBER = 65534;

/**
 * A port as a flow names it. To a file ovs-ofctl prints numbers (`in_port=1`,
 * `output:2`), on a terminal names (`in_port="patch-int"`, `output:vx1`);
 * `resolvePortNames` fills in the other half from `ovs-ofctl show`.
 */
export interface PortRef {
  number?: number;
  name?: string;
  reserved?: ReservedPort;
}

export function isReservedPort(text: string): text is ReservedPort {
  return RESERVED.has(text);
}

/** `1` · `"patch-int"` · `vx1` · `LOCAL` → PortRef. */
export function parsePortRef(text: string): PortRef {
  const t = text.trim();
  const c = t.charCodeAt(0);
  if (c >= 0x30 && c <= 0x39) {
    // numbers are the common case (`in_port=1`): checked without a regular expression
    let digits = true;
    for (let i = 1; i < t.length && digits; i++) digits = t.charCodeAt(i) >= 0x30 && t.charCodeAt(i) <= 0x39;
    if (digits) return { number: Number(t) };
    if (/^0x[0-9a-f]+$/i.test(t)) return { number: parseInt(t, 16) };
  }
  if (isReservedPort(t)) return { reserved: t };
  return { name: unquote(t) };
}

/**
 * A field or bit range of it: `NXM_NX_REG1[0..3]`, `NXM_OF_VLAN_TCI[]`,
 * `NXM_NX_REG0[5]`, `reg6[0..15]`. start/end are absent for the whole field.
 */
export interface FieldRef {
  field: string;
  start?: number;
  end?: number;
}

const FIELD_REF = /^([A-Za-z_][\w.]*)\[(?:(\d+)(?:\.\.(\d+))?)?\]$/;

/** Parses a field reference; null when `text` is not one (an immediate value such as `0x1`). */
export function parseFieldRef(text: string): FieldRef | null {
  const m = FIELD_REF.exec(text.trim());
  if (!m) return null;
  const ref: FieldRef = { field: m[1]! };
  if (m[2] !== undefined) {
    ref.start = Number(m[2]);
    ref.end = m[3] !== undefined ? Number(m[3]) : ref.start;
  }
  return ref;
}
