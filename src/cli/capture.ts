// `netguide capture`: prints scripts/capture.sh, the POSIX sh script that
// collects a node's captures, so it can be piped to a node:
//   netguide capture | ssh root@node sh -s -- /tmp/netguide-capture
// The script ships with the package and is read from its root at run time.

import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** scripts/capture.sh in the package root (this module runs as dist/src/cli/capture.js). */
export function captureScriptPath(): string {
  return fileURLToPath(new URL('../../../scripts/capture.sh', import.meta.url));
}

export function register(program: Command): void {
  program
    .command('capture')
    .description("print the shell script that captures a node's outputs (pipe it to the node)")
    .option('--path', 'print where the script is instead of the script')
    .addHelpText('after', `
The script is POSIX sh, read-only, and runs only tools already on the node
(ovs-vsctl, ovs-ofctl, ip, iptables-save, ss, ps, virsh -r, ethtool, brctl),
each under a time limit. It writes OUTDIR/manifest.json, OUTDIR/<host>/NN-*.txt
and OUTDIR/<host>.tar.gz, and nothing else.

Examples:
  netguide capture | ssh root@node1 sh -s -- /tmp/netguide-capture
  scp root@node1:/tmp/netguide-capture/node1.tar.gz . && netguide import node1.tar.gz --guide mycloud
  ansible-playbook -i hosts.ini "$(dirname "$(netguide capture --path)")/collect.yml"`)
    .action(async (options: { path?: boolean }) => {
      process.exitCode = await runCapture(options, (s) => process.stdout.write(s), (s) => process.stderr.write(s));
    });
}

export async function runCapture(options: { path?: boolean }, out: (s: string) => void, err: (s: string) => void, tty = process.stdout.isTTY === true): Promise<number> {
  const path = captureScriptPath();
  let script: string;
  try {
    script = readFileSync(path, 'utf8');
  } catch (error) {
    err(`netguide capture: cannot read ${path}: ${(error as Error).message}\n`);
    return 1;
  }
  if (options.path) {
    out(path + '\n');
    return 0;
  }
  if (tty) {
    const [{ say }, { msg }] = await Promise.all([import('../i18n/messages.js'), import('../message.js')]);
    err(say(msg('capture:printed-to-terminal'), process.env['LANG']?.startsWith('zh') ? 'zh' : 'en') + '\n');
  }
  out(script);
  return 0;
}
