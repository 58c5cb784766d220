// Problems of one parsed capture as `file:line:col: level: message` diagnostics,
// with lines counted in the file (the `$ command` line included): its lines not
// understood, then its notes (empty, cut short, control characters, failed, mislabelled).
import type { Diagnostic } from '../diagnostics.js';
import type { ParsedCapture } from './registry.js';

export function captureDiagnostics(file: string, capture: ParsedCapture): Diagnostic[] {
  return [...lineDiagnostics(file, capture), ...noteDiagnostics(file, capture)];
}

function lineDiagnostics(file: string, capture: ParsedCapture): Diagnostic[] {
  const source = `captures/${capture.parser}`;
  if (capture.parser === 'none' && capture.unparsed.length > 0) {
    // one message for a capture nobody can read, not one per line
    const first = capture.unparsed[0]!;
    return [{ file, line: capture.lineOffset + first.line, column: 1, severity: 'warning', message: `${first.reason} (${capture.unparsed.length} lines not read)`, source }];
  }
  return capture.unparsed.map((u) => ({
    file,
    line: capture.lineOffset + u.line,
    column: 1,
    severity: 'warning' as const,
    message: `${u.reason}: ${JSON.stringify(u.text.trim().slice(0, 120))}`,
    source,
  }));
}

/** The capture's notes (empty, cut short, control characters, failed, mislabelled); line 0 is the command line. */
function noteDiagnostics(file: string, capture: ParsedCapture): Diagnostic[] {
  return (capture.notes ?? []).map((note) => ({
    file,
    line: note.line === 0 ? Math.max(1, capture.lineOffset) : capture.lineOffset + note.line,
    column: 1,
    severity: 'warning' as const,
    message: `${note.kind}: ${note.message}`,
    source: `captures/${capture.parser}`,
  }));
}
