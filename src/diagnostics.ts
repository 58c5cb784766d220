// The ground floor: how every stage reports a problem to a person,
// `file:line:col: level: message` (the form compilers and linters use, so
// editors can jump to the line), and the one converter from the messages the
// stages make (rst's reporter, unified's vfile) into that form. Every stage may
// import this file; it imports no stage.

import type { VFileMessage } from 'vfile-message';

export type Severity = 'debug' | 'info' | 'warning' | 'error' | 'severe';

export interface Diagnostic {
  file: string;
  line?: number;
  column?: number;
  severity: Severity;
  message: string;
  /** Which stage or rule produced it (`rst`, `captures/ip-link`, …). */
  source?: string;
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = [d.file, d.line ?? 1, d.column ?? 1].join(':');
  return `${where}: ${d.severity}: ${d.message}`;
}

/** docutils' levels, in order: a reporter's level 0–4 is an index into this. */
export const SEVERITIES: readonly Severity[] = ['debug', 'info', 'warning', 'error', 'severe'];

const RANK: Record<Severity, number> = { debug: 0, info: 1, warning: 2, error: 3, severe: 4 };

/** True when a diagnostic should fail the run: errors always, warnings under --strict. */
export function isFailure(d: Diagnostic, strict: boolean): boolean {
  return RANK[d.severity] >= (strict ? RANK.warning : RANK.error);
}

/** True when `d` is at least as grave as `level` (docutils' halt level, `--strict`'s warning). */
export function atLeast(d: Diagnostic, level: Severity): boolean {
  return RANK[d.severity] >= RANK[level];
}

/** A message as rst's Reporter keeps it: docutils' numeric level 0–4 and the file it belongs to. */
export interface LeveledMessage {
  level: number;
  message: string;
  source: string;
  line?: number;
  column?: number;
}

/** A unified/vfile message (vfile-message's VFileMessage), as far as a diagnostic needs it. */
export type VFileMessageLike = Partial<Pick<VFileMessage, 'line' | 'column' | 'fatal' | 'source'>> & Pick<VFileMessage, 'reason'>;

/**
 * The one converter: a leveled (rst) message or a vfile message becomes a
 * diagnostic. `file` names a vfile message's file (rst messages know theirs,
 * which may be an included file); messages span one line.
 */
export function toDiagnostic(message: LeveledMessage | VFileMessageLike, file = '<stdin>', source?: string): Diagnostic {
  if ('level' in message) {
    return {
      file: message.source,
      ...(message.line !== undefined ? { line: message.line } : {}),
      ...(message.column !== undefined ? { column: message.column } : {}),
      severity: SEVERITIES[Math.max(0, Math.min(4, message.level))]!,
      message: message.message.replace(/\n/g, ' '),
      source: source ?? 'rst',
    };
  }
  const from = message.source ?? source;
  return {
    file,
    ...(message.line != null ? { line: message.line } : {}),
    ...(message.column != null ? { column: message.column } : {}),
    severity: message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info',
    message: message.reason.replace(/\n/g, ' '),
    ...(from ? { source: from } : {}),
  };
}
