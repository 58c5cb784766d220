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
// Hosts come from section titles ("compute node", "网络节点"): a capture
// belongs to the host of the nearest enclosing host section, else to the host
// of the last host section before it, else — for a capture file a bundle keeps
// as `<host>/<NN>-<slug>.txt` and the guide includes — to that folder's host,
// else — when the guide names one host only — to that host. A section titled
// after a guest ("VM", "虚拟机 cirros01 里", "inside instance-00000001") holds
// the guest's own view: its captures are marked `guest` (joined to that VM
// later, never a hypervisor), and a section after it that names no host goes
// back to the last hypervisor, not the guest.

import { basename, dirname } from 'node:path';
import { isElement, toText, type RstElement, type RstNode } from '../rst/nodes.js';
import { parseCommandLine } from '../captures/command-line.js';
import { commandFromFirstLine, findParser } from '../captures/registry.js';
import { directiveCapture } from './directive-captures.js';

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
  /** Typed inside a guest (a VM), by its section's title: `host` is then the guest's name (the instance name in the title, else `vm`). */
  guest?: boolean;
  /** How `host` was chosen: a title around it, a host section before it, the guide's only host, or the default. */
  hostFrom?: 'title' | 'previous' | 'only' | 'default';
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
  { pattern: /^(?:host|node|主机)\s*[:：]?\s*([A-Za-z0-9_.-]+)$/i, name: (m) => m[1]!.toLowerCase() },
];

/** Words that make a title a guest's: the commands under it were typed inside a VM. */
const GUEST_WORDS = /(虚拟机|云主机|实例|客户机)|\b(?:vm|vms|instance|guest|inside the vm|in the vm)\b/i;
/** An instance's own name in a guest title: a word with a digit or a dash (`cirros01`, `instance-00000001`, `vm-1`). */
const INSTANCE_NAME = /[A-Za-z][A-Za-z0-9_.]*(?:[-_][A-Za-z0-9_.]+)*/g;

/** Commands a guest never runs: they show a hypervisor's switches and domains. */
const HYPERVISOR_COMMAND = /^(ovs-(vsctl|ofctl|appctl|dpctl)|brctl|virsh|bridge\s)/;

/** The host a section title names, if it names one (a guest title names none: see guestOfTitle). */
export function hostOfTitle(title: string): string | undefined {
  const trimmed = title.trim();
  for (const { pattern, name } of HOST_TITLES) {
    const m = pattern.exec(trimmed);
    if (m) return name(m);
  }
  return undefined;
}

/**
 * The guest a section title names: `{ name }` with the instance's name when
 * the title gives one (`虚拟机 cirros01 里` → cirros01), else `vm`; undefined
 * when the title is no guest's (a host title wins: "compute node with VMs").
 */
export function guestOfTitle(title: string): { name: string } | undefined {
  const trimmed = title.trim();
  if (hostOfTitle(trimmed) !== undefined || !GUEST_WORDS.test(trimmed)) return undefined;
  const words = [...trimmed.matchAll(INSTANCE_NAME)].map((m) => m[0]).filter((w) => /\d|-/.test(w) && !/^(vm|instance|guest)s?$/i.test(w));
  return { name: words[0] ?? 'vm' };
}

/** Every capture in a guide's (untransformed or transformed) tree. */
export function capturesOfGuide(tree: RstElement, file: string, defaultHost = 'host'): GuideCapture[] {
  const found: (GuideCapture & { explicitHost: boolean })[] = [];
  const hosts = new Set<string>();
  // the last hypervisor (host) section seen: a later section naming no host continues it, never a guest's
  let lastHost: string | undefined;

  // Iterative pre-order walk (guides can nest deeply; no recursion).
  const stack: { node: RstElement; host?: string; guest?: boolean; section?: string }[] = [{ node: tree }];
  while (stack.length > 0) {
    const { node, host, guest, section } = stack.pop()!;
    let childHost = host;
    let childGuest = guest;
    let childSection = section;
    if (node.type === 'section') {
      const title = node.children.find((c): c is RstElement => isElement(c) && c.type === 'title');
      const titleText = title ? toText(title) : '';
      const named = hostOfTitle(titleText);
      const guestNamed = named ? undefined : guestOfTitle(titleText);
      if (named) {
        hosts.add(named);
        childHost = named;
        childGuest = false;
        lastHost = named;
      } else if (guestNamed) {
        childHost = guestNamed.name;
        childGuest = true;
      }
      childSection = titleText;
    }
    const children = node.children;
    for (let i = 0; i < children.length; i++) {
      const child = children[i]!;
      if (!isElement(child) || child.type !== 'literal_block' || isScript(child)) continue;
      // `.. capture::` blocks know their command and host (the whole capture, whatever the view shows)
      const fromDirective = directiveCapture(child);
      if (child.data?.captureMissing) continue;
      if (fromDirective) {
        found.push({ ...fromDirective, section: childSection, explicitHost: true });
        continue;
      }
      const value = toText(child);
      // a block from an included file names it (data.source); a `:literal:` include's text starts at data.sourceLine there
      const includedFrom = typeof child.data?.source === 'string' ? child.data.source : undefined;
      const startLine = typeof child.data?.sourceLine === 'number' ? child.data.sourceLine : (child.position?.start.line ?? 1);
      const fromFolder = includedFrom !== undefined ? bundleHostOf(includedFrom) : undefined;
      if (fromFolder && !childHost && !lastHost) hosts.add(fromFolder);
      const hostHere = childHost ?? lastHost ?? fromFolder;
      const shownAt = includedFrom !== undefined && typeof child.data?.sourceLine === 'number' && child.position
        ? { shownAt: { guideLine: child.position.start.line, firstLine: child.data.sourceLine } }
        : {};
      const hostFrom: GuideCapture['hostFrom'] = childHost !== undefined ? 'title' : hostHere !== undefined ? 'previous' : 'default';
      const base = {
        file: includedFrom ?? file, host: hostHere ?? defaultHost, section: childSection, explicitHost: hostHere !== undefined, hostFrom,
        ...(childGuest && childHost !== undefined ? { guest: true } : {}), ...shownAt,
      };
      const command = commandOfParagraph(children[i - 1]);
      if (command !== undefined) {
        found.push({ ...onHypervisor(base, command), command, text: value, line: startLine });
        continue;
      }
      for (const capture of promptedCaptures(value, startLine)) found.push({ ...onHypervisor(base, capture.command), ...capture });
    }
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i]!;
      if (isElement(child)) stack.push({ node: child, ...(childHost !== undefined ? { host: childHost } : {}), ...(childGuest ? { guest: true } : {}), ...(childSection !== undefined ? { section: childSection } : {}) });
    }
  }

  /** A hypervisor's command (OVS, a Linux bridge, libvirt) under a guest's title ran on the host before it, not in the guest. */
  function onHypervisor<T extends { host: string; guest?: boolean; explicitHost: boolean; hostFrom: GuideCapture['hostFrom'] }>(base: T, command: string): T {
    if (!base.guest || !HYPERVISOR_COMMAND.test(command.replace(/^\s*(sudo\s+)?/, ''))) return base;
    const { guest: _guest, ...rest } = base;
    return { ...rest, host: lastHost ?? defaultHost, explicitHost: lastHost !== undefined, hostFrom: lastHost !== undefined ? 'previous' : 'default' } as T;
  }

  // One named host: captures outside any host section run there too.
  const only = hosts.size === 1 ? [...hosts][0]! : undefined;
  return found.map(({ explicitHost, ...capture }) => (explicitHost || !only ? capture : { ...capture, host: only, hostFrom: 'only' as const }));
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

/** The host a bundle's capture file names by its folder (`captures/allinone/01-ip-link.txt` → `allinone`). */
export function bundleHostOf(file: string): string | undefined {
  if (!/^\d+-[^/]*\.txt$/.test(basename(file))) return undefined;
  const folder = basename(dirname(file));
  return folder && folder !== '.' && folder !== '..' ? folder : undefined;
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
