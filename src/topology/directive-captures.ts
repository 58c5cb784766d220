// A literal block the `.. capture::` directive made (src/rst/directives/capture.ts)
// is a capture whose command and host the directive already knows: its
// `data.capture` holds them with the whole output and the capture file's line
// it starts at, so the topology reads the whole capture even when the page
// shows a filtered view (`:grep:`, `:lines:`).

import type { RstElement } from '../rst/nodes.js';

export interface DirectiveCapture {
  command: string;
  host: string;
  /** The whole output (every line after `$ command`). */
  text: string;
  /** The capture file and the line of its first output line. */
  file: string;
  line: number;
  /** The block shows at the directive's line, its first line being `firstLine` of `file`. */
  shownAt?: { guideLine: number; firstLine: number };
}

/** The capture a `.. capture::` block shows, or undefined for any other literal block. */
export function directiveCapture(block: RstElement): DirectiveCapture | undefined {
  const capture = block.data?.capture as { command?: unknown; host?: unknown; output?: unknown; firstLine?: unknown } | undefined;
  const file = block.data?.source;
  if (!capture || typeof capture.command !== 'string' || typeof capture.host !== 'string' || typeof capture.output !== 'string' || typeof file !== 'string') return undefined;
  const line = typeof capture.firstLine === 'number' ? capture.firstLine : 1;
  const shownFrom = typeof block.data?.sourceLine === 'number' ? block.data.sourceLine : line;
  return {
    command: capture.command,
    host: capture.host,
    text: capture.output.replace(/\n$/, ''),
    file,
    line,
    ...(block.position ? { shownAt: { guideLine: block.position.start.line, firstLine: shownFrom } } : {}),
  };
}
