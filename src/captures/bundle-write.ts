// A bundle's host as the files of a capture folder: `<host>/<NN>-<slug>.txt`
// (line 1 `$ <command>`, as scripts/capture.sh and the capture lab write them)
// and a per-host `<host>/manifest.json` saying where they came from. What
// `netguide import` files under a guide's captures; a sosreport's
// `sos_commands/…` outputs get their command line and a number here. Pure:
// the caller writes the files.
import type { Bundle, BundleHost } from './bundle.js';

export interface HostFiles {
  /** The folder name: the host name with anything but letters, digits, `.`, `_` and `-` made a `-`. */
  dir: string;
  files: { name: string; text: string }[];
  manifest: Record<string, unknown>;
}

/** The folder name for a host (never empty, never `.`/`..`, no separators). */
export function hostFolderName(host: string): string {
  const name = host.replace(/[^A-Za-z0-9._-]/g, '-').replace(/^[.-]+/, '').slice(0, 64);
  return name === '' ? 'host' : name;
}

/** The lab's slug of a command: namespace UUIDs shortened, other runs of characters a dash, lower case, 60 at most. */
export function commandSlug(command: string): string {
  return command
    .replace(/(qdhcp|qrouter|snat|fip|qlbaas|ovnmeta)-[0-9a-f-]{36}/g, '$1')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .toLowerCase()
    .slice(0, 60)
    .replace(/-+$/, '');
}

/** The files of one host of a bundle read with `keepText`. */
export function hostFiles(bundle: Bundle, host: BundleHost, source: string): HostFiles {
  const dir = hostFolderName(host.name);
  const files: HostFiles['files'] = [];
  const commands: Record<string, unknown>[] = [];
  host.captures.forEach((c, i) => {
    const seq = i + 1;
    const text = c.text ?? '';
    // a capture-lab file already starts with its `$ command` line; a sosreport file is output only
    const withCommand = c.lineOffset >= 1 ? text : `$ ${c.command}\n${text}`;
    const original = c.file.split(/[\\/]/).pop() ?? '';
    const name = c.lineOffset >= 1 && /^\d+-.+\.txt$/.test(original) ? original : `${String(seq).padStart(2, '0')}-${commandSlug(c.command) || 'capture'}.txt`;
    files.push({ name, text: withCommand });
    commands.push({
      seq: c.seq ?? seq,
      host: host.name,
      command: c.command,
      file: `${dir}/${name}`,
      ...(c.exitStatus !== undefined ? { exit_status: c.exitStatus } : {}),
      ...(c.extra !== undefined ? { extra: c.extra } : {}),
      ...(c.lineOffset >= 1 ? {} : { source_file: c.file }),
    });
  });
  const from = host.manifest ?? bundle.manifest ?? {};
  const kept = ['format', 'generator', 'variant', 'generated_at', 'capture_mode', 'execution', 'tool_versions', 'iptables_backend', 'tunnel_underlay', 'lab_artifacts', 'skipped'];
  const manifest: Record<string, unknown> = {
    format: 'netguide-captures/1',
    host: host.name,
    imported_from: source,
    source_layout: bundle.layout,
    ...(Object.keys(from).length ? { source_manifest: Object.fromEntries(kept.filter((k) => from[k] !== undefined).map((k) => [k, from[k]])) } : {}),
    commands,
  };
  return { dir, files, manifest };
}
