// Interpreted-text roles, as docutils' role functions: given the role name,
// the raw text (``:role:`text` ``), the text and options, return inline nodes
// and system messages. Custom roles (the `role` directive) are role functions
// with preset options; the document keeps the roles known to it.

import type { Document } from '../document.js';
import type { Position, RstElement, RstNode } from '../nodes.js';
import type { SourceLine } from '../source-lines.js';

export interface RoleCall {
  /** The role name as written (`code`, `emphasis`, `custom`). */
  name: string;
  /** The whole interpreted text as written, role included. */
  rawText: string;
  /** The text between the backquotes, backslash escapes still in (`\x00`-marked as docutils does, see inline/). */
  text: string;
  line: number;
  /** Where the whole interpreted text (role included) is. */
  position: Position;
  /** Where the text between the backquotes is, when known. */
  textPosition?: Position;
  /** Options from a `role` directive that derived this role (`class`, `language`, `format` …). */
  options: Record<string, unknown>;
  /** Content lines of the `role` directive, if any. */
  content: readonly SourceLine[];
  document: Document;
  /** The element the result will be inserted into. */
  parent: RstElement;
  /** Parse nested inline markup (some roles, e.g. `title`, do not; `raw` never does). */
  parseInline(text: string): { nodes: RstNode[]; messages: RstElement[] };
}

export interface RoleResult {
  nodes: RstNode[];
  messages: RstElement[];
}

export type RoleFunction = (call: RoleCall) => RoleResult;

/** A role plus the options a `role` directive gave it. */
export interface RoleDefinition {
  run: RoleFunction;
  options?: Record<string, unknown>;
  content?: readonly SourceLine[];
  /** Option converters accepted by the `role` directive when deriving from this role. */
  optionSpec?: Record<string, (value: string | undefined) => unknown>;
}
