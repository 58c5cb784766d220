// Finds the captures inside a guide's tree: the command output a person pasted
// into literal blocks, with the command it came from and the host it was run
// on. Works on the docutils vocabulary our RST reader builds.
//
//   ``ip link``::          a paragraph that is only a command, then `::`
//                           (docutils turns the `::` into `:`)
//       1: lo: <…>         the literal block: the output
//
//   ::
//       $ ip route         a literal block whose lines start with `$ ` / `# `
//       default via …      prompts: each prompt opens one capture
//
// A block marked with a language (RST's `code:: bash`, a Markdown fence
// labelled `bash`) is a script, never a capture; `console`, `text` and
// `shell-session` (or no label) may be.
//
// Hosts come from section titles ("compute node", "网络节点", "VM"): a capture
// belongs to the host of the nearest enclosing host section, else to the host
// of the last host section before it, else — when the guide names one host
// only — to that host.

import { isElement, toText, type RstElement, type RstNode } from '../rst/nodes.js';
import { parseCommandLine } from '../captures/command-line.js';
import { commandFromFirstLine, findParser } from '../captures/registry.js';

export interface GuideCapture {
  /** The command, as written in the guide. */
  command: string;
  /** The output text (the literal block, or the part of it after the prompt line). */
  text: string;
  host: string;
  /** The file and the line of the first output line, so output line k is `line + k - 1`. */
  file: string;
  line: number;
  /** The section title the capture sits under (for the page). */
  section?: string;
  /**
   * For a block a `:literal:` include brought in from another file: the
   * guide's line it shows at (the include directive's) and the line of `file`
   * its text starts at, so a page can find the block by the guide's lines.
   */
  shownAt?: { guideLine: number; firstLine: number };
}

export interface GuideHostName {
  name: string;
  title: string;
  line: number;
}

const HOST_TITLES: { pattern: RegExp; name: (m: RegExpExecArray) => string }[] = [
  { pattern: /\b(compute|network|controller|storage|control)[ -]?(node|host)\b/i, name: (m) => m[1]!.toLowerCase() },
  { pattern: /(计算|网络|控制|存储)节点/, name: (m) => ({ 计算: 'compute', 网络: 'network', 控制: 'controller', 存储: 'storage' })[m[1]!]! },
  { pattern: /\b(all[- ]?in[- ]?one)\b/i, name: () => 'allinone' },
  { pattern: /^(?:the\s+)?(vm|instance|虚拟机)$/i, name: () => 'vm' },
  { pattern: /^(?:host|node|主机)\s*[:：]?\s*([A-Za-z0-9_.-]+)$/i, name: (m) => m[1]!.toLowerCase() },
];

/** The host a section title names, if it names one. */
export function hostOfTitle(title: string): string | undefined {
  const trimmed = title.trim();
  for (const { pattern, name } of HOST_TITLES) {
    const m = pattern.exec(trimmed);
    if (m) return name(m);
  }
  return undefined;
}

/** Every capture in a guide's (untransformed or transformed) tree. */
export function capturesOfGuide(tree: RstElement, file: string, defaultHost = 'host'): GuideCapture[] {
  const found: (GuideCapture & { explicitHost: boolean })[] = [];
  const hosts = new Set<string>();
  let lastHost: string | undefined;

  // Iterative pre-order walk (guides can nest deeply; no recursion).
  const stack: { node: RstElement; host?: string; section?: string }[] = [{ node: tree }];
  while (stack.length > 0) {
    const { node, host, section } = stack.pop()!;
    let childHost = host;
    let childSection = section;
    if (node.type === 'section') {
      const title = node.children.find((c): c is RstElement => isElement(c) && c.type === 'title');
      const titleText = title ? toText(title) : '';
      const named = hostOfTitle(titleText);
      if (named) {
        hosts.add(named);
        childHost = named;
        lastHost = named;
      }
      childSection = titleText;
    }
    const children = node.children;
    for (let i = 0; i < children.length; i++) {
      const child = children[i]!;
      if (!isElement(child) || child.type !== 'literal_block' || isScript(child)) continue;
      const value = toText(child);
      // a block from an included file names it (data.source); a `:literal:` include's text starts at data.sourceLine there
      const includedFrom = typeof child.data?.source === 'string' ? child.data.source : undefined;
      const startLine = typeof child.data?.sourceLine === 'number' ? child.data.sourceLine : (child.position?.start.line ?? 1);
      const hostHere = childHost ?? lastHost;
      const shownAt = includedFrom !== undefined && typeof child.data?.sourceLine === 'number' && child.position
        ? { shownAt: { guideLine: child.position.start.line, firstLine: child.data.sourceLine } }
        : {};
      const base = { file: includedFrom ?? file, host: hostHere ?? defaultHost, section: childSection, explicitHost: hostHere !== undefined, ...shownAt };
      const command = commandOfParagraph(children[i - 1]);
      if (command !== undefined) {
        found.push({ ...base, command, text: value, line: startLine });
        continue;
      }
      for (const capture of promptedCaptures(value, startLine)) found.push({ ...base, ...capture });
    }
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i]!;
      if (isElement(child)) stack.push({ node: child, host: childHost, section: childSection });
    }
  }

  // One named host: captures outside any host section run there too.
  const only = hosts.size === 1 ? [...hosts][0]! : undefined;
  return found.map(({ explicitHost, ...capture }) => (explicitHost || !only ? capture : { ...capture, host: only }));
}

/** Languages a block of command output may be labelled with. */
const CAPTURE_LANGUAGES = new Set(['console', 'shell-session', 'shellsession', 'text', 'txt', 'plaintext', 'output']);

/** A literal block labelled with a language that is not command output (`bash`, `sh`, `python` …). */
function isScript(block: RstElement): boolean {
  const classes = Array.isArray(block.attributes.classes) ? block.attributes.classes : [];
  if (!classes.includes('code')) return false;
  const language = typeof block.data?.language === 'string' ? block.data.language : classes.find((c) => c !== 'code');
  return Boolean(language) && !CAPTURE_LANGUAGES.has(language!.toLowerCase());
}

/**
 * The command a paragraph announces: ``ip link``:: or `ovs-vsctl show::`, i.e.
 * a paragraph that is a command and nothing else, ending in the `:` left by `::`.
 */
export function commandOfParagraph(node: RstNode | undefined): string | undefined {
  if (!node || !isElement(node) || node.type !== 'paragraph') return undefined;
  const raw = toText(node).trim();
  if (!raw.endsWith(':') || raw.includes('\n')) return undefined;
  const command = raw.slice(0, -1).trim();
  if (!command) return undefined;
  const onlyLiteral =
    node.children.filter((c) => !(c.type === 'text' && /^\s*:?\s*$/.test((c as { value: string }).value))).length === 1 &&
    node.children.some((c) => c.type === 'literal');
  if (onlyLiteral) return command;
  // Plain text: accept it only when a capture parser knows the command (prose like
  // "connect to VM through vnc::" stays prose).
  return findParser(parseCommandLine(command)) ? command : undefined;
}

/** Split a literal block whose lines start with prompts into one capture per prompt. */
function promptedCaptures(value: string, startLine: number): { command: string; text: string; line: number }[] {
  const lines = value.split('\n');
  if (commandFromFirstLine(lines[0] ?? '') === undefined) return [];
  const out: { command: string; text: string; line: number }[] = [];
  let current: { command: string; body: string[]; line: number } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const command = /^\s*[$]\s+\S/.test(lines[i]!) ? commandFromFirstLine(lines[i]!) : i === 0 ? commandFromFirstLine(lines[i]!) : undefined;
    if (command !== undefined) {
      if (current) out.push({ command: current.command, text: current.body.join('\n'), line: current.line });
      current = { command, body: [], line: startLine + i + 1 };
    } else if (current) {
      current.body.push(lines[i]!);
    }
  }
  if (current) out.push({ command: current.command, text: current.body.join('\n'), line: current.line });
  return out;
}
