// Writes the bench's large captures into a folder, each with its `$ command`
// first line, and beside each the same facts in the format its yardstick reads
// when that differs (jc 1.22 has no `ip link` or iptables-save parser):
//
//   dump-flows.txt      ovs-ofctl dump-flows br-tun, N flows      (OVS's Python flow parser reads it too)
//   ip-link.txt         ip link, N interfaces of one compute node
//   ifconfig.txt        ifconfig -a of the same interfaces        (jc --ifconfig)
//   iptables-save.txt   iptables-save, N security-group rules
//   iptables-list.txt   iptables -L -n -v of the same rules       (jc --iptables; netguide parses it too)
//   ps-ef.txt           ps -ef, N processes                       (jc --ps)
//
// Usage: node dist/scripts/generate-captures.js OUTDIR [--flows N] [--links N] [--rules N] [--ps N]
// (defaults: the bench's sizes, 100,000 / 10,000 / 10,000 / 100,000).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { outdirAndNumbers } from './script-args.js';
import { generateFlowDump } from '../src/captures/bench/flows.js';
import { computeNodeInterfaces, renderIfconfig, renderIpLink } from '../src/captures/bench/interfaces.js';
import { renderIptablesList, renderIptablesSave, tableWithRules } from '../src/captures/bench/iptables.js';
import { generatePsEf } from '../src/captures/bench/ps.js';

export interface CaptureSizes {
  flows: number;
  links: number;
  rules: number;
  ps: number;
}

export const BENCH_SIZES: CaptureSizes = { flows: 100_000, links: 10_000, rules: 10_000, ps: 100_000 };

export interface GeneratedCapture {
  /** File name in the folder. */
  file: string;
  /** What it holds, for the bench's table. */
  what: string;
  /** Without the `$ command` line, for tools that read bare output (jc, OVS). */
  bare: string;
}

/** Writes the captures; returns the file names (with and without the command line) by kind. */
export function generateCaptures(dir: string, sizes: CaptureSizes = BENCH_SIZES): Record<string, GeneratedCapture> {
  mkdirSync(dir, { recursive: true });
  const written: Record<string, GeneratedCapture> = {};
  const write = (kind: string, file: string, command: string, text: string, what: string) => {
    writeFileSync(join(dir, file), `$ ${command}\n${text}`);
    const bare = file.replace(/\.txt$/, '.out');
    writeFileSync(join(dir, bare), text);
    written[kind] = { file, what, bare };
  };
  write('flows', 'dump-flows.txt', 'ovs-ofctl dump-flows br-tun', generateFlowDump(sizes.flows), `${sizes.flows.toLocaleString('en')} flows`);
  const ifaces = computeNodeInterfaces(sizes.links);
  write('ip-link', 'ip-link.txt', 'ip link', renderIpLink(ifaces), `${sizes.links.toLocaleString('en')} interfaces`);
  write('ifconfig', 'ifconfig.txt', 'ifconfig -a', renderIfconfig(ifaces), `${sizes.links.toLocaleString('en')} interfaces`);
  const table = tableWithRules(sizes.rules);
  write('iptables-save', 'iptables-save.txt', 'iptables-save', renderIptablesSave(table), `${table.rules.length.toLocaleString('en')} rules`);
  write('iptables-list', 'iptables-list.txt', 'iptables -L -n -v', renderIptablesList(table), `${table.rules.length.toLocaleString('en')} rules`);
  write('ps', 'ps-ef.txt', 'ps -ef', generatePsEf(sizes.ps), `${sizes.ps.toLocaleString('en')} processes`);
  return written;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { dir, numbers: sizes } = outdirAndNumbers(process.argv.slice(2), BENCH_SIZES);
  if (!dir) {
    console.error('usage: node dist/scripts/generate-captures.js OUTDIR [--flows N] [--links N] [--rules N] [--ps N]');
    process.exit(2);
  }
  for (const [kind, c] of Object.entries(generateCaptures(dir, sizes))) console.log(`${kind}: ${join(dir, c.file)} (${c.what})`);
}
