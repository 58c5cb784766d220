// Finds a command's capture in a guide's captures folder, for the rst
// stage's `.. capture::` directive (the pipeline hands this to the parser as
// its resolver): `<guide>/captures/<host>/NN-slug.txt`, whose first line is
// `$ command` (the layout capture.sh, the capture lab and `netguide import`
// write). Commands are compared as words (runs of blanks are one); a command
// captured on several hosts needs `:host:`, else the first host by name is
// taken and the choice said. A namespace may be named by its role, as a guide
// names it across deployments: `ip netns exec qrouter iptables -t nat -S` (or
// `qrouter-*`) takes the capture run in the host's `qrouter-<uuid>`.

import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readTextFile } from '../text-file.js';
import { commandFromFirstLine } from './registry.js';

export interface CaptureFileEntry {
  host: string;
  file: string;
  command: string;
}

export type LookupAnswer =
  | { found: true; file: string; host: string; command: string; output: string; firstLine: number; note?: string }
  | { found: false; reason: string; placeholder: string };

/** The words a page shows where a capture is missing, in its language: `{command}`, `{host}` and `{folder}` filled in. */
export type MissingWords = (values: { command: string; host: string; folder: string }) => string;

const CAPTURE_FILE = /^\d+-.+\.txt$/;
const words = (command: string) => command.trim().split(/\s+/).join(' ');

/** Every capture file of a captures folder (`<host>/NN-slug.txt`), sorted by host then file name. */
export function captureFiles(folder: string): CaptureFileEntry[] {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) return [];
  const entries: CaptureFileEntry[] = [];
  for (const host of readdirSync(folder, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    for (const name of readdirSync(join(folder, host)).filter((n) => CAPTURE_FILE.test(n)).sort()) {
      const file = join(folder, host, name);
      const first = readTextFile(file).text.split(/\r\n?|\n/, 1)[0] ?? '';
      const command = /^\s*\$\s/.test(first) ? commandFromFirstLine(first) : undefined;
      if (command !== undefined) entries.push({ host, file, command: words(command) });
    }
  }
  return entries;
}

/** `ip netns exec qrouter CMD` (or `qrouter-*`) names the command run in `qrouter-<anything>`. */
function sameInRole(asked: string, captured: string): boolean {
  const a = /^ip netns exec (\S+) (.+)$/.exec(asked);
  const c = /^ip netns exec (\S+) (.+)$/.exec(captured);
  if (!a || !c || a[2] !== c[2]) return false;
  const role = a[1]!.replace(/-?\*$/, '');
  return role !== '' && c[1]!.startsWith(role + '-');
}

/** A lookup of commands in `folder` (read once, when first asked). */
export function captureLookup(folder: string, missingWords: MissingWords): (request: { command: string; host?: string }) => LookupAnswer {
  let files: CaptureFileEntry[] | undefined;
  return (request) => {
    files ??= captureFiles(folder);
    const command = words(request.command);
    const shown = relative(process.cwd(), folder) || '.';
    const exact = files.filter((f) => f.command === command);
    const same = exact.length > 0 ? exact : files.filter((f) => sameInRole(command, f.command));
    const here = request.host ? same.filter((f) => f.host === request.host) : same;
    if (here.length === 0) {
      const hosts = [...new Set(files.map((f) => f.host))];
      const reason = files.length === 0
        ? `no capture of "${command}": there are no captures in ${shown} (<host>/NN-command.txt files whose first line is "$ command"; netguide import puts them there)`
        : same.length > 0
          ? `no capture of "${command}" on host "${request.host}" in ${shown}; it was captured on ${[...new Set(same.map((f) => f.host))].join(', ')}`
          : `no capture of "${command}"${request.host ? ` on host "${request.host}"` : ''} in ${shown} (hosts: ${hosts.join(', ')})`;
      return { found: false, reason, placeholder: missingWords({ command, host: request.host ?? '', folder: shown }) };
    }
    const chosen = here[0]!;
    const text = readTextFile(chosen.file).text.replace(/\r\n?/g, '\n');
    const output = text.slice(text.indexOf('\n') + 1 || text.length);
    const hosts = [...new Set(here.map((f) => f.host))];
    const note = hosts.length > 1
      ? `"${command}" was captured on ${hosts.join(', ')}: showing ${chosen.host}'s (say which with :host:)`
      : here.length > 1 ? `"${command}" was captured ${here.length} times on ${chosen.host}: showing ${relative(process.cwd(), chosen.file)}` : undefined;
    return { found: true, file: chosen.file, host: chosen.host, command: chosen.command, output, firstLine: 2, ...(note ? { note } : {}) };
  };
}
