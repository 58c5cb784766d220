// `virsh dumpxml DOMAIN`: the whole domain XML (read with fast-xml-parser) or,
// piped through grep, single-line fragments such as
//
//         <target dev='tap7bfa2daa-66'/>
//
// which are read one line at a time (a grep result is not a well-formed document).
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { CaptureParser, CommandLine, Evidence } from './types.js';
import { LineLedger, isBlank } from './lines.js';
import { commandName } from './command-line.js';
import { firstSubcommand } from './virsh-list.js';

export interface VirshInterface {
  /** `bridge`, `network`, `ethernet`, `vhostuser`, … */
  type?: string;
  mac?: string;
  sourceBridge?: string;
  sourceNetwork?: string;
  targetDev?: string;
  model?: string;
  evidence: Evidence;
}

export interface VirshDisk {
  type?: string;
  device?: string;
  /** `source file=` / `dev=` / `name=` (network disks), whichever is present. */
  source?: string;
  targetDev?: string;
  bus?: string;
  driverType?: string;
  evidence: Evidence;
}

export interface VirshDomainXml {
  kind: 'domain';
  name?: string;
  uuid?: string;
  /** Hypervisor type (`kvm`, `qemu`, `test`). */
  domainType?: string;
  /** Running id, when the domain is running. */
  id?: number;
  interfaces: VirshInterface[];
  disks: VirshDisk[];
  evidence: Evidence;
}

/** One grepped line: `<target dev='tap…'/>` → element `target`, attributes `{dev: 'tap…'}`. */
export interface VirshXmlFragment {
  kind: 'fragment';
  /** Domain named on the command line (`virsh dumpxml instance-00000007`). */
  domain?: string;
  element: string;
  attributes: Record<string, string>;
  /** Text content for `<name>x</name>`-style lines. */
  text?: string;
  evidence: Evidence;
}

export type VirshDumpxmlRecord = VirshDomainXml | VirshXmlFragment;

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => name === 'interface' || name === 'disk',
});

export const parser: CaptureParser<VirshDumpxmlRecord> = {
  name: 'virsh-dumpxml',
  matches: (cmd: CommandLine) => commandName(cmd) === 'virsh' && firstSubcommand(cmd.argv) === 'dumpxml',
  parse(text, cmd) {
    const ledger = new LineLedger(text);
    const domain = domainArgument(cmd.argv);
    const start = ledger.lines.findIndex((line) => /^\s*<domain[\s>]/.test(line));
    const end = ledger.lines.findLastIndex((line) => /<\/domain>\s*$/.test(line));
    if (start >= 0 && end > start) {
      const records = readDocument(ledger, start + 1, end + 1);
      if (records) return ledger.finish('virsh-dumpxml', cmd, records);
    }
    return ledger.finish('virsh-dumpxml', cmd, readFragments(ledger, domain));
  },
};

/** The whole `<domain>` … `</domain>` between lines `first` and `last`; undefined when not well-formed. */
function readDocument(ledger: LineLedger, first: number, last: number): VirshDumpxmlRecord[] | undefined {
  const body = ledger.lines.slice(first - 1, last).join('\n');
  const valid = XMLValidator.validate(body);
  if (valid !== true) {
    ledger.unparsed(first + valid.err.line - 1, `domain XML is not well-formed: ${valid.err.msg}`);
    return undefined;
  }
  const doc = xml.parse(body) as { domain?: Record<string, unknown> };
  const d = doc.domain ?? {};
  const devices = (d.devices ?? {}) as { interface?: Record<string, unknown>[]; disk?: Record<string, unknown>[] };
  const interfaceLines = elementLines(ledger, first, last, 'interface');
  const diskLines = elementLines(ledger, first, last, 'disk');
  const record: VirshDomainXml = {
    kind: 'domain',
    interfaces: (devices.interface ?? []).map((i, k) => readInterface(i, interfaceLines[k] ?? { line: first })),
    disks: (devices.disk ?? []).map((x, k) => readDisk(x, diskLines[k] ?? { line: first })),
    evidence: { line: first, endLine: last },
  };
  assign(record, 'name', textOf(d.name));
  assign(record, 'uuid', textOf(d.uuid));
  assign(record, 'domainType', attr(d, 'type'));
  const id = attr(d, 'id');
  if (id !== undefined && /^\d+$/.test(id)) record.id = Number(id);
  ledger.fact(first, last);
  // lines around the document (a polkit warning, a pasted note) carry no fact
  for (let n = 1; n <= ledger.count; n++) if (ledger.roleOf(n) === undefined) ledger.noise(n);
  return [record];
}

function readInterface(i: Record<string, unknown>, evidence: Evidence): VirshInterface {
  const out: VirshInterface = { evidence };
  assign(out, 'type', attr(i, 'type'));
  assign(out, 'mac', attr(i.mac, 'address'));
  assign(out, 'sourceBridge', attr(i.source, 'bridge'));
  assign(out, 'sourceNetwork', attr(i.source, 'network'));
  assign(out, 'targetDev', attr(i.target, 'dev'));
  assign(out, 'model', attr(i.model, 'type'));
  return out;
}

function readDisk(x: Record<string, unknown>, evidence: Evidence): VirshDisk {
  const out: VirshDisk = { evidence };
  assign(out, 'type', attr(x, 'type'));
  assign(out, 'device', attr(x, 'device'));
  assign(out, 'source', attr(x.source, 'file') ?? attr(x.source, 'dev') ?? attr(x.source, 'name'));
  assign(out, 'targetDev', attr(x.target, 'dev'));
  assign(out, 'bus', attr(x.target, 'bus'));
  assign(out, 'driverType', attr(x.driver, 'type'));
  return out;
}

/** Line spans of each `<name …>` … `</name>` in order, so records can point at their lines. */
function elementLines(ledger: LineLedger, first: number, last: number, name: string): Evidence[] {
  const spans: Evidence[] = [];
  const open = new RegExp(`<${name}[\\s>/]`);
  const close = new RegExp(`</${name}>|<${name}[^>]*/>`);
  for (let n = first; n <= last; n++) {
    if (!open.test(ledger.text(n))) continue;
    let end = n;
    while (end < last && !close.test(ledger.text(end))) end++;
    spans.push(end > n ? { line: n, endLine: end } : { line: n });
  }
  return spans;
}

// A grepped line is at most one element; a regex is enough and, unlike an XML
// parser, accepts an opening tag without its end (`<interface type='bridge'>`).
const FRAGMENT = /^\s*<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:'[^']*'|"[^"]*"))*)\s*(\/?)>(?:([^<]*)<\/\2>)?\s*$/;
const ATTRIBUTE = /([\w:.-]+)\s*=\s*(?:'([^']*)'|"([^"]*)")/g;

function readFragments(ledger: LineLedger, domain: string | undefined): VirshXmlFragment[] {
  const records: VirshXmlFragment[] = [];
  for (let n = 1; n <= ledger.count; n++) {
    const line = ledger.text(n);
    if (ledger.roleOf(n) === 'unparsed' || isBlank(line)) continue;
    // `--` separates groups of `grep -A/-B` output
    if (/^(Authorization not available|error: |warning: |--$)/.test(line.trim()) || /^\s*#/.test(line)) {
      ledger.noise(n);
      continue;
    }
    const m = FRAGMENT.exec(line);
    if (!m) {
      ledger.unparsed(n, 'not a single XML element line');
      continue;
    }
    if (m[1] === '/') {
      ledger.header(n); // a closing tag carries no fact of its own
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const a of m[3]!.matchAll(ATTRIBUTE)) attributes[a[1]!] = a[2] ?? a[3] ?? '';
    const record: VirshXmlFragment = { kind: 'fragment', element: m[2]!, attributes, evidence: { line: n } };
    if (domain !== undefined) record.domain = domain;
    if (m[5] !== undefined) record.text = m[5];
    records.push(record);
    ledger.fact(n);
  }
  return records;
}

/** `virsh dumpxml [--inactive] DOMAIN` → DOMAIN. */
function domainArgument(argv: string[]): string | undefined {
  const i = argv.indexOf('dumpxml');
  return argv.slice(i + 1).find((a) => !a.startsWith('-'));
}

function attr(node: unknown, name: string): string | undefined {
  if (node === null || typeof node !== 'object') return undefined;
  const value = (node as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

function textOf(node: unknown): string | undefined {
  if (typeof node === 'string') return node.trim();
  if (node !== null && typeof node === 'object' && typeof (node as { '#text'?: unknown })['#text'] === 'string') {
    return ((node as { '#text': string })['#text']).trim();
  }
  return undefined;
}

function assign<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

