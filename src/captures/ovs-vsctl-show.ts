// `ovs-vsctl show`: the OVSDB configuration as a tree of bridges, ports and
// interfaces. One record per database (the `uuid` line starts it).
//
//   20add6c1-a16c-4227-982b-52dad4261a5b            ← record
//       Manager "ptcp:6640:127.0.0.1"              ← manager (is_connected under it)
//       Bridge br-tun                              ← bridge
//           Controller "tcp:127.0.0.1:6633"
//           fail_mode: secure                      ← bridge property
//           datapath_type: netdev
//           Port "gre-c633640b"                    ← port (2014: names quoted; today: bare)
//               tag: 1                             ← port property
//               Interface "gre-c633640b"           ← interface
//                   type: gre
//                   options: {in_key=flow, local_ip="198.51.100.21", out_key=flow, remote_ip="198.51.100.11"}
//                   error: "could not open network device ghost0 (No such device)"
//       ovs_version: "3.1.0"
//
// Structure comes from the keywords; a property goes to the object its key
// belongs to (`tag` → port, `type` → interface), and an unknown key to the
// innermost object indented less than it, so tabs or flattened paste still read right.
import type { CaptureParser, CommandLine, Evidence } from './types.js';
import { LineLedger, isHashNote } from './lines.js';
import { commandName } from './command-line.js';
import { splitTopLevel, unquote } from './ovs/split-top-level.js';

/** A Controller or Manager target. */
export interface OvsdbEndpoint {
  /** `tcp:127.0.0.1:6633`, `ptcp:6640:127.0.0.1` */
  target: string;
  isConnected?: boolean;
  /** Other properties (`role: master`), verbatim. */
  other: Record<string, string>;
  evidence: Evidence;
}

export interface OvsInterface {
  name: string;
  /** `internal`, `patch`, `gre`, `vxlan`; absent for a system (kernel) device. */
  type?: string;
  /** `{peer=patch-int}`, `{in_key=flow, local_ip="198.51.100.11", …}`, values unquoted. */
  options: Record<string, string>;
  /** `error: "could not open network device …"`, unquoted. */
  error?: string;
  other: Record<string, string>;
  evidence: Evidence;
}

export interface OvsPort {
  name: string;
  /** Access VLAN (`tag: 1`). */
  tag?: number;
  /** `trunks: [1, 2]` */
  trunks?: number[];
  interfaces: OvsInterface[];
  other: Record<string, string>;
  evidence: Evidence;
}

export interface OvsBridge {
  name: string;
  /** Target of the first controller, when there is one. */
  controller?: string;
  controllers: OvsdbEndpoint[];
  failMode?: string;
  /** `netdev` (userspace datapath); absent means the kernel datapath (`system`). */
  datapathType?: string;
  ports: OvsPort[];
  other: Record<string, string>;
  evidence: Evidence;
}

export interface OvsVsctlShow {
  /** The Open_vSwitch row's uuid (first line). */
  uuid?: string;
  managers: OvsdbEndpoint[];
  bridges: OvsBridge[];
  /** `2.0.1`, `3.1.0` */
  ovsVersion?: string;
  evidence: Evidence;
  /** Why the record is known to be cut short (the capture ends inside it): a Port without Interface, no `ovs_version`. */
  incomplete?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const OBJECT = /^(Bridge|Port|Interface|Controller|Manager)\s+(.+)$/;
const PROPERTY = /^([a-z_][\w-]*):\s*(.*)$/;

type Kind = 'root' | 'manager' | 'bridge' | 'controller' | 'port' | 'interface';
type Node =
  | { kind: 'root'; indent: number; obj: OvsVsctlShow }
  | { kind: 'manager' | 'controller'; indent: number; obj: OvsdbEndpoint }
  | { kind: 'bridge'; indent: number; obj: OvsBridge }
  | { kind: 'port'; indent: number; obj: OvsPort }
  | { kind: 'interface'; indent: number; obj: OvsInterface };

/** Which object each known property key belongs to. */
const OWNER: Record<string, Kind> = {
  ovs_version: 'root',
  fail_mode: 'bridge',
  datapath_type: 'bridge',
  datapath_id: 'bridge',
  tag: 'port',
  trunks: 'port',
  bond_mode: 'port',
  lacp: 'port',
  vlan_mode: 'port',
  type: 'interface',
  options: 'interface',
  error: 'interface',
  bfd_status: 'interface',
  link_state: 'interface',
  is_connected: 'controller',
};
const PARENT: Record<Exclude<Kind, 'root'>, Kind> = {
  manager: 'root',
  bridge: 'root',
  controller: 'bridge',
  port: 'bridge',
  interface: 'port',
};

function indentOf(line: string): number {
  let width = 0;
  for (const c of line) {
    if (c === ' ') width++;
    else if (c === '\t') width = (Math.floor(width / 8) + 1) * 8;
    else break;
  }
  return width;
}

/** ovs-vsctl options that take a separate value (`-t 5`, `--db unix:…`): skip it when looking for the command. */
const OPTIONS_WITH_VALUE = new Set(['-t', '--timeout', '--db', '-p', '--private-key', '-c', '--certificate', '-C', '--ca-cert']);

/** The ovs-vsctl command word (`show`), past global options and their values (sosreports run `ovs-vsctl -t 5 show`). */
export function ovsVsctlSubcommand(argv: readonly string[]): string | undefined {
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    if (OPTIONS_WITH_VALUE.has(arg)) {
      i++;
      continue;
    }
    if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}

export const parser: CaptureParser<OvsVsctlShow> = {
  name: 'ovs-vsctl-show',
  matches: (cmd: CommandLine) => commandName(cmd) === 'ovs-vsctl' && ovsVsctlSubcommand(cmd.argv) === 'show',
  parse(text, cmd) {
    const ledger = new LineLedger(text);
    const records: OvsVsctlShow[] = [];
    // open objects, outermost first
    let stack: Node[] = [];
    const newRecord = (n: number, uuid?: string): Node => {
      // optional keys up front so that the JSON reads in output order (undefined ones are left out)
      const obj: OvsVsctlShow = { uuid, managers: [], bridges: [], ovsVersion: undefined, evidence: { line: n } };
      records.push(obj);
      return { kind: 'root', indent: -1, obj };
    };
    const covers = (n: number) => {
      for (const node of stack) if (n > node.obj.evidence.line) node.obj.evidence.endLine = n;
    };

    for (let n = 1; n <= ledger.count; n++) {
      if (ledger.roleOf(n) === 'blank') continue;
      const line = ledger.text(n);
      const t = line.trim();
      if (isHashNote(line)) {
        ledger.noise(n);
        continue;
      }
      const indent = indentOf(line);
      if (UUID.test(t)) {
        stack = [newRecord(n, t.toLowerCase())];
        ledger.fact(n);
        continue;
      }
      const object = OBJECT.exec(t);
      if (object) {
        const kind = object[1]!.toLowerCase() as Exclude<Kind, 'root'>;
        const name = unquote(object[2]!.trim());
        // a capture without its uuid line still has a database around it
        if (stack.length === 0 && PARENT[kind] === 'root') stack = [newRecord(n)];
        const parentAt = findLast(stack, PARENT[kind]);
        if (parentAt < 0) {
          ledger.unparsed(n, `${object[1]} outside a ${PARENT[kind] === 'port' ? 'Port' : 'Bridge'}`);
          continue;
        }
        stack = stack.slice(0, parentAt + 1);
        const parent = stack[parentAt]!;
        const evidence = { line: n };
        let node: Node;
        if (kind === 'bridge') {
          const bridge: OvsBridge = { name, controller: undefined, controllers: [], failMode: undefined, datapathType: undefined, ports: [], other: {}, evidence };
          (parent.obj as OvsVsctlShow).bridges.push(bridge);
          node = { kind, indent, obj: bridge };
        } else if (kind === 'port') {
          const port: OvsPort = { name, tag: undefined, trunks: undefined, interfaces: [], other: {}, evidence };
          (parent.obj as OvsBridge).ports.push(port);
          node = { kind, indent, obj: port };
        } else if (kind === 'interface') {
          const iface: OvsInterface = { name, type: undefined, options: {}, error: undefined, other: {}, evidence };
          (parent.obj as OvsPort).interfaces.push(iface);
          node = { kind, indent, obj: iface };
        } else {
          const endpoint: OvsdbEndpoint = { target: name, isConnected: undefined, other: {}, evidence };
          if (kind === 'manager') (parent.obj as OvsVsctlShow).managers.push(endpoint);
          else {
            const bridge = parent.obj as OvsBridge;
            bridge.controllers.push(endpoint);
            bridge.controller ??= name;
          }
          node = { kind, indent, obj: endpoint };
        }
        stack.push(node);
        covers(n);
        ledger.fact(n);
        continue;
      }
      const property = PROPERTY.exec(t);
      if (!property) {
        ledger.unparsed(n, 'not a `Bridge`/`Port`/`Interface` line or a `key: value` property');
        continue;
      }
      const key = property[1]!;
      if (stack.length === 0 && OWNER[key] === 'root') stack = [newRecord(n)];
      const value = property[2]!.trim();
      const owner = ownerOf(stack, key, indent);
      if (owner === undefined) {
        ledger.unparsed(n, `\`${key}:\` outside the object it belongs to (${OWNER[key] ?? 'any'})`);
        continue;
      }
      const problem = setProperty(owner, key, value);
      if (problem) {
        ledger.unparsed(n, problem);
        continue;
      }
      covers(n);
      ledger.fact(n);
    }
    // `ovs-vsctl show` always ends with `ovs_version`, and every Port has an Interface:
    // without them the capture was cut short (unless a pipe filtered it on purpose).
    const last = records[records.length - 1];
    const cut = last !== undefined && cmd.pipes.length === 0 ? truncation(last) : undefined;
    if (cut) {
      last!.incomplete = cut.reason;
      ledger.note(cut.line, 'truncated', `the capture ends in the middle of the output (${cut.reason}): its last record is incomplete`);
    }
    return ledger.finish('ovs-vsctl-show', cmd, records);
  },
};

/** Why the last database record of a capture is cut short, and the line where that shows. */
function truncation(record: OvsVsctlShow): { reason: string; line: number } | undefined {
  const bridge = record.bridges[record.bridges.length - 1];
  const port = bridge?.ports[bridge.ports.length - 1];
  if (port !== undefined && port.interfaces.length === 0) return { reason: `Port ${port.name} has no Interface`, line: port.evidence.line };
  if (record.ovsVersion === undefined && (record.bridges.length > 0 || record.managers.length > 0)) {
    return { reason: 'no `ovs_version` line at its end', line: record.evidence.endLine ?? record.evidence.line };
  }
  return undefined;
}

function findLast(stack: readonly Node[], kind: Kind): number {
  for (let i = stack.length - 1; i >= 0; i--) if (stack[i]!.kind === kind) return i;
  return -1;
}

/** The object a property line belongs to: by its key when known, else by indentation. */
function ownerOf(stack: readonly Node[], key: string, indent: number): Node | undefined {
  const known = OWNER[key];
  if (known === 'controller') {
    // is_connected: under a Controller or a Manager, whichever is open
    const top = stack[stack.length - 1];
    return top && (top.kind === 'controller' || top.kind === 'manager') ? top : undefined;
  }
  if (known !== undefined) {
    const at = findLast(stack, known);
    return at < 0 ? undefined : stack[at];
  }
  for (let i = stack.length - 1; i >= 0; i--) if (stack[i]!.indent < indent) return stack[i];
  return stack[stack.length - 1];
}

function setProperty(node: Node, key: string, value: string): string | undefined {
  switch (node.kind) {
    case 'root':
      if (key === 'ovs_version') node.obj.ovsVersion = unquote(value);
      else return `unknown database property \`${key}:\``;
      return undefined;
    case 'manager':
    case 'controller':
      if (key === 'is_connected') node.obj.isConnected = value === 'true';
      else node.obj.other[key] = unquote(value);
      return undefined;
    case 'bridge':
      if (key === 'fail_mode') node.obj.failMode = value;
      else if (key === 'datapath_type') node.obj.datapathType = value;
      else node.obj.other[key] = unquote(value);
      return undefined;
    case 'port':
      if (key === 'tag') {
        if (!/^\d+$/.test(value)) return `tag is not a VLAN number: ${value}`;
        node.obj.tag = Number(value);
      } else if (key === 'trunks') {
        const trunks = value.replace(/^\[|\]$/g, '').split(',').map((v) => v.trim()).filter(Boolean);
        if (!trunks.every((v) => /^\d+$/.test(v))) return `trunks is not a list of VLAN numbers: ${value}`;
        node.obj.trunks = trunks.map(Number);
      } else node.obj.other[key] = unquote(value);
      return undefined;
    case 'interface':
      if (key === 'type') node.obj.type = unquote(value);
      else if (key === 'options') node.obj.options = parseMap(value);
      else if (key === 'error') node.obj.error = unquote(value);
      else node.obj.other[key] = unquote(value);
      return undefined;
  }
}

/** `{in_key=flow, local_ip="198.51.100.11"}` → {in_key: 'flow', local_ip: '198.51.100.11'}. */
export function parseMap(text: string): Record<string, string> {
  const map: Record<string, string> = {};
  const inner = text.startsWith('{') && text.endsWith('}') ? text.slice(1, -1) : text;
  for (const part of splitTopLevel(inner)) {
    const eq = part.indexOf('=');
    if (eq < 0) map[unquote(part)] = '';
    else map[unquote(part.slice(0, eq))] = unquote(part.slice(eq + 1));
  }
  return map;
}
