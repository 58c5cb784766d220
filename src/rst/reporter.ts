// System messages, as docutils' Reporter makes them: a `system_message` node
// (level, type, source, line) that goes into the tree where the problem is,
// plus a diagnostic for the person running the build (file:line:col).

import { element, text, type RstElement, type RstNode } from './nodes.js';

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

  constructor(private readonly defaultSource: string) {}

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
      const column = options.column ?? 1;
      node.position = {
        start: { line: options.line, column, offset: -1 },
        end: { line: options.line, column, offset: -1 },
      };
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
