// The front door of the capture stage: every parser in one list, the look-up
// from a command line to its parser, and `parseCapture`, which never throws —
// unknown commands and failing parsers give a result whose lines are `unparsed`.
import type { CaptureParser, CaptureResult, CommandLine } from './types.js';
import { LineLedger, isBarePrompt, isBlank, splitLines } from './lines.js';
import { controlCharacterNames, hasControlCharacters } from '../control-characters.js';
import { hasPrompt, parseCommandLine, stripPrompt } from './command-line.js';
import { parser as ovsVsctlShow } from './ovs-vsctl-show.js';
import { parser as ovsOfctlDumpFlows } from './ovs-ofctl-dump-flows.js';
import { parser as ovsOfctlShow } from './ovs-ofctl-show.js';
import { parser as ovsAppctlDpifShow } from './ovs-appctl-dpif-show.js';
import { parser as ipBrief } from './ip-brief.js';
import { parser as ipLink } from './ip-link.js';
import { parser as ipAddr } from './ip-addr.js';
import { parser as ipRoute } from './ip-route.js';
import { parser as ipNetns } from './ip-netns.js';
import { parser as brctlShow } from './brctl-show.js';
import { parser as bridgeLink } from './bridge-link.js';
import { parser as ethtoolStats } from './ethtool-stats.js';
import { parser as virshList } from './virsh-list.js';
import { parser as virshDumpxml } from './virsh-dumpxml.js';
import { parser as psEf } from './ps-ef.js';
import { parser as netstatTunlp } from './netstat-tunlp.js';
import { parser as ssTunlp } from './ss-tunlp.js';
import { parser as iptables } from './iptables.js';
import { parser as iptablesList } from './iptables-list.js';
import { parser as tcpdump } from './tcpdump.js';

/**
 * The parsers by name, with their own record types. The order is the order of
 * look-up: the first whose `matches` accepts a command wins, so `ip -br addr`
 * (ip-brief) is tried before `ip addr` (ip-addr).
 */
const typedParsers = {
  'ovs-vsctl-show': ovsVsctlShow,
  'ovs-ofctl-dump-flows': ovsOfctlDumpFlows,
  'ovs-ofctl-show': ovsOfctlShow,
  'ovs-appctl-dpif-show': ovsAppctlDpifShow,
  'ip-brief': ipBrief,
  'ip-link': ipLink,
  'ip-addr': ipAddr,
  'ip-route': ipRoute,
  'ip-netns': ipNetns,
  'brctl-show': brctlShow,
  'bridge-link': bridgeLink,
  'ethtool-stats': ethtoolStats,
  'virsh-list': virshList,
  'virsh-dumpxml': virshDumpxml,
  'ps-ef': psEf,
  'netstat-tunlp': netstatTunlp,
  'ss-tunlp': ssTunlp,
  iptables,
  'iptables-list': iptablesList,
  tcpdump,
};

/** Every capture parser, in look-up order. */
export const parsers: CaptureParser[] = Object.values(typedParsers) as CaptureParser[];

type RecordOf<P> = P extends CaptureParser<infer T> ? T : never;

/** Record type of each parser's results: `RecordsByParser['ps-ef']` is `PsProcess`. */
export type RecordsByParser = { [K in keyof typeof typedParsers]: RecordOf<(typeof typedParsers)[K]> };

/** Narrows a result to its parser's records: `if (isCaptureOf(r, 'iptables')) r.records[0].kind`. */
export function isCaptureOf<N extends keyof RecordsByParser>(result: CaptureResult, name: N): result is CaptureResult<RecordsByParser[N]> {
  return result.parser === name && typedParsers[name] !== undefined;
}

export function findParser(cmd: CommandLine | string): CaptureParser | undefined {
  const line = typeof cmd === 'string' ? parseCommandLine(cmd) : cmd;
  if (line.argv.length === 0) return undefined;
  return parsers.find((p) => safeMatches(p, line));
}

export function parserByName(name: string): CaptureParser | undefined {
  return parsers.find((p) => p.name === name);
}

/** A capture result plus how many lines of the given text came before the output (the `$ command` line). */
export interface ParsedCapture<T = unknown> extends CaptureResult<T> {
  /** Add to an evidence line to get the line in the text given to `parseCapture`. */
  lineOffset: number;
}

export interface ParseCaptureOptions {
  /** The command that produced `text`; otherwise read from a `$ command` / `# command` first line. */
  command?: string;
  /** Force a parser by name (`--parser`), whatever the command. */
  parser?: string;
}

export function parseCapture(text: string, options: ParseCaptureOptions = {}): ParsedCapture {
  let command = options.command;
  let output = text;
  let lineOffset = 0;
  // a `$ command` first line is not output, even when the command is also given
  const fromText = commandFromFirstLine(text);
  if (fromText !== undefined) {
    command ??= fromText;
    output = dropFirstLine(text);
    lineOffset = 1;
  }
  if (command === undefined) {
    return { ...notUnderstood(output, '', 'none', 'no command given (pass --cmd or start the capture with a `$ command` line)'), lineOffset };
  }
  const cmd = parseCommandLine(command);
  const parser = options.parser !== undefined ? parserByName(options.parser) : findParser(cmd);
  if (!parser) {
    const reason = options.parser !== undefined ? `no parser named ${options.parser}` : `no parser for \`${cmd.argv.join(' ') || command}\``;
    return { ...withNotes(notUnderstood(output, command, 'none', reason, cmd.netns), output, command, undefined), lineOffset };
  }
  let result: CaptureResult;
  try {
    result = checked(parser.parse(output, cmd), output, parser.name);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    result = notUnderstood(output, command, parser.name, `parser ${parser.name} failed: ${message}`, cmd.netns);
  }
  return { ...withNotes(result, output, command, parser), lineOffset };
}

/**
 * A command each parser reads, to try when a capture's own parser understands
 * little of it: a capture labelled `ip link` that holds `ovs-vsctl show` output.
 */
export const SAMPLE_COMMANDS: Readonly<Record<keyof typeof typedParsers, string>> = {
  'ovs-vsctl-show': 'ovs-vsctl show',
  'ovs-ofctl-dump-flows': 'ovs-ofctl dump-flows br-int',
  'ovs-ofctl-show': 'ovs-ofctl show br-int',
  'ovs-appctl-dpif-show': 'ovs-appctl dpif/show',
  'ip-brief': 'ip -br addr',
  'ip-link': 'ip link',
  'ip-addr': 'ip addr',
  'ip-route': 'ip route',
  'ip-netns': 'ip netns',
  'brctl-show': 'brctl show',
  'bridge-link': 'bridge link',
  'ethtool-stats': 'ethtool -S eth0',
  'virsh-list': 'virsh list --all',
  'virsh-dumpxml': 'virsh dumpxml instance-00000001',
  'ps-ef': 'ps -ef',
  'netstat-tunlp': 'netstat -tunlp',
  'ss-tunlp': 'ss -tunlp',
  iptables: 'iptables-save',
  'iptables-list': 'iptables -L -n',
  tcpdump: 'tcpdump -ne -vv -i eth1',
};

/** What a failed command prints instead of its output (the first line of the capture). */
const FAILED = /command not found|: not found$|No such file or directory|Permission denied|Operation not permitted|[Cc]annot (?:open|find|connect|access|read)|does not exist|[Ff]ailed to connect|database connection failed|is unknown, try|unrecognized option|invalid option|^\s*(?:[Ee]rror|ERROR)\b|^\s*[Uu]sage:|RTNETLINK answers:/;

/**
 * The notes the front door adds to any parser's result: the capture is empty,
 * holds control characters, is the message of a command that failed, or reads
 * as another command's output (mislabelled).
 */
function withNotes(result: CaptureResult, output: string, command: string, parser: CaptureParser | undefined): CaptureResult {
  const notes = [...(result.notes ?? [])];
  const lines = splitLines(output);
  const nonBlank = lines.map((text, i) => ({ text, line: i + 1 })).filter((l) => !isBlank(l.text));
  if (nonBlank.length === 0) {
    // a pipe (`| grep x`) may keep nothing; some commands answer with nothing
    const answered = parser?.mayBeEmpty === true || parseCommandLine(command).pipes.length > 0;
    if (!answered) notes.push({ line: 0, kind: 'empty', message: `the capture of \`${command}\` is empty: no output lines (was the output left out, or the command not run?)` });
    return notes.length > 0 ? { ...result, notes } : result;
  }
  const controls = nonBlank.filter((l) => hasControlCharacters(l.text));
  if (controls.length > 0) {
    const names = controlCharacterNames(controls.map((l) => l.text).join('\n'), true);
    if (names.length > 0) {
      const where = controls.length === 1 ? 'a line holds' : `${controls.length} lines hold`;
      notes.push({ line: controls[0]!.line, kind: 'control-characters', message: `${where} control characters (${names.join(', ')}), shown as visible symbols (␀, ␛ …): binary data or a terminal's codes in the capture?` });
    }
  }
  const unparsed = new Set(result.unparsed.map((u) => u.line));
  const readNothing = result.records.length === 0 && nonBlank.every((l) => unparsed.has(l.line) || result.lineRoles[l.line - 1] === 'noise');
  if (readNothing && FAILED.test(nonBlank[0]!.text)) {
    notes.push({ line: nonBlank[0]!.line, kind: 'command-failed', message: `the command failed: its output is an error message (${JSON.stringify(nonBlank[0]!.text.trim().slice(0, 100))}), not what \`${command}\` prints` });
  } else if (nonBlank.filter((l) => unparsed.has(l.line)).length * 2 >= nonBlank.length) {
    const other = readsAsAnother(output, parser);
    if (other) notes.push({ line: 0, kind: 'mislabeled', message: `the output reads as that of \`${other}\` (every line understood), not of \`${command}\`: is the command line right?` });
  }
  return notes.length > 0 ? { ...result, notes } : result;
}

/** Lines of a capture the mislabel check reads: enough to tell one command's output from another's, at a bounded cost. */
const MISLABEL_SAMPLE_LINES = 200;

/** The sample command of another parser that understands every line of `output` (its first lines) and finds records in it. */
function readsAsAnother(output: string, own: CaptureParser | undefined): string | undefined {
  const sample = splitLines(output).slice(0, MISLABEL_SAMPLE_LINES).join('\n');
  for (const other of parsers) {
    if (other === own) continue;
    const command = SAMPLE_COMMANDS[other.name as keyof typeof typedParsers];
    try {
      const result = other.parse(sample, parseCommandLine(command));
      if (result.records.length > 0 && result.unparsed.length === 0) return command;
    } catch {
      // a parser that fails on foreign text is no candidate
    }
  }
  return undefined;
}

/**
 * The command in a first line `$ ip link` (always) or `# ip link` / `root@host:~# ip link`
 * (only when a parser knows it: `# Generated by iptables-save` is output, not a prompt).
 */
export function commandFromFirstLine(text: string): string | undefined {
  const first = splitLines(text)[0];
  if (first === undefined || !hasPrompt(first)) return undefined;
  const command = stripPrompt(first).trim();
  if (command === '') return undefined;
  if (/^\s*\$\s/.test(first) || /^\S+@\S+/.test(first.trim())) return command;
  return findParser(command) ? command : undefined;
}

function dropFirstLine(text: string): string {
  const end = /\r\n?|\n/.exec(text);
  return end ? text.slice(end.index + end[0].length) : '';
}

/** Every non-blank line unparsed with the same reason. */
export function notUnderstood(text: string, command: string, parser: string, reason: string, netns?: string): CaptureResult {
  const ledger = new LineLedger(text);
  for (let n = 1; n <= ledger.count; n++) if (ledger.roleOf(n) !== 'blank') ledger.unparsed(n, reason);
  const cmd: CommandLine = { raw: command, argv: [], pipes: [] };
  if (netns !== undefined) cmd.netns = netns;
  return ledger.finish(parser, cmd, []);
}

/** Guard against a parser that forgets lines: one role per line, every `unparsed` role listed. */
function checked(result: CaptureResult, text: string, name: string): CaptureResult {
  const lines = splitLines(text);
  const listed = new Set(result.unparsed.map((u) => u.line));
  const roles = lines.map((_, i) => result.lineRoles[i] ?? 'unparsed');
  const unparsed = [...result.unparsed];
  roles.forEach((role, i) => {
    if (role === 'unparsed' && !listed.has(i + 1)) {
      unparsed.push({ line: i + 1, text: lines[i]!, reason: `parser ${name} gave this line no role` });
    }
  });
  // the next prompt, pasted after the output (`root@network:~# `), is noise whatever the parser
  const last = findLastIndexOf(roles, (role) => role !== 'blank');
  if (last >= 0 && roles[last] === 'unparsed' && isBarePrompt(lines[last]!)) {
    roles[last] = 'noise';
    unparsed.splice(unparsed.findIndex((u) => u.line === last + 1), 1);
  }
  unparsed.sort((a, b) => a.line - b.line);
  return { ...result, lineRoles: roles, unparsed };
}

function findLastIndexOf<T>(items: T[], predicate: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (predicate(items[i]!)) return i;
  return -1;
}

function safeMatches(parser: CaptureParser, cmd: CommandLine): boolean {
  try {
    return parser.matches(cmd);
  } catch {
    return false;
  }
}
