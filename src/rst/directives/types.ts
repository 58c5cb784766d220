// Directives, as docutils declares them: how many arguments, which options
// (each with a converter), whether there is content, and a `run` that returns
// nodes. The block parser parses the directive block (arguments, options,
// content) and calls `run`; a `DirectiveError` thrown from `run` becomes a
// system message with the directive's block text, as in docutils.

import type { Document } from '../document.js';
import type { Position, RstElement, RstNode } from '../nodes.js';
import type { SourceLine } from '../source-lines.js';
import type { Level } from '../reporter.js';

/** Converts an option's raw value (undefined for a flag) or throws an Error with the reason. */
export type OptionConverter = (value: string | undefined) => unknown;

export interface DirectiveDefinition {
  requiredArguments?: number;
  optionalArguments?: number;
  /** Whether the final argument may contain whitespace. */
  finalArgumentWhitespace?: boolean;
  optionSpec?: Record<string, OptionConverter>;
  hasContent?: boolean;
  run(call: DirectiveCall): RstNode[];
}

/** What the block parser offers a directive while it runs (docutils' state + state_machine). */
export interface ParserState {
  document: Document;
  /** Parse `lines` as body elements into `into` (docutils' nested_parse). */
  nestedParse(lines: readonly SourceLine[], into: RstElement, options?: { matchTitles?: boolean }): void;
  /** Parse inline markup of `text` (must equal `lines` joined with `\n`). */
  parseInline(text: string, lines: readonly SourceLine[], parent: RstElement): { nodes: RstNode[]; messages: RstElement[] };
  /** Insert lines to be parsed right after the directive (used by `include`). */
  insertInput(lines: readonly SourceLine[], source: string): void;
  /** Current section nesting (title styles seen so far, current level), for `title`-like needs. */
  readonly sectionLevel: number;
  /** The element the directive's nodes will be appended to. */
  readonly parent: RstElement;
}

export interface DirectiveCall {
  name: string;
  arguments: string[];
  options: Record<string, unknown>;
  content: readonly SourceLine[];
  /** 1-based source line of the directive's first line. */
  line: number;
  /** The file the directive was read from (an included file for included text); absent when the caller does not know. */
  source?: string;
  /** The directive's whole text as written (for error messages). */
  blockText: string;
  position: Position;
  state: ParserState;
  /** Create an error to throw: the parser turns it into a system message with the block text. */
  error(level: Level, message: string): DirectiveError;
}

export class DirectiveError extends Error {
  constructor(
    readonly level: Level,
    message: string,
  ) {
    super(message);
    this.name = 'DirectiveError';
  }
}
