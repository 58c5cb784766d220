// Problems of one parsed capture as `file:line:col: level: message` diagnostics,
// with lines counted in the file (the `$ command` line included).
import type { Diagnostic } from '../diagnostics.js';
import type { ParsedCapture } from './registry.js';

export function captureDiagnostics(file: string, capture: ParsedCapture): Diagnostic[] {
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
