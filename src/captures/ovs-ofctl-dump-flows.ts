// `ovs-ofctl [-O OpenFlow13] dump-flows BRIDGE`: one record per flow.
//
//   NXST_FLOW reply (xid=0x4):                      ← header (to a file/pipe, OpenFlow 1.0)
//   OFPST_FLOW reply (OF1.3) (xid=0x2):             ← header (-O OpenFlow13)
//    cookie=0x0, duration=3.49s, table=0, …, priority=1,in_port=1 actions=resubmit(,1)
//    cookie=0x0, … priority=1,in_port="patch-int" actions=…   ← on a terminal: no header, port names
//
// Pasted captures add noise this parser accepts: CRLF, tabs, blank lines,
// `# notes`, a flow wrapped over several lines (continuation lines are joined
// until the flow has its `actions=` and balanced parentheses), two flows glued
// on one line (split where a second `cookie=0x…, ` starts), a missing header.
import type { CaptureParser, CommandLine } from './types.js';
import { LineLedger } from './lines.js';
import { commandName } from './command-line.js';
import { type OvsFlow, actionsIndex, parseFlowText } from './ovs/flow-line.js';
import { type Nesting, newNesting, readNesting } from './ovs/split-top-level.js';
import type { FlowAction } from './ovs/flow-actions.js';
import { LOCAL_PORT_NUMBER, type PortRef } from './ovs/refs.js';
import { forgetInternedStrings } from './ovs/interned-strings.js';
import { forgetActions } from './ovs/action-memo.js';

export type { OvsFlow, MatchField } from './ovs/flow-line.js';
export type * from './ovs/flow-actions.js';
export type { PortRef, FieldRef, ReservedPort } from './ovs/refs.js';

const HEADER = /^(?:NXST|OFPST)_FLOW reply\b/;
/** Where a second flow starts on a glued line: the statistics use `, ` (comma blank); a `learn(cookie=…,` does not. */
const GLUED_FLOW = /cookie=0x[0-9a-fA-F]+,[ \t]/g;
/** ovs-ofctl / vswitchd complaints that can end up in a capture (stderr, or a log line). */
const TOOL_MESSAGE = /^(?:ovs-ofctl: |\d{4}-\d\d-\d\dT[\d:.]+Z\|\d+\|)/;

/** The subcommand of ovs-ofctl, skipping options (`-O OpenFlow13`, `--no-stats`, `--names`). */
export function ovsOfctlSubcommand(argv: readonly string[]): string | undefined {
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-O' || arg === '--protocols' || arg === '-t' || arg === '--timeout' || arg === '-F' || arg === '--flow-format') {
      i++;
      continue;
    }
    if (arg.startsWith('-')) continue;
    return arg;
  }
  return undefined;
}

export const parser: CaptureParser<OvsFlow> = {
  name: 'ovs-ofctl-dump-flows',
  matches: (cmd: CommandLine) => commandName(cmd) === 'ovs-ofctl' && ovsOfctlSubcommand(cmd.argv) === 'dump-flows',
  parse: parseDumpFlows,
};

/**
 * A flow being collected line by line. The pieces are joined once, when the
 * flow is complete; each piece is read once for `actions=` and nesting, so a
 * flow wrapped over thousands of lines still costs time linear in its length
 * (appending to one string and rereading it would flatten it on every line).
 */
interface PendingFlow {
  first: number;
  last: number;
  pieces: string[];
  hasActions: boolean;
  nesting: Nesting;
  /** How many pieces `nesting` has read (read lazily: most flows never need it). */
  piecesRead: number;
}

/** Starts collecting a flow in `slot` (one slot per parse, reused: only one flow is ever pending). */
function startFlow(slot: PendingFlow, n: number, text: string): PendingFlow {
  slot.first = n;
  slot.last = n;
  slot.pieces.length = 0;
  slot.pieces.push(text);
  slot.hasActions = actionsIndex(text) >= 0;
  slot.nesting.depth = 0;
  slot.nesting.quoted = false;
  slot.piecesRead = 0;
  return slot;
}

/** True while the flow cannot be complete: no `actions=` yet, or an open `(`, `[` or `"`. */
function isUnfinished(pending: PendingFlow): boolean {
  if (!pending.hasActions) return true;
  while (pending.piecesRead < pending.pieces.length) readNesting(pending.nesting, pending.pieces[pending.piecesRead++]!);
  return pending.nesting.depth > 0 || pending.nesting.quoted;
}

export function parseDumpFlows(text: string, cmd: CommandLine) {
  const ledger = new LineLedger(text);
  const records: OvsFlow[] = [];
  const slot: PendingFlow = { first: 0, last: 0, pieces: [], hasActions: false, nesting: newNesting(), piecesRead: 0 };
  let pending: PendingFlow | null = null;

  const flush = () => {
    if (!pending) return;
    const { first, last } = pending;
    const whole = pending.pieces.length === 1 ? pending.pieces[0]! : pending.pieces.join('');
    pending = null;
    const pieces = splitGlued(whole);
    let allParsed = true;
    for (let k = 0; k < (pieces ? pieces.length : 1); k++) {
      const evidence = last > first ? { line: first, endLine: last } : { line: first };
      const flow = parseFlowText(pieces ? pieces[k]! : whole, evidence);
      if (typeof flow === 'string') {
        allParsed = false;
        for (let n = first; n <= last; n++) ledger.unparsed(n, flow);
      } else records.push(flow);
    }
    if (allParsed) ledger.fact(first, last);
  };

  for (let n = 1; n <= ledger.count; n++) {
    if (ledger.roleOf(n) === 'blank') {
      flush();
      continue;
    }
    const t = ledger.trimmed(n);
    const first = t.charCodeAt(0);
    if ((first === 0x4e /* N */ || first === 0x4f /* O */) && HEADER.test(t)) {
      flush();
      ledger.header(n);
      continue;
    }
    if (first === 0x23 /* # */) {
      flush();
      ledger.noise(n);
      continue;
    }
    if (t.startsWith('cookie=')) {
      flush();
      pending = startFlow(slot, n, t);
      continue;
    }
    if (pending && isUnfinished(pending)) {
      appendContinuation(pending, ledger.isIndented(n), t, n);
      continue;
    }
    if (TOOL_MESSAGE.test(t)) {
      flush();
      ledger.unparsed(n, `message from ovs-ofctl, not a flow: ${t}`);
      continue;
    }
    const at = actionsIndex(t);
    if (at > 0 || t.startsWith('actions=')) {
      // `--no-stats` output: `priority=1,in_port=1 actions=NORMAL`; a bare `actions=…` only continues a flow
      if (at === 0 && pending) appendContinuation(pending, ledger.isIndented(n), t, n);
      else {
        flush();
        pending = startFlow(slot, n, t);
      }
      continue;
    }
    if (pending && !/\s/.test(t)) {
      // the tail of a long action list wrapped onto the next line: `…,set_tunnel:0x1,` / `output:2`
      appendContinuation(pending, ledger.isIndented(n), t, n);
      continue;
    }
    flush();
    ledger.unparsed(n, 'not an ovs-ofctl flow line (no `cookie=` or `actions=`)');
  }
  flush();
  // the string table and the action memo may hold views of this capture's text: let them go with it
  forgetInternedStrings();
  forgetActions();
  return ledger.finish('ovs-ofctl-dump-flows', cmd, records);
}

/**
 * Joins a wrapped continuation. A terminal wraps mid-word (`…n_by` / `tes=1424`)
 * and the pieces are joined as they are; an indented continuation or one that
 * starts `actions=` was broken at a blank, which is put back.
 */
function appendContinuation(pending: PendingFlow, indented: boolean, trimmed: string, n: number): void {
  const brokeAtBlank = indented || trimmed.startsWith('actions=');
  const piece = (brokeAtBlank ? ' ' : '') + trimmed;
  if (!pending.hasActions) {
    // `actions=` may straddle the seam; 9 characters keep the one before it
    const previous = pending.pieces[pending.pieces.length - 1]!;
    pending.hasActions = actionsIndex(previous.slice(-9) + piece) >= 0;
  }
  pending.pieces.push(piece);
  pending.last = n;
}

/**
 * `… actions=NORMAL cookie=0x0, duration=…` → two flows; undefined for the
 * usual text holding one flow (no array made for it).
 */
function splitGlued(text: string): string[] | undefined {
  if (text.indexOf('cookie=', 1) < 0) return undefined;
  const starts: number[] = [];
  GLUED_FLOW.lastIndex = 0;
  for (let m = GLUED_FLOW.exec(text); m; m = GLUED_FLOW.exec(text)) if (m.index > 0) starts.push(m.index);
  if (starts.length === 0) return undefined;
  const pieces: string[] = [];
  let from = 0;
  for (const at of starts) {
    pieces.push(text.slice(from, at).trim());
    from = at;
  }
  pieces.push(text.slice(from).trim());
  return pieces.filter((p) => p !== '');
}

/**
 * Fills in the missing half of every port reference — the name of a numbered
 * port (`in_port=1` → patch-int) or the number of a named one — from a
 * number → name map such as `portNames()` of `ovs-ofctl show` gives. `LOCAL`
 * resolves through number 65534. Pure: returns new flows, leaves the input alone.
 */
export function resolvePortNames(flows: readonly OvsFlow[], names: ReadonlyMap<number, string>): OvsFlow[] {
  const numbers = new Map<string, number>();
  for (const [number, name] of names) numbers.set(name, number);
  const resolve = (port: PortRef): PortRef => {
    const out: PortRef = { ...port };
    if (port.reserved === 'LOCAL' && out.number === undefined) out.number = LOCAL_PORT_NUMBER;
    if (out.number !== undefined && out.name === undefined) {
      const name = names.get(out.number);
      if (name !== undefined) out.name = name;
    } else if (out.name !== undefined && out.number === undefined) {
      const number = numbers.get(out.name);
      if (number !== undefined) out.number = number;
    }
    return out;
  };
  const resolveAction = (action: FlowAction): FlowAction => {
    if ((action.type === 'output' || action.type === 'resubmit') && action.port) return { ...action, port: resolve(action.port) };
    if (action.type === 'ct' && action.exec.length > 0) return { ...action, exec: action.exec.map(resolveAction) };
    return action;
  };
  return flows.map((flow) => {
    const out: OvsFlow = { ...flow, actions: flow.actions.map(resolveAction) };
    if (flow.inPort) out.inPort = resolve(flow.inPort);
    return out;
  });
}
