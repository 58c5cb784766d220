// A DirectiveCall for exercising one directive through its contract
// (directives/types.ts) while the block parser is elsewhere: `nestedParse`
// makes one paragraph per group of non-blank lines (enough for directives that
// only hand their content on), `parseInline` is the real inline parser, and
// `insertInput` records what a directive asks to insert.

import { Document } from '../../src/rst/document.js';
import { parseInline } from '../../src/rst/inline/index.js';
import { element, type RstElement } from '../../src/rst/nodes.js';
import { DirectiveError, type DirectiveCall, type DirectiveDefinition, type ParserState } from '../../src/rst/directives/types.js';
import type { RstSettings } from '../../src/rst/settings.js';
import { toSourceLines, type SourceLine } from '../../src/rst/source-lines.js';

export interface CallSpec {
  name: string;
  arguments?: string[];
  /** Raw option values (undefined = written without value); converted with the definition's optionSpec. */
  options?: Record<string, string | undefined>;
  /** Content text; its lines are numbered from `contentLine`. */
  content?: string;
  contentLine?: number;
  line?: number;
  blockText?: string;
  parentType?: string;
  document?: Document;
  settings?: Partial<RstSettings>;
  source?: string;
}

export interface Harness {
  call: DirectiveCall;
  document: Document;
  parent: RstElement;
  inserted: Array<{ lines: readonly SourceLine[]; source: string }>;
}

export function makeCall(definition: DirectiveDefinition, spec: CallSpec): Harness {
  const document = spec.document ?? new Document({ sourceName: 'test data', ...spec.settings });
  const parent = spec.parentType === undefined || spec.parentType === 'document' ? document.root : element(spec.parentType);
  const inserted: Harness['inserted'] = [];
  const line = spec.line ?? 1;
  const source = spec.source ?? document.settings.sourceName;
  const content = spec.content === undefined ? [] : toSourceLines(spec.content, source).map((l) => ({ ...l, line: l.line + (spec.contentLine ?? line + 1) - 1, column: 4 }));
  const state: ParserState = {
    document,
    nestedParse(lines, into) {
      let group: SourceLine[] = [];
      const flush = () => {
        if (group.length === 0) return;
        const paragraph = element('paragraph');
        const { nodes, messages } = parseInline({ text: group.map((l) => l.text).join('\n'), lines: group, document, parent: paragraph });
        paragraph.children.push(...nodes);
        into.children.push(paragraph, ...messages);
        group = [];
      };
      for (const l of lines) {
        if (l.text.trim() === '') flush();
        else group.push(l);
      }
      flush();
    },
    parseInline(text, lines, parentNode) {
      return parseInline({ text, lines, document, parent: parentNode });
    },
    insertInput(lines, from) {
      inserted.push({ lines, source: from });
    },
    sectionLevel: 0,
    parent,
  };
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(spec.options ?? {})) {
    const convert = definition.optionSpec?.[key];
    if (!convert) throw new Error(`unknown option ${key}`);
    options[key] = convert(value);
  }
  const blockText = spec.blockText ?? `.. ${spec.name}::${spec.arguments?.length ? ' ' + spec.arguments.join(' ') : ''}`;
  const call: DirectiveCall & { source: string } = {
    name: spec.name,
    arguments: spec.arguments ?? [],
    options,
    content,
    line,
    blockText,
    position: { start: { line, column: 1, offset: 0 }, end: { line, column: blockText.length + 1, offset: blockText.length } },
    state,
    error: (level, message) => new DirectiveError(level, message),
    source,
  };
  return { call, document, parent, inserted };
}

/** Run and return the DirectiveError thrown (or fail). */
export function runError(definition: DirectiveDefinition, harness: Harness): DirectiveError {
  try {
    definition.run(harness.call);
  } catch (error) {
    if (error instanceof DirectiveError) return error;
    throw error;
  }
  throw new Error('expected a DirectiveError');
}
