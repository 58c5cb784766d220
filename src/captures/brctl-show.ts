// `brctl show`: Linux bridges and their ports. Columns are tab-separated and
// the interfaces column continues on lines of its own (tabs in a capture,
// spaces once pasted into a document). Hand-written: no npm package reads it.
//
//   bridge name	bridge id		STP enabled	interfaces
//   qbr7e2a4a6c-2b		8000.7a0c3bbdb9ed	no		qvb7e2a4a6c-2b
//   							tap7e2a4a6c-2b
//   br-empty		8000.000000000000	no
import type { CaptureParser, Evidence } from './types.js';
import { LineLedger, isHashNote, programName } from './lines.js';
import { splitWords } from './ip-link-header.js';

export interface BrctlBridgeRecord {
  bridge: string;
  /** `8000.7a0c3bbdb9ed`: priority, then the bridge MAC without colons. */
  bridgeId: string;
  /** The MAC in the bridge id, with colons (`7a:0c:3b:bd:b9:ed`). */
  mac: string;
  stpEnabled: boolean;
  interfaces: { name: string; evidence: Evidence }[];
  evidence: Evidence;
}

const BRIDGE_ID = /^([0-9a-f]{4})\.([0-9a-f]{12})$/i;
const HEADER = /^\s*bridge name\s+bridge id\s+STP enabled\s+interfaces\s*$/i;

const ERROR = /^\s*(?:can't get |bridge \S+ does not exist|device \S+ does not exist|Operation not supported|brctl: )/i;

function macOf(hex: string): string {
  return hex.toLowerCase().match(/../g)!.join(':');
}

export const parser: CaptureParser<BrctlBridgeRecord> = {
  name: 'brctl-show',
  matches(cmd) {
    const [program, verb] = cmd.argv;
    return programName(program) === 'brctl' && verb === 'show';
  },
  parse(text, cmd) {
    const ledger = new LineLedger(text);
    const records: BrctlBridgeRecord[] = [];
    for (let n = 1; n <= ledger.count; n++) {
      const line = ledger.text(n);
      if (ledger.roleOf(n) === 'blank') continue;
      if (isHashNote(line)) { ledger.noise(n); continue; }
      if (HEADER.test(line)) { ledger.header(n); continue; }
      if (ERROR.test(line)) { ledger.unparsed(n, 'error message from brctl, not a bridge'); continue; }
      const words = splitWords(line);
      const last = records[records.length - 1];
      // Only an interface name on an indented line: one more port of the bridge above.
      if (/^\s/.test(line) && words.length === 1 && !BRIDGE_ID.test(words[0]!)) {
        if (last === undefined) { ledger.unparsed(n, 'interface line with no bridge line before it'); continue; }
        last.interfaces.push({ name: words[0]!, evidence: { line: n } });
        last.evidence = { line: last.evidence.line, endLine: n };
        ledger.fact(n);
        continue;
      }
      const problem = readBridges(words, n, records);
      if (problem) ledger.unparsed(n, problem);
      else ledger.fact(n);
    }
    return ledger.finish('brctl-show', cmd, records);
  },
};

/**
 * Reads `NAME ID yes|no [IFACE]` from one line; a second `NAME ID yes|no`
 * further on is a second bridge glued onto the line. Returns a reason when
 * the line is not understood.
 */
function readBridges(words: string[], line: number, records: BrctlBridgeRecord[]): string | undefined {
  const found: BrctlBridgeRecord[] = [];
  let i = 0;
  while (i < words.length) {
    const [name, id, stp] = [words[i]!, words[i + 1], words[i + 2]];
    const idMatch = id === undefined ? null : BRIDGE_ID.exec(id);
    if (!idMatch || (stp !== 'yes' && stp !== 'no')) {
      const current = found[found.length - 1];
      if (current === undefined) return 'not `bridge-name bridge-id yes|no [interface]`';
      current.interfaces.push({ name, evidence: { line } });
      i++;
      continue;
    }
    found.push({ bridge: name, bridgeId: id!, mac: macOf(idMatch[2]!), stpEnabled: stp === 'yes', interfaces: [], evidence: { line } });
    i += 3;
  }
  records.push(...found);
  return undefined;
}
