// How every stage reports a problem to a person: `file:line:col: level: message`,
// the form compilers and linters use, so editors can jump to the line.

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

const RANK: Record<Severity, number> = { debug: 0, info: 1, warning: 2, error: 3, severe: 4 };

/** True when a diagnostic should fail the run: errors always, warnings under --strict. */
export function isFailure(d: Diagnostic, strict: boolean): boolean {
  return RANK[d.severity] >= (strict ? RANK.warning : RANK.error);
}
