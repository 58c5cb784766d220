// `netguide parse [--cmd "COMMAND"] FILE|-`: one capture as JSON, in the manner
// of jc (the records; `--raw` adds line roles and what was not understood).
// Problems go to stderr as `file:line:col: level: message`.
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { formatDiagnostic, type Diagnostic } from '../diagnostics.js';

interface ParseOptions {
  cmd?: string;
  parser?: string;
  pretty?: boolean;
  raw?: boolean;
  strict?: boolean;
  listParsers?: boolean;
}

export function register(program: Command): void {
  program
    .command('parse')
    .description('parse one captured command output into JSON (records, like jc)')
    .argument('[file]', 'capture file, or - for standard input; a first line `$ command` names the command')
    .option('--cmd <command>', 'the command that produced the output (instead of a `$ command` first line)')
    .option('--parser <name>', 'use this parser whatever the command')
    .option('--pretty', 'indent the JSON')
    .option('--raw', 'print the whole result: parser, command, netns, records, unparsed and one role per line')
    .option('--strict', 'exit non-zero when any line is not understood')
    .option('--list-parsers', 'print the parser names and exit')
    .action(async (file: string | undefined, options: ParseOptions) => {
      process.exitCode = await runParse(file, options, (s) => process.stdout.write(s), (s) => process.stderr.write(s));
    });
}

/** The command's work, with its outputs passed in so tests can run it without a process. */
export async function runParse(file: string | undefined, options: ParseOptions, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  // The parsers are imported when the command runs (`netguide --help` does not load them).
  const { parseCapture, parsers } = await import('../captures/registry.js');
  const { captureDiagnostics } = await import('../captures/capture-diagnostics.js');
  if (options.listParsers) {
    out(parsers.map((p) => p.name).join('\n') + '\n');
    return 0;
  }
  if (file === undefined) {
    err('netguide parse: missing FILE (or - for standard input)\n');
    return 2;
  }
  const name = file === '-' ? '<stdin>' : file;
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    err(formatDiagnostic({ file: name, severity: 'error', message: `cannot read: ${(error as Error).message}` }) + '\n');
    return 2;
  }
  const request: { command?: string; parser?: string } = {};
  if (options.cmd !== undefined) request.command = options.cmd;
  if (options.parser !== undefined) request.parser = options.parser;
  const result = parseCapture(text, request);
  const diagnostics: Diagnostic[] = captureDiagnostics(name, result);
  if (result.parser === 'none') diagnostics.forEach((d) => (d.severity = 'error'));
  for (const d of diagnostics) err(formatDiagnostic(d) + '\n');
  const json = options.raw ? result : result.records;
  out(JSON.stringify(json, null, options.pretty ? 2 : undefined) + '\n');
  if (result.parser === 'none') return 1;
  return options.strict && result.unparsed.length > 0 ? 1 : 0;
}
