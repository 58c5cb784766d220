// A bundle's files as a read-only tree, whether they sit in a folder or in a
// tarball (a capture.sh archive, a sosreport), so bundle.ts reads both alike.
// Tarballs are read into memory: npm `tar` parses the archive and its gzip;
// xz and bzip2 (sosreport's .tar.xz, older .tar.bz2) are decompressed by the
// system's `xz` / `bzip2` (npm tar cannot), so reading those needs xz-utils /
// bzip2 installed. Only the members a bundle reader can use keep their text.
// The tree itself is a few lines of glue over node:fs and npm tar's parser.
//
//   folderTree('captures/')                 captures/allinone/01-ovs-vsctl-show.txt
//   archiveTree('sosreport-n1.tar.xz')      sosreport-n1.tar.xz/sosreport-n1/sos_commands/…
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { Parser, type ReadEntry } from 'tar';
import { decodeText, readTextFile, type TextFile } from '../text-file.js';

export interface TreeEntry {
  name: string;
  dir: boolean;
}

export interface FileTree {
  /** The folder or archive path, as given. */
  root: string;
  kind: 'folder' | 'archive';
  /** `rel` ('' for the root) is a folder. */
  isDir(rel: string): boolean;
  isFile(rel: string): boolean;
  /** The entries of folder `rel`, sorted by name. */
  list(rel: string): TreeEntry[];
  /** The text of file `rel` (UTF-8). */
  read(rel: string): string;
  /** The text of file `rel` decoded as the ground floor decodes every file: its encoding and problems (a BOM, UTF-16, invalid bytes) said. */
  readText(rel: string): TextFile;
  /** The path a person is shown (and evidence points at) for `rel`. */
  path(rel: string): string;
}

/** Archive names read as bundles. */
const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.xz|txz|tar\.bz2|tbz2)$/i;

export function isArchiveName(path: string): boolean {
  return ARCHIVE.test(path);
}

export function folderTree(root: string): FileTree {
  const abs = (rel: string) => (rel === '' ? root : join(root, rel));
  const stat = (rel: string) => {
    try {
      return statSync(abs(rel));
    } catch {
      return undefined;
    }
  };
  return {
    root,
    kind: 'folder',
    isDir: (rel) => stat(rel)?.isDirectory() ?? false,
    isFile: (rel) => stat(rel)?.isFile() ?? false,
    list: (rel) =>
      readdirSync(abs(rel), { withFileTypes: true })
        .flatMap((e) => {
          // a symbolic link (sosreport's `hostname` → sos_commands/host/hostname) is what it points at
          const s = e.isSymbolicLink() ? stat(join(rel, e.name)) : undefined;
          const dir = e.isDirectory() || (s?.isDirectory() ?? false);
          const file = e.isFile() || (s?.isFile() ?? false);
          return dir || file ? [{ name: e.name, dir }] : [];
        })
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    read: (rel) => readFileSync(abs(rel), 'utf8'),
    readText: (rel) => readTextFile(abs(rel)),
    path: abs,
  };
}

/** Members whose text a bundle reader can use; every other member is listed without its text. */
const KEPT = /(^|\/)(manifest\.json|hostname|\d+-[^/]+\.txt)$|(^|\/)sos_commands\//;
/** A member larger than this keeps no text (a sosreport holds logs of hundreds of MB; no capture is that large). */
const MAX_MEMBER = 64 * 1024 * 1024;

interface Member {
  dir: boolean;
  bytes?: Buffer;
  /** A symbolic or hard link: the member it names. */
  link?: string;
  size: number;
}

export class ArchiveError extends Error {}

/** The tarball at `path`, read into memory. Throws ArchiveError when it cannot be read. */
export function archiveTree(path: string): FileTree {
  const members = readArchive(path);
  const parentOf = (rel: string) => (rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '');
  const norm = (rel: string) => posix.normalize(rel.replace(/\\/g, '/')).replace(/^(\.\/)+|\/+$/g, '').replace(/^\.$/, '');
  /** Follow links (a few at most, so a loop ends). */
  const resolve = (rel: string): string => {
    let at = norm(rel);
    for (let i = 0; i < 8; i++) {
      const link = members.get(at)?.link;
      if (link === undefined) break;
      at = link;
    }
    return at;
  };
  // every folder, named or implied by a member below it, and its entries
  const dirs = new Set<string>(['']);
  const entries = new Map<string, Set<string>>();
  for (const [rel, m] of members) {
    if (m.dir) dirs.add(rel);
    for (let child = rel, parent = parentOf(rel); ; child = parent, parent = parentOf(parent)) {
      dirs.add(parent);
      let set = entries.get(parent);
      if (!set) entries.set(parent, (set = new Set()));
      set.add(child.slice(parent === '' ? 0 : parent.length + 1));
      if (parent === '') break;
    }
  }
  const isDir = (rel: string) => dirs.has(resolve(rel));
  const join = (dir: string, name: string) => (dir === '' ? name : `${dir}/${name}`);
  const bytesOf = (rel: string): Buffer => {
    const m = members.get(resolve(rel));
    if (!m || m.dir) throw new ArchiveError(`${path}: no file ${rel} in the archive`);
    if (m.bytes === undefined) throw new ArchiveError(`${path}: ${rel} was not kept (${m.size} bytes, or not a capture file)`);
    return m.bytes;
  };
  const tree: FileTree = {
    root: path,
    kind: 'archive',
    isDir,
    isFile: (rel) => {
      const at = resolve(rel);
      return members.has(at) && !dirs.has(at);
    },
    list: (rel) => {
      const at = resolve(rel);
      return [...(entries.get(at) ?? [])].map((name) => ({ name, dir: isDir(join(at, name)) })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },
    read: (rel) => bytesOf(rel).toString('utf8'),
    readText: (rel) => decodeText(bytesOf(rel), tree.path(rel)),
    path: (rel) => (norm(rel) === '' ? path : `${path}/${norm(rel)}`),
  };
  return tree;
}

function readArchive(path: string): Map<string, Member> {
  if (!existsSync(path)) throw new ArchiveError(`${path}: no such file`);
  const members = new Map<string, Member>();
  const warnings: string[] = [];
  const parser = new Parser({
    onReadEntry(entry: ReadEntry) {
      const rel = posix.normalize(entry.path).replace(/^(\.\/)+|\/+$/g, '').replace(/^\/+/, '');
      if (rel === '' || rel === '.' || rel.startsWith('../')) {
        entry.resume();
        return;
      }
      if (entry.type === 'Directory') {
        members.set(rel, { dir: true, size: 0 });
        entry.resume();
      } else if (entry.type === 'SymbolicLink' || entry.type === 'Link') {
        const to = entry.linkpath ?? '';
        const target = entry.type === 'Link' ? posix.normalize(to) : posix.normalize(posix.join(posix.dirname(rel), to));
        // a link out of the archive (absolute, or up past its root) names nothing in it
        if (!to.startsWith('/') && !target.startsWith('../')) members.set(rel, { dir: false, size: 0, link: target.replace(/^(\.\/)+|\/+$/g, '') });
        else members.set(rel, { dir: false, size: 0 });
        entry.resume();
      } else if (entry.type === 'File' || entry.type === 'OldFile' || entry.type === 'ContiguousFile') {
        const keep = KEPT.test(rel) && (entry.size ?? 0) <= MAX_MEMBER;
        const member: Member = { dir: false, size: entry.size ?? 0 };
        members.set(rel, member);
        if (!keep) {
          entry.resume();
          return;
        }
        const chunks: Buffer[] = [];
        entry.on('data', (chunk: Buffer) => chunks.push(chunk));
        entry.on('end', () => {
          member.bytes = Buffer.concat(chunks);
        });
      } else entry.resume();
    },
  });
  parser.on('warn', (code: string, message: string | Error) => warnings.push(`${code}: ${message instanceof Error ? message.message : message}`));
  parser.end(tarBytes(path));
  if (members.size === 0) {
    throw new ArchiveError(`${path}: not a tar archive${warnings.length ? ` (${warnings[0]})` : ''}`);
  }
  return members;
}

/** The archive's tar bytes: as they are for .tar/.tar.gz (npm tar reads gzip), through xz / bzip2 otherwise. */
function tarBytes(path: string): Buffer {
  const data = readFileSync(path);
  const xz = data.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]));
  const bz2 = data.subarray(0, 3).toString('latin1') === 'BZh';
  if (!xz && !bz2) return data;
  const tool = xz ? 'xz' : 'bzip2';
  const run = spawnSync(tool, ['-dc'], { input: data, maxBuffer: 4 * 1024 * 1024 * 1024 });
  if (run.error) {
    const missing = (run.error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new ArchiveError(`${path}: ${missing ? `reading a .tar.${xz ? 'xz' : 'bz2'} needs the \`${tool}\` program (Debian: apt-get install ${xz ? 'xz-utils' : 'bzip2'})` : run.error.message}`);
  }
  if (run.status !== 0) throw new ArchiveError(`${path}: ${tool} -d failed: ${run.stderr.toString().trim().split('\n')[0] ?? ''}`);
  return run.stdout;
}
