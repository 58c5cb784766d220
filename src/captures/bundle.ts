// Reads a folder or tarball of captures into hosts → parsed captures, each
// with the file it came from and the line offset of its output, so evidence
// can point at `file:line` (inside a tarball: `archive.tar.xz/member`). Two
// layouts, and folders of them (one sub-folder or tarball per host):
//
//   capture-lab bundle                         sosreport
//   manifest.json            (optional)        sosreport-node1/hostname
//   <host>/<NN>-<slug>.txt   line 1 `$ cmd`    sosreport-node1/sos_commands/openvswitch/ovs-vsctl_-t_5_show
//                                              sosreport-node1/sos_commands/networking/namespaces/<ns>/ip_netns_exec_<ns>_ip_-d_address_show
import { existsSync, statSync } from 'node:fs';
import { basename, relative } from 'node:path';
import { archiveTree, folderTree, isArchiveName, type FileTree } from './file-tree.js';
import type { Diagnostic } from '../diagnostics.js';
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
  /** The file's text as read (with readBundle's `keepText`): what `netguide import` copies. */
  text?: string;
}

export interface BundleHost {
  name: string;
  captures: BundleCapture[];
  /** The manifest.json that lists this host's captures (the bundle's, or the host folder's own), as read. */
  manifest?: Record<string, unknown>;
}

export interface Bundle {
  root: string;
  /** `folder` also when the parts of a folder of bundles differ. */
  layout: 'capture-lab' | 'sosreport' | 'folder';
  /** The root's manifest.json as read (capture-lab bundles only). */
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

export interface ReadBundleOptions {
  /** Keep each capture file's text on its BundleCapture (to copy it elsewhere). */
  keepText?: boolean;
}

export function readBundle(root: string, options: ReadBundleOptions = {}): Bundle {
  const bundle: Bundle = { root, layout: 'folder', hosts: [], skipped: [], problems: [] };
  keepText.set(bundle, options.keepText === true);
  const tree = openTree(root, bundle);
  if (!tree) return bundle;
  const layouts = new Set<Bundle['layout']>();
  readTree(tree, '', bundle, layouts, 0);
  bundle.layout = layouts.size === 1 ? [...layouts][0]! : 'folder';
  const seen = new Map<string, string>();
  for (const host of bundle.hosts) {
    const first = host.captures[0]?.file ?? root;
    const earlier = seen.get(host.name);
    if (earlier !== undefined) {
      bundle.problems.push({ file: first, severity: 'warning', message: `host ${host.name} is in this bundle twice (also ${earlier}): its captures are joined as one host`, source: 'captures/bundle' });
    } else seen.set(host.name, first);
  }
  return bundle;
}

/** A folder, or a tarball read into memory; undefined (and an error) when it is neither. */
function openTree(path: string, bundle: Bundle): FileTree | undefined {
  const stat = existsSync(path) ? statSync(path) : undefined;
  if (stat?.isDirectory()) return folderTree(path);
  if (stat?.isFile() && isArchiveName(path)) {
    try {
      return archiveTree(path);
    } catch (error) {
      bundle.problems.push({ file: path, severity: 'error', message: (error as Error).message.replace(`${path}: `, ''), source: 'captures/bundle' });
      return undefined;
    }
  }
  bundle.problems.push({ file: path, severity: 'error', message: 'not a folder or tarball (.tar, .tar.gz, .tar.xz, .tar.bz2) of captures', source: 'captures/bundle' });
  return undefined;
}

/** Each bundle being read → whether its captures keep their text (readBundle's option, without threading it through every reader). */
const keepText = new WeakMap<Bundle, boolean>();

const join = (dir: string, name: string) => (dir === '' ? name : `${dir}/${name}`);

/**
 * One folder of a tree: a sosreport (it holds sos_commands/), a capture-lab
 * bundle (manifest.json, <host>/NN-slug.txt), or a folder of host folders
 * (each may keep its own manifest.json); without a manifest of its own, also
 * the bundles inside it: sub-folders that are sosreports or bundles, and
 * tarballs (one subfolder per host, as collect.yml fetches a fleet).
 */
function readTree(tree: FileTree, rel: string, bundle: Bundle, layouts: Set<Bundle['layout']>, depth: number): void {
  if (tree.isDir(join(rel, 'sos_commands'))) {
    layouts.add('sosreport');
    bundle.hosts.push(readSosreport(tree, rel, bundle));
    return;
  }
  const manifestRel = join(rel, 'manifest.json');
  const hasManifest = tree.isFile(manifestRel);
  const byFile = new Map<string, ManifestCommand>();
  let manifest: Record<string, unknown> | undefined;
  if (hasManifest) {
    layouts.add('capture-lab');
    manifest = readManifest(tree, manifestRel, bundle, byFile);
    if (manifest && rel === '') bundle.manifest = manifest;
  }
  const entries = tree.list(rel);
  const topFiles = captureFiles(tree, rel);
  // a single host's folder of `NN-slug.txt` files is a bundle too
  if (topFiles.length > 0) {
    layouts.add(hasManifest ? 'capture-lab' : 'folder');
    bundle.hosts.push(withManifest(readHost(tree, rel, lastName(rel === '' ? tree.root : rel), topFiles, '', byFile, bundle), manifest));
  }
  for (const entry of entries.filter((e) => e.dir)) {
    const dir = join(rel, entry.name);
    const files = captureFiles(tree, dir);
    if (files.length > 0) {
      // a host folder may keep its own manifest (netguide import writes one per host)
      const own = !hasManifest && tree.isFile(join(dir, 'manifest.json')) ? readManifest(tree, join(dir, 'manifest.json'), bundle, byFile) : undefined;
      if (!hasManifest) layouts.add(tree.isFile(join(dir, 'manifest.json')) ? 'capture-lab' : 'folder');
      bundle.hosts.push(withManifest(readHost(tree, rel, entry.name, files, entry.name + '/', byFile, bundle), own ?? manifest));
    } else if (!hasManifest && depth < 3 && (tree.isDir(join(dir, 'sos_commands')) || tree.isFile(join(dir, 'manifest.json')) || holdsBundles(tree, dir))) {
      readTree(tree, dir, bundle, layouts, depth + 1);
    }
  }
  if (!hasManifest) {
    for (const entry of entries.filter((e) => !e.dir && isArchiveName(e.name))) {
      const path = tree.path(join(rel, entry.name));
      if (tree.kind === 'archive' || depth >= 3) {
        bundle.skipped.push(path);
        continue;
      }
      try {
        readTree(archiveTree(path), '', bundle, layouts, depth + 1);
      } catch (error) {
        bundle.problems.push({ file: path, severity: 'error', message: (error as Error).message.replace(`${path}: `, ''), source: 'captures/bundle' });
      }
    }
  }
  for (const [file, c] of byFile) {
    if (!tree.isFile(join(rel, file))) {
      bundle.problems.push({ file: tree.path(manifestRel), severity: 'warning', message: `manifest lists ${file} (${c.command ?? '?'}) but the file is missing`, source: 'captures/bundle' });
    }
  }
}

function withManifest(host: BundleHost, manifest: Record<string, unknown> | undefined): BundleHost {
  if (manifest) host.manifest = manifest;
  return host;
}

/** A folder holding sosreports, bundles or tarballs one level down. */
function holdsBundles(tree: FileTree, dir: string): boolean {
  return tree.list(dir).some((e) => (e.dir ? tree.isDir(join(join(dir, e.name), 'sos_commands')) || tree.isFile(join(join(dir, e.name), 'manifest.json')) : isArchiveName(e.name)));
}

function lastName(path: string): string {
  return basename(path.replace(/[\\/]+$/, ''));
}

// ---- capture-lab bundles -------------------------------------------------------

function readManifest(tree: FileTree, rel: string, bundle: Bundle, byFile: Map<string, ManifestCommand>): Record<string, unknown> | undefined {
  try {
    const manifest = JSON.parse(tree.read(rel)) as Record<string, unknown>;
    const commands = Array.isArray(manifest['commands']) ? (manifest['commands'] as ManifestCommand[]) : [];
    for (const c of commands) if (typeof c.file === 'string') byFile.set(c.file.replace(/\\/g, '/'), c);
    return manifest;
  } catch (error) {
    bundle.problems.push({ file: tree.path(rel), severity: 'error', message: `manifest.json is not valid JSON: ${(error as Error).message}`, source: 'captures/bundle' });
    return undefined;
  }
}

function captureFiles(tree: FileTree, dir: string): string[] {
  return tree
    .list(dir)
    .filter((e) => !e.dir && CAPTURE_FILE.test(e.name))
    .map((e) => e.name)
    .sort((a, b) => parseInt(a, 10) - parseInt(b, 10) || (a < b ? -1 : a > b ? 1 : 0));
}

function readHost(tree: FileTree, rel: string, name: string, files: string[], prefix: string, byFile: Map<string, ManifestCommand>, bundle: Bundle): BundleHost {
  const host: BundleHost = { name, captures: [] };
  for (const fileName of files) {
    const path = tree.path(join(rel, prefix + fileName));
    const { text, problems } = tree.readText(join(rel, prefix + fileName));
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
    if (keepText.get(bundle)) capture.text = text;
    host.captures.push(capture);
  }
  return host;
}

// ---- sosreports ------------------------------------------------------------------

function readSosreport(tree: FileTree, sos: string, bundle: Bundle): BundleHost {
  const host: BundleHost = { name: sosHostname(tree, sos), captures: [] };
  const files = walk(tree, join(sos, 'sos_commands')).map((rel) => ({ rel, command: sosFileCommand(lastName(rel)) }));
  const commands = new Set(files.map((f) => f.command));
  for (const { rel, command } of files) {
    const path = tree.path(rel);
    if (!findParser(command) || sameAsAnother(command, commands)) {
      bundle.skipped.push(path);
      continue;
    }
    let text: string;
    try {
      const read = tree.readText(rel);
      text = read.text;
      bundle.problems.push(...read.problems);
    } catch (error) {
      bundle.problems.push({ file: path, severity: 'warning', message: (error as Error).message, source: 'captures/bundle' });
      continue;
    }
    const result = parseCapture(text, { command });
    host.captures.push({ file: path, command, lineOffset: 0, result, ...(keepText.get(bundle) ? { text } : {}) });
  }
  return host;
}

/**
 * sos lists some things several ways; reading each would count them twice: the
 * process table (`ps auxwwwm`, which sos links as `ps`, and `ps auxfwww`,
 * `ps alxwww`, `ps -elfL`), the flows and ports of a bridge once per OpenFlow
 * version (`ovs-ofctl -O OpenFlow13 dump-flows br-int` beside `ovs-ofctl
 * dump-flows br-int`). `ss -s` is a summary, no sockets.
 */
const PROCESS_LISTINGS = ['ps auxwwwm', 'ps auxfwww', 'ps alxwww', 'ps -elfL'];
function sameAsAnother(command: string, commands: Set<string>): boolean {
  const ps = PROCESS_LISTINGS.indexOf(command);
  if (ps >= 0) return PROCESS_LISTINGS.slice(0, ps).some((c) => commands.has(c));
  if (/^ss( -\w+)* -s$/.test(command)) return true;
  const versioned = /^ovs-ofctl -O OpenFlow\d+ (.+)$/.exec(command);
  if (versioned) {
    if (commands.has(`ovs-ofctl ${versioned[1]}`)) return true;
    // several versions and no plain one: the first in name order
    const first = [...commands].filter((c) => c.endsWith(` ${versioned[1]}`) && /^ovs-ofctl -O OpenFlow\d+ /.test(c)).sort()[0];
    return first !== command;
  }
  return false;
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

function sosHostname(tree: FileTree, sos: string): string {
  for (const candidate of ['hostname', 'sos_commands/general/hostname', 'sos_commands/host/hostname', 'sos_commands/host/hostname_-f']) {
    const rel = join(sos, candidate);
    if (tree.isFile(rel)) {
      let text = '';
      try {
        text = tree.read(rel);
      } catch {
        continue;
      }
      const name = splitLines(text).find((l) => l.trim() !== '')?.trim();
      if (name) return name;
    }
  }
  return lastName(sos === '' ? tree.root : sos).replace(/\.(tar|tar\.gz|tgz|tar\.xz|txz|tar\.bz2|tbz2)$/i, '').replace(/^sosreport-/, '');
}

function walk(tree: FileTree, dir: string): string[] {
  const out: string[] = [];
  // code-unit order, not localeCompare: the same order under every locale
  for (const entry of [...tree.list(dir)].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const rel = join(dir, entry.name);
    if (entry.dir) out.push(...walk(tree, rel));
    else out.push(rel);
  }
  return out;
}

/** Path of `file` relative to the bundle root, for messages. */
export function bundleRelative(bundle: Bundle, file: string): string {
  return relative(bundle.root, file);
}
