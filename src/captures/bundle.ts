// Reads a folder of captures into hosts → parsed captures, each with the file
// it came from and the line offset of its output, so evidence can point at
// `file:line`. Two layouts:
//
//   capture-lab bundle                         sosreport
//   manifest.json            (optional)        sosreport-node1/hostname
//   <host>/<NN>-<slug>.txt   line 1 `$ cmd`    sosreport-node1/sos_commands/openvswitch/ovs-vsctl_-t_5_show
//                                              sosreport-node1/sos_commands/networking/namespaces/<ns>/ip_netns_exec_<ns>_ip_-d_address_show
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { readTextFile } from '../text-file.js';
import { commandFromFirstLine, findParser, parseCapture, type ParsedCapture } from './registry.js';
import { splitLines } from './lines.js';

export interface BundleCapture {
  /** Path of the capture file (the bundle root joined with its relative path). */
  file: string;
  /** The command, from the `$ ` line, the manifest or the sosreport file name. */
  command: string;
  /** Add to an evidence line to get the line in `file`. */
  lineOffset: number;
  result: ParsedCapture;
  /** From manifest.json when present: order, exit status, whether it is outside the classic list. */
  seq?: number;
  exitStatus?: number;
  extra?: boolean;
}

export interface BundleHost {
  name: string;
  captures: BundleCapture[];
}

export interface Bundle {
  root: string;
  layout: 'capture-lab' | 'sosreport' | 'folder';
  /** manifest.json as read (capture-lab bundles only). */
  manifest?: Record<string, unknown>;
  hosts: BundleHost[];
  /** Files seen but not parsed: no parser knows their command (sosreports hold hundreds). */
  skipped: string[];
  problems: Diagnostic[];
}

interface ManifestCommand {
  seq?: number;
  host?: string;
  command?: string;
  file?: string;
  exit_status?: number;
  extra?: boolean;
}

const CAPTURE_FILE = /^\d+-.+\.txt$/;

export function readBundle(root: string): Bundle {
  const bundle: Bundle = { root, layout: 'folder', hosts: [], skipped: [], problems: [] };
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    bundle.problems.push({ file: root, severity: 'error', message: 'not a folder of captures', source: 'captures/bundle' });
    return bundle;
  }
  const sosRoots = sosreportRoots(root);
  if (sosRoots.length > 0) {
    bundle.layout = 'sosreport';
    for (const sos of sosRoots) bundle.hosts.push(readSosreport(sos, bundle));
    return bundle;
  }
  readCaptureLab(root, bundle);
  return bundle;
}

// ---- capture-lab bundles -------------------------------------------------------

function readCaptureLab(root: string, bundle: Bundle): void {
  const manifestPath = join(root, 'manifest.json');
  const byFile = new Map<string, ManifestCommand>();
  if (existsSync(manifestPath)) {
    bundle.layout = 'capture-lab';
    try {
      bundle.manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
      const commands = Array.isArray(bundle.manifest['commands']) ? (bundle.manifest['commands'] as ManifestCommand[]) : [];
      for (const c of commands) if (typeof c.file === 'string') byFile.set(c.file.replace(/\\/g, '/'), c);
    } catch (error) {
      bundle.problems.push({ file: manifestPath, severity: 'error', message: `manifest.json is not valid JSON: ${(error as Error).message}`, source: 'captures/bundle' });
    }
  }
  const hostDirs = readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const topFiles = captureFiles(root);
  // a single host's folder of `NN-slug.txt` files is a bundle too
  if (topFiles.length > 0) bundle.hosts.push(readHost(root, basename(root), topFiles, '', byFile, bundle));
  for (const host of hostDirs) {
    const files = captureFiles(join(root, host));
    if (files.length > 0) bundle.hosts.push(readHost(root, host, files, host + '/', byFile, bundle));
  }
  for (const [file, c] of byFile) {
    if (!existsSync(join(root, file))) {
      bundle.problems.push({ file: manifestPath, severity: 'warning', message: `manifest lists ${file} (${c.command ?? '?'}) but the file is missing`, source: 'captures/bundle' });
    }
  }
}

function captureFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && CAPTURE_FILE.test(e.name))
    .map((e) => e.name)
    .sort((a, b) => parseInt(a, 10) - parseInt(b, 10) || (a < b ? -1 : a > b ? 1 : 0));
}

function readHost(root: string, name: string, files: string[], prefix: string, byFile: Map<string, ManifestCommand>, bundle: Bundle): BundleHost {
  const host: BundleHost = { name, captures: [] };
  for (const fileName of files) {
    const path = join(root, prefix + fileName);
    const { text, problems } = readTextFile(path);
    bundle.problems.push(...problems);
    const entry = byFile.get(prefix + fileName);
    const fromText = commandFromFirstLine(text);
    const command = fromText ?? entry?.command;
    if (command === undefined) {
      bundle.problems.push({ file: path, line: 1, severity: 'warning', message: 'no `$ command` first line and no manifest entry: cannot tell which command this is', source: 'captures/bundle' });
    } else if (fromText !== undefined && entry?.command !== undefined && entry.command.trim() !== fromText.trim()) {
      bundle.problems.push({ file: path, line: 1, severity: 'warning', message: `first line says \`${fromText}\` but manifest.json says \`${entry.command}\``, source: 'captures/bundle' });
    }
    const result = fromText !== undefined ? parseCapture(text) : parseCapture(text, command === undefined ? {} : { command });
    // the manifest knows the command failed even when its message reads as output
    if (entry?.exit_status !== undefined && entry.exit_status !== 0 && !result.notes?.some((n) => n.kind === 'command-failed')) {
      result.notes = [...(result.notes ?? []), { line: 0, kind: 'command-failed', message: `the command exited with status ${entry.exit_status} (manifest.json): its output may be an error message or partial` }];
    }
    const capture: BundleCapture = { file: path, command: command ?? '', lineOffset: result.lineOffset, result };
    if (entry?.seq !== undefined) capture.seq = entry.seq;
    if (entry?.exit_status !== undefined) capture.exitStatus = entry.exit_status;
    if (entry?.extra !== undefined) capture.extra = entry.extra;
    host.captures.push(capture);
  }
  return host;
}

// ---- sosreports ------------------------------------------------------------------

/** The root itself when it holds `sos_commands/`, else its sub-folders that do (one per host). */
function sosreportRoots(root: string): string[] {
  if (existsSync(join(root, 'sos_commands'))) return [root];
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(root, e.name, 'sos_commands')))
    .map((e) => join(root, e.name))
    .sort();
}

function readSosreport(sos: string, bundle: Bundle): BundleHost {
  const host: BundleHost = { name: sosHostname(sos), captures: [] };
  for (const path of walk(join(sos, 'sos_commands'))) {
    const command = sosFileCommand(basename(path));
    if (!findParser(command)) {
      bundle.skipped.push(path);
      continue;
    }
    const { text, problems } = readTextFile(path);
    bundle.problems.push(...problems);
    const result = parseCapture(text, { command });
    host.captures.push({ file: path, command, lineOffset: 0, result });
  }
  return host;
}

/**
 * sos names a command's output file by replacing what is not a word character,
 * `-`, `.` or `/` with `_`, and `/` with `.`; turning `_` back into blanks gives
 * the command for the commands we parse (their arguments have no `_` or `/`):
 *   ovs-vsctl_-t_5_show                                → ovs-vsctl -t 5 show
 *   ip_netns_exec_qrouter-7052…_iptables-save          → ip netns exec qrouter-7052… iptables-save
 */
export function sosFileCommand(fileName: string): string {
  return fileName.replace(/_/g, ' ').replace(/\s+/g, ' ').trim();
}

function sosHostname(sos: string): string {
  for (const candidate of ['hostname', 'sos_commands/general/hostname', 'sos_commands/host/hostname', 'sos_commands/host/hostname_-f']) {
    const path = join(sos, candidate);
    if (existsSync(path) && statSync(path).isFile()) {
      const name = splitLines(readFileSync(path, 'utf8')).find((l) => l.trim() !== '')?.trim();
      if (name) return name;
    }
  }
  return basename(sos).replace(/^sosreport-/, '');
}

function walk(dir: string): string[] {
  const out: string[] = [];
  // code-unit order, not localeCompare: the same order under every locale
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/** Path of `file` relative to the bundle root, for messages. */
export function bundleRelative(bundle: Bundle, file: string): string {
  return relative(bundle.root, file);
}
