// `iptables -L -n [-v] [--line-numbers]` (and `-t nat -L`): the table view of
// the rules. Column sets vary with -v and --line-numbers, and a rule may have
// no target, so a row is read around its `opt` column rather than by offsets:
//
//   Chain neutron-l3-agent-snat (1 references)
//   num   pkts bytes target     prot opt in     out     source               destination
//   1        0     0 SNAT       all  --  *      *       10.0.1.0/28          0.0.0.0/0            to:192.168.1.245
//                    ^target    ^prot ^opt  (in/out only with -v)            ^ what the match/target modules print
import type { CaptureParser, CommandLine, Evidence } from './types.js';
import { LineLedger, isBarePrompt, isHashNote } from './lines.js';
import { commandName } from './command-line.js';
import type { Counters } from './iptables.js';

export interface IptablesListChain {
  kind: 'chain';
  table: string;
  name: string;
  /** Built-in chains: `ACCEPT`, `DROP`; user chains have `references` instead. */
  policy?: string;
  counters?: Counters;
  references?: number;
  evidence: Evidence;
}

export interface IptablesListRule {
  kind: 'rule';
  table: string;
  chain: string;
  num?: number;
  counters?: Counters;
  /** Empty when the rule only counts (no `-j`). */
  target: string;
  protocol: string;
  /** `--`, or `-f` / `!f` for fragments. */
  opt: string;
  in?: string;
  out?: string;
  source: string;
  destination: string;
  /** What the modules print after the addresses, verbatim (`tcp dpt:80 redir ports 9697`). */
  extra: string;
  /** `key:value` words of `extra` (`dpt: 80`, `to: 192.168.1.245`, `ctstate: DNAT`). */
  options: Record<string, string>;
  /** `/* comment *\/` text, if any. */
  comment?: string;
  evidence: Evidence;
}

export type IptablesListRecord = IptablesListChain | IptablesListRule;

const CHAIN = /^Chain\s+(\S+)\s+\((?:policy\s+(\S+)(?:\s+(\d+[KMGT]?)\s+packets,\s+(\d+[KMGT]?)\s+bytes)?|(\d+)\s+references?)\)\s*$/;
const HEADER = /^\s*(num\s+)?(pkts\s+bytes\s+)?target\s+prot\s+opt\s/;
const OPT = /^(--|-f|!f)$/;

export const parser: CaptureParser<IptablesListRecord> = {
  name: 'iptables-list',
  matches(cmd: CommandLine) {
    if (!/^ip6?tables(-legacy|-nft)?$/.test(commandName(cmd))) return false;
    return cmd.argv.some((a) => a === '-L' || a === '--list' || /^-[a-zA-Z]*L[a-zA-Z]*$/.test(a));
  },
  parse(text, cmd) {
    const ledger = new LineLedger(text);
    const records: IptablesListRecord[] = [];
    const table = tableOption(cmd.argv) ?? 'filter';
    let chain: string | undefined;
    let columns: { num: boolean; counters: boolean; interfaces: boolean } | undefined;
    for (let n = 1; n <= ledger.count; n++) {
      if (ledger.roleOf(n) === 'blank') continue;
      const line = ledger.text(n);
      const head = CHAIN.exec(line.trim());
      if (head) {
        chain = head[1]!;
        const record: IptablesListChain = { kind: 'chain', table, name: chain, evidence: { line: n } };
        if (head[2] !== undefined) record.policy = head[2];
        if (head[3] !== undefined) record.counters = { packets: size(head[3]), bytes: size(head[4]!) };
        if (head[5] !== undefined) record.references = Number(head[5]);
        records.push(record);
        ledger.fact(n);
        continue;
      }
      const header = HEADER.exec(line);
      if (header) {
        columns = { num: header[1] !== undefined, counters: header[2] !== undefined, interfaces: /\bin\s+out\b/.test(line) };
        ledger.header(n);
        continue;
      }
      const rule = chain && columns ? readRow(line, table, chain, columns, n) : undefined;
      if (rule) {
        records.push(rule);
        ledger.fact(n);
      } else if (isHashNote(line) || isBarePrompt(line) || /^# Warning: iptables-legacy tables present/.test(line)) {
        ledger.noise(n);
      } else {
        ledger.unparsed(n, chain ? 'not a rule row of `iptables -L`' : 'line before any `Chain` heading');
      }
    }
    return ledger.finish('iptables-list', cmd, records);
  },
};

function readRow(line: string, table: string, chain: string, columns: { num: boolean; counters: boolean; interfaces: boolean }, n: number): IptablesListRule | undefined {
  const words = line.trim().split(/\s+/);
  let i = 0;
  let num: number | undefined;
  let counters: Counters | undefined;
  if (columns.num) {
    if (!/^\d+$/.test(words[i] ?? '')) return undefined;
    num = Number(words[i++]);
  }
  if (columns.counters) {
    if (!/^\d+[KMGT]?$/.test(words[i] ?? '') || !/^\d+[KMGT]?$/.test(words[i + 1] ?? '')) return undefined;
    counters = { packets: size(words[i]!), bytes: size(words[i + 1]!) };
    i += 2;
  }
  // target may be missing: find `opt` (right after prot) within the next three words
  const optAt = [i + 1, i + 2].find((k) => OPT.test(words[k] ?? ''));
  if (optAt === undefined) return undefined;
  const target = optAt === i + 2 ? words[i]! : '';
  const protocol = words[optAt - 1]!;
  let k = optAt + 1;
  let inIf: string | undefined;
  let outIf: string | undefined;
  if (columns.interfaces) {
    inIf = words[k++];
    outIf = words[k++];
  }
  const source = words[k++];
  const destination = words[k++];
  if (source === undefined || destination === undefined) return undefined;
  const extra = words.slice(k).join(' ');
  const rule: IptablesListRule = { kind: 'rule', table, chain, target, protocol, opt: words[optAt]!, source, destination, extra, options: {}, evidence: { line: n } };
  if (num !== undefined) rule.num = num;
  if (counters) rule.counters = counters;
  if (inIf !== undefined) rule.in = inIf;
  if (outIf !== undefined) rule.out = outIf;
  const comment = /\/\*\s*(.*?)\s*\*\//.exec(extra);
  if (comment) rule.comment = comment[1]!;
  const rest = extra.replace(/\/\*.*?\*\//, ' ');
  for (const m of rest.matchAll(/(?:^|\s)(!?\s?[a-z][\w-]*):(\S+)/g)) rule.options[m[1]!.replace(/\s/, '')] = m[2]!;
  const redir = /redir ports (\S+)/.exec(rest);
  if (redir) rule.options['redir ports'] = redir[1]!;
  for (const m of rest.matchAll(/(!\s*)?\b(ctstate|state) (\S+)/g)) rule.options[m[2]!] = (m[1] ? '!' : '') + m[3]!;
  return rule;
}

/** `-v` shortens big counters: `12K`, `3M`. */
function size(text: string): number {
  const m = /^(\d+)([KMGT]?)$/.exec(text);
  if (!m) return NaN;
  return Number(m[1]) * ({ '': 1, K: 1e3, M: 1e6, G: 1e9, T: 1e12 } as Record<string, number>)[m[2]!]!;
}

function tableOption(argv: string[]): string | undefined {
  const i = argv.findIndex((a) => a === '-t' || a === '--table');
  return i > 0 ? argv[i + 1] : undefined;
}
