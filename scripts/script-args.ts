// The generators' command lines (`OUTDIR [--name N]…`), read with Node's util.parseArgs.

import { parseArgs } from 'node:util';

/** The first positional argument and each `--name N` as a number (its default when absent). */
export function outdirAndNumbers<K extends string>(argv: string[], defaults: Record<K, number>): { dir: string | undefined; numbers: Record<K, number> } {
  const names = Object.keys(defaults) as K[];
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    options: Object.fromEntries(names.map((n) => [n, { type: 'string' as const }])),
  });
  const numbers = Object.fromEntries(names.map((n) => [n, typeof values[n] === 'string' ? Number(values[n]) : defaults[n]])) as Record<K, number>;
  return { dir: positionals[0], numbers };
}
