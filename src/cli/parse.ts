// `netguide parse [--cmd "COMMAND"] FILE|-`: one capture as JSON, in the manner
// of jc (the records; `--raw` adds line roles and what was not understood).
// Every line number it prints (evidence, unparsed lines, diagnostics) counts
// the file's own lines, the `$ command` line included, as every other command
// and the pages do. The JSON is written record by record (json-out.ts), so a
// 100,000-flow dump is never one giant string. Problems go to stderr as
// `file:line:col: level: message`.
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { formatDiagnostic, type Diagnostic } from '../diagnostics.js';
import { writeJson } from './json-out.js';

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
    .option('--raw', 'print the whole result: parser, command, netns, records, unparsed and one role per line of the file')
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
  if (result.parser === 'none') {
    diagnostics.forEach((d) => (d.severity = 'error'));
    // no line to point at, so captureDiagnostics has nothing to say: say why here
    if (diagnostics.length === 0) diagnostics.push({ file: name, line: 1, column: 1, severity: 'error', message: emptyReason(text, options), source: 'captures' });
  } else if (result.lineRoles.every((role) => role === 'blank')) {
    diagnostics.push({ file: name, line: result.lineOffset + 1, column: 1, severity: 'info', message: `no output after the command (\`${result.command}\`): 0 records`, source: `captures/${result.parser}` });
  }
  for (const d of diagnostics) err(formatDiagnostic(d) + '\n');

  // one numbering everywhere: the file's lines, the `$ command` line included
  const offset = result.lineOffset;
  if (offset !== 0) {
    shiftEvidence(result.records, offset);
    for (const u of result.unparsed) u.line += offset;
  }
  if (options.raw) {
    const { lineOffset: _, lineRoles, ...rest } = result;
    void _;
    writeJson({ ...rest, lineRoles: offset === 0 ? lineRoles : [...Array<typeof lineRoles[number]>(offset).fill('header'), ...lineRoles] }, out, options.pretty);
  } else writeJson(result.records, out, options.pretty);
  if (result.parser === 'none') return 1;
  return options.strict && result.unparsed.length > 0 ? 1 : 0;
}

/** Why nothing could be parsed when there was not even a line to report. */
function emptyReason(text: string, options: ParseOptions): string {
  if (text.length === 0) return 'the file is empty: no `$ command` line and no output to parse';
  if (text.trim() === '') return 'the file holds only blank lines: no `$ command` line and no output to parse';
  if (options.parser !== undefined) return `no parser named ${options.parser} (see --list-parsers)`;
  return 'no command given and no output to parse (pass --cmd or start the capture with a `$ command` line)';
}

/**
 * Adds `offset` to every `evidence: { line, endLine }` inside the records
 * (nested ones too: a bridge's interfaces, an interface's addresses), each
 * evidence object once even when several facts share it.
 */
function shiftEvidence(records: unknown[], offset: number): void {
  const seen = new Set<object>();
  const stack: unknown[] = [...records];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) if (typeof item === 'object' && item !== null) stack.push(item);
      continue;
    }
    for (const key in value) {
      const item = (value as Record<string, unknown>)[key];
      if (typeof item !== 'object' || item === null) continue;
      if (key === 'evidence' && !Array.isArray(item)) {
        const evidence = item as { line?: unknown; endLine?: unknown };
        if (seen.has(evidence)) continue;
        seen.add(evidence);
        if (typeof evidence.line === 'number') evidence.line += offset;
        if (typeof evidence.endLine === 'number') evidence.endLine += offset;
        continue;
      }
      stack.push(item);
    }
  }
}
