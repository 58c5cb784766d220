// Turns a captured command string into a CommandLine: what was run, in which
// network namespace, and what it was piped into.
//
//   root@node:~# sudo LC_ALL=C ip netns exec qrouter-7052 iptables -t nat -S | grep SNAT
//   ^^^^^^^^^^^^ ^^^^ ^^^^^^^^ ^^^^^^^^^^^^^^^^^^^^^^^^^^ ^^^^^^^^^^^^^^^^^^ ^^^^^^^^^^^
//   prompt       sudo env      netns = qrouter-7052      argv               pipes
import type { CommandLine } from './types.js';
import { shellTokens } from './shell-words.js';
import { programName } from './lines.js';

/**
 * Prompts people paste: `$ `, `# `, `user@host:~$ `, `root@host:/tmp# `,
 * `[root@host ~]# `, `(venv) $ `, `host> `.
 */
// (each optional part takes its own trailing blanks: two `\s*` side by side would make a long run of
// blanks cost quadratic time when the line is no prompt)
const PROMPT = /^\s*(?:\([^)]*\)\s*)?(?:(?:\[[^\]\n]*\]|[\w.-]+@[\w.-]+(?::[^\s#$]*)?|[\w.-]+(?=[#$>]\s))\s*)?[#$>]\s+/;

/** Strip one leading prompt, if any. */
export function stripPrompt(line: string): string {
  return line.replace(PROMPT, '');
}

/** True when `line` starts with something that reads as a shell prompt. */
export function hasPrompt(line: string): boolean {
  return PROMPT.test(line);
}

const REDIRECTS = new Set(['>', '>>', '<', '>&', '<&', '&>']);
const ENV_ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

export function parseCommandLine(raw: string): CommandLine {
  const text = stripPrompt(raw.replace(/\r?\n$/, '')).trim();
  const segments = splitPipeline(text);
  const [first = { argv: [] }, ...pipes] = segments.map(unwrapPrefixes);
  const cmd: CommandLine = { raw: text, argv: first.argv, pipes: pipes.map((p) => p.argv) };
  if (first.netns !== undefined) cmd.netns = first.netns;
  return cmd;
}

/** Argv of each `|` segment; redirections (`2>&1`, `> file`) dropped; a `&&`/`;` ends the first command. */
function splitPipeline(text: string): string[][] {
  const segments: string[][] = [[]];
  const tokens = shellTokens(text);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const current = segments[segments.length - 1]!;
    if ('word' in token) {
      current.push(token.word);
      continue;
    }
    if (token.op === '|' || token.op === '|&') segments.push([]);
    else if (REDIRECTS.has(token.op)) {
      // `2>&1`: shell-quote gives "2", ">&", "1"; drop the fd number and the target
      if (current.length > 0 && /^\d$/.test(current[current.length - 1]!)) current.pop();
      i++;
    } else break; // `&&`, `;`, `&`: later commands are not part of this capture's output
  }
  return segments.filter((s) => s.length > 0);
}

interface Unwrapped {
  argv: string[];
  netns?: string;
}

/** Peel `sudo`, `env`, `VAR=x`, `ip netns exec NS`, `ip -n NS`, `nsenter --net=…` off one command. */
function unwrapPrefixes(argv: string[]): Unwrapped {
  let rest = argv;
  let netns: string | undefined;
  for (;;) {
    const name = programName(rest[0]);
    if (rest.length > 0 && ENV_ASSIGNMENT.test(rest[0]!)) {
      rest = rest.slice(1);
    } else if (name === 'sudo' || name === 'env') {
      rest = skipOptions(rest.slice(1), name === 'sudo' ? SUDO_OPTIONS_WITH_VALUE : new Set(['-u', '-C', '-S']));
    } else if (name === 'ip' && rest[1] === 'netns' && rest[2] === 'exec' && rest.length > 4) {
      netns = rest[3];
      rest = rest.slice(4);
    } else if (name === 'ip' && netnsOptionIndex(rest) > 0) {
      const i = netnsOptionIndex(rest);
      netns = rest[i + 1];
      rest = [...rest.slice(0, i), ...rest.slice(i + 2)];
    } else if (name === 'nsenter') {
      const inner = unwrapNsenter(rest);
      if (!inner) break;
      netns = inner.netns ?? netns;
      rest = inner.argv;
    } else break;
  }
  const result: Unwrapped = { argv: rest };
  if (netns !== undefined) result.netns = netns;
  return result;
}

const SUDO_OPTIONS_WITH_VALUE = new Set(['-u', '-g', '-h', '-p', '-C', '-D', '-r', '-t', '-U', '-T']);

function skipOptions(argv: string[], withValue: Set<string>): string[] {
  let i = 0;
  while (i < argv.length) {
    const arg = argv[i]!;
    if (arg === '--') return argv.slice(i + 1);
    if (ENV_ASSIGNMENT.test(arg)) return argv.slice(i);
    if (!arg.startsWith('-')) break;
    i += withValue.has(arg) ? 2 : 1;
  }
  return argv.slice(i);
}

/** `ip -n NS …`, `ip -netns NS …`, `ip --netns NS …` among ip's global options (before the object). */
function netnsOptionIndex(argv: string[]): number {
  for (let i = 1; i < argv.length - 1; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('-')) return -1;
    if (arg === '-n' || arg === '-netns' || arg === '--netns') return i;
  }
  return -1;
}

/** `nsenter --net=/run/netns/NS cmd…` (or `-n/--net` alone, the target's own namespace). */
function unwrapNsenter(argv: string[]): Unwrapped | undefined {
  let i = 1;
  let netns: string | undefined;
  while (i < argv.length && argv[i]!.startsWith('-')) {
    const arg = argv[i]!;
    const net = /^--net=(.+)$/.exec(arg);
    if (net) netns = programName(net[1]);
    if (arg === '--') {
      i++;
      break;
    }
    i += ['-t', '--target', '-S', '-G', '--setuid', '--setgid'].includes(arg) ? 2 : 1;
  }
  if (i >= argv.length) return undefined;
  const result: Unwrapped = { argv: argv.slice(i) };
  if (netns !== undefined) result.netns = netns;
  return result;
}

/** Program of the command (`/sbin/ip` → `ip`). */
export function commandName(cmd: CommandLine): string {
  return programName(cmd.argv[0]);
}
