// System messages, as docutils' Reporter makes them: a `system_message` node
// (level, type, source, line) that goes into the tree where the problem is,
// plus a diagnostic for the person running the build (file:line:col).

import { element, text, type RstElement, type RstNode } from './nodes.js';
import { lineStartOffsets } from './parser/lines.js';

export const LEVELS = ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'SEVERE'] as const;
export type LevelName = (typeof LEVELS)[number];
export enum Level {
  DEBUG = 0,
  INFO = 1,
  WARNING = 2,
  ERROR = 3,
  SEVERE = 4,
}

export interface MessageOptions {
  /** Source of the problem (defaults to the document's source). */
  source?: string;
  line?: number;
  column?: number;
  /** Extra children after the message paragraph (usually a literal_block of the offending text). */
  children?: RstNode[];
  /** Other attributes (`backrefs`, …). */
  attributes?: Record<string, string | string[]>;
}

export interface ReportedMessage {
  level: Level;
  message: string;
  source: string;
  line?: number;
  column?: number;
  node: RstElement;
}

export class Reporter {
  /** Every message made, in order, whether or not it ends up in the tree. */
  readonly messages: ReportedMessage[] = [];
  /** Where each line starts in the texts read (the document, included files): a message's offset from its line. */
  private readonly lineStarts = new Map<string, number[]>();

  constructor(private readonly defaultSource: string) {}

  /** The texts read, by source name (the document's, each included file's). */
  readonly texts = new Map<string, string>();

  /** Remember `text` as the content of `source`, so messages about its lines get exact offsets. */
  knowSource(source: string, text: string): void {
    this.texts.set(source, text);
    const starts = lineStartOffsets(text);
    starts.push(text.length + 1); // the end, one past the last line's end
    this.lineStarts.set(source, starts);
  }

  /**
   * The point of `line`:`column` in `source`, clamped to the text: docutils
   * reports some problems at the line after the last ("Literal block
   * expected" after a final `::`), which the point puts at the text's end.
   */
  private pointOf(source: string, line: number, column: number): { line: number; column: number; offset: number } {
    const starts = this.lineStarts.get(source);
    if (!starts) return { line, column, offset: 0 };
    const lines = starts.length - 1;
    if (line > lines) {
      const last = starts[lines - 1]!;
      const end = starts[lines]! - 1;
      return { line: lines, column: end - last + 1, offset: end };
    }
    const index = Math.max(0, line - 1);
    const lineEnd = Math.max(starts[index]!, starts[index + 1]! - 1);
    const offset = Math.min(starts[index]! + Math.max(0, column - 1), lineEnd);
    return { line: index + 1, column: offset - starts[index]! + 1, offset };
  }

  systemMessage(level: Level, message: string, options: MessageOptions = {}): RstElement {
    const source = options.source ?? this.defaultSource;
    const attributes: Record<string, string | number | string[]> = {
      level,
      type: LEVELS[level]!,
      source,
      ...options.attributes,
    };
    if (options.line !== undefined) attributes.line = options.line;
    const node = element('system_message', attributes, [
      element('paragraph', {}, [text(message)]),
      ...(options.children ?? []),
    ]);
    if (options.line !== undefined) {
      const point = this.pointOf(source, options.line, options.column ?? 1);
      node.position = { start: point, end: { ...point } };
      // a message about an included file is positioned in that file, as the included nodes are
      if (source !== this.defaultSource) node.data = { source };
    }
    this.messages.push({ level, message, source, line: options.line, column: options.column, node });
    return node;
  }

  debug(message: string, options?: MessageOptions) { return this.systemMessage(Level.DEBUG, message, options); }
  info(message: string, options?: MessageOptions) { return this.systemMessage(Level.INFO, message, options); }
  warning(message: string, options?: MessageOptions) { return this.systemMessage(Level.WARNING, message, options); }
  error(message: string, options?: MessageOptions) { return this.systemMessage(Level.ERROR, message, options); }
  severe(message: string, options?: MessageOptions) { return this.systemMessage(Level.SEVERE, message, options); }
}
