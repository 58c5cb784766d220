#!/usr/bin/env -S node --max-semi-space-size=4
// The `netguide` command's entry. The young generation is capped at 4 MB a
// semi-space (V8 grows it to 16): what a command keeps ends up in the old
// generation anyway, and the peak memory of `parse` of 100,000 flows went from
// 167 MB to 144 MB at no cost in time (the flag only works on node's command
// line, hence the shebang). It runs the CLI bundled into a few files
// (dist/bundle/, written by scripts/bundle-cli.mjs after each compile) when that
// bundle is at least as new as this file, else the modules tsc wrote: loading
// ~100 ES modules one by one was most of a short command's time (`parse` of a
// 2 MB capture: 0.79 s CPU unbundled, 0.54 s bundled). A bundle older than this
// file is stale (tsc ran since) and is never used.
import { statSync } from 'node:fs';

const bundle = new URL('../bundle/program.mjs', import.meta.url);

function fresh(): boolean {
  if (process.env.NETGUIDE_NO_BUNDLE) return false;
  try {
    return statSync(bundle).mtimeMs >= statSync(new URL(import.meta.url)).mtimeMs;
  } catch {
    return false;
  }
}

await import(fresh() ? bundle.href : './cli/program.js');
