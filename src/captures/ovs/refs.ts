// Ports and field references as ovs-ofctl prints them inside matches and actions.
import { unquote } from './split-top-level.js';
import { internSlice } from './interned-strings.js';

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

/**
 * Parses a field reference; null when `text` is not one (an immediate value such as `0x1`).
 *
 *   NXM_NX_REG1[0..3]     reg6[]     NXM_NX_REG0[5]
 *   ^^^^^^^^^^^ ^ ^^^^    ^^^^       ^^^^^^^^^^^ ^
 *   field   start  end    field      field   start = end
 *
 * Read by hand rather than with a regular expression: a learn action holds
 * five of these, and a match array per reference adds up over 100,000 flows.
 * The field name is interned (it repeats on every flow).
 */
export function parseFieldRef(text: string): FieldRef | null {
  const t = hasOuterBlank(text) ? text.trim() : text;
  // field name: [A-Za-z_][A-Za-z0-9_.]*
  if (t.length < 3 || !isNameStart(t.charCodeAt(0))) return null;
  let i = 1;
  while (i < t.length && isNameChar(t.charCodeAt(i))) i++;
  if (t.charCodeAt(i) !== 0x5b /* [ */ || t.charCodeAt(t.length - 1) !== 0x5d /* ] */) return null;
  const fieldEnd = i;
  const close = t.length - 1;
  if (fieldEnd + 1 === close) return { field: internSlice(t, 0, fieldEnd) }; // `[]`: the whole field
  // `[start]` or `[start..end]`
  const startTo = digitsEnd(t, fieldEnd + 1, close);
  if (startTo === fieldEnd + 1) return null;
  let endFrom = -1;
  if (startTo < close) {
    if (!t.startsWith('..', startTo)) return null;
    endFrom = startTo + 2;
    if (endFrom === close || digitsEnd(t, endFrom, close) !== close) return null;
  }
  const start = Number(t.slice(fieldEnd + 1, startTo));
  const end = endFrom < 0 ? start : Number(t.slice(endFrom, close));
  return { field: internSlice(t, 0, fieldEnd), start, end };
}

/** True when `text` starts or ends with a character String#trim might remove. */
function hasOuterBlank(text: string): boolean {
  if (text.length === 0) return false;
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  return first <= 0x20 || first >= 0x7f || last <= 0x20 || last >= 0x7f;
}

function isNameStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f; // a-z A-Z _
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2e; // also 0-9 .
}

/** Where the run of decimal digits that starts at `from` ends (at most `to`). */
function digitsEnd(text: string, from: number, to: number): number {
  let i = from;
  while (i < to && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) i++;
  return i;
}
