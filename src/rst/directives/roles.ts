// The `role` and `default-role` directives (docutils' misc.Role / DefaultRole):
//
//     .. role:: custom(emphasis)      <- new name, optional base role
//        :class: special              <- options of the base role
//
//     .. default-role:: subscript     <- role of `text` without a name
//
// Both act on the document they appear in (see roles/registry.ts).

import { element, text, type RstElement, type RstNode } from '../nodes.js';
import { Level } from '../reporter.js';
import type { SourceLine } from '../source-lines.js';
import { lookupRole, registerRole, setDefaultRole } from '../roles/registry.js';
import { genericCustomRole } from '../roles/standard.js';
import type { RoleDefinition } from '../roles/types.js';
import { classOption, describeOptionError, pySplit } from './options.js';
import type { DirectiveCall, DirectiveDefinition } from './types.js';

const SIMPLE_NAME = '(?:(?!_)[\\p{L}\\p{N}_])+(?:[-._+:](?:(?!_)[\\p{L}\\p{N}_])+)*';
const ROLE_ARGUMENTS = new RegExp(`^(${SIMPLE_NAME})\\s*(\\(\\s*(${SIMPLE_NAME})\\s*\\)\\s*)?$`, 'u');

/** An error system message that quotes the directive, after any earlier messages. */
function failure(call: DirectiveCall, message: string, earlier: RstNode[] = []): RstNode[] {
  const quoted = element('literal_block', { 'xml:space': 'preserve' }, [text(call.blockText)], call.position);
  const error = call.state.document.reporter.error(message, { line: call.line, children: [quoted] });
  error.position = call.position;
  return [...earlier, error];
}

class OptionBlockError extends Error {}

/**
 * The option lines of a `role` directive (after its first line), as docutils
 * reads a directive's field list of options:
 *
 *     :class: special
 *     :format: latex
 *        html                  <- continuation of the value
 */
function parseOptionLines(
  lines: readonly SourceLine[],
  spec: Record<string, (value: string | undefined) => unknown>,
): { options: Record<string, unknown>; content: SourceLine[] } {
  let i = 0;
  while (i < lines.length && lines[i]!.text.trim() === '') i++;
  const options: Record<string, unknown> = {};
  const fieldMarker = /^:((?:[^:\\]|\\.|:(?!\s))+):(?:\s+(.*)|$)/s;
  while (i < lines.length && lines[i]!.text.trim() !== '') {
    const match = fieldMarker.exec(lines[i]!.text);
    if (!match) {
      if (lines[i]!.text.startsWith(':')) throw new OptionBlockError('invalid option block');
      // Not an option: the rest is content.
      break;
    }
    const valueLines = match[2] !== undefined && match[2].trim() !== '' ? [match[2]] : [];
    i++;
    while (i < lines.length && /^\s/.test(lines[i]!.text) && lines[i]!.text.trim() !== '') {
      valueLines.push(lines[i]!.text.trim());
      i++;
    }
    const rawName = match[1]!;
    if (pySplit(rawName).length !== 1) {
      throw new OptionBlockError('invalid option data: extension option field name may not contain multiple words');
    }
    const name = rawName.toLowerCase();
    const value = valueLines.length > 0 ? valueLines.join('\n').trim() : undefined;
    const convert = Object.prototype.hasOwnProperty.call(spec, name) ? spec[name] : undefined;
    if (!convert) throw new OptionBlockError(`unknown option: "${name}"`);
    if (Object.prototype.hasOwnProperty.call(options, name)) {
      throw new OptionBlockError(`invalid option data: duplicate option "${name}"`);
    }
    try {
      options[name] = convert(value);
    } catch (error) {
      throw new OptionBlockError(`invalid option value: ${describeOptionError(name, value, error)}`);
    }
  }
  while (i < lines.length && lines[i]!.text.trim() === '') i++;
  return { options, content: lines.slice(i) };
}

/** A role derived from `base` with preset options and content. */
function customRole(base: RoleDefinition, options: Record<string, unknown>, content: readonly SourceLine[]): RoleDefinition {
  return {
    optionSpec: base.optionSpec,
    options,
    content,
    run: (call) => base.run({ ...call, options: { ...(base.options ?? {}), ...options, ...call.options }, content }),
  };
}

const role: DirectiveDefinition = {
  hasContent: true,
  run(call) {
    const document = call.state.document;
    const first = call.content[0];
    if (!first || first.line !== call.line) {
      throw call.error(Level.ERROR, `"${call.name}" directive requires arguments on the first line.`);
    }
    const match = ROLE_ARGUMENTS.exec(first.text.trim());
    if (!match) {
      throw call.error(Level.ERROR, `"${call.name}" directive arguments not valid role names: "${first.text.trim()}".`);
    }
    const newName = match[1]!;
    const baseName = match[3];
    let messages: RstElement[] = [];
    let base = genericCustomRole;
    if (baseName) {
      const lookup = lookupRole(document, baseName, call.line);
      messages = lookup.messages;
      if (!lookup.role) return failure(call, `Unknown interpreted text role "${baseName}".`, messages);
      base = lookup.role;
    }
    const spec = { class: classOption, ...(base.optionSpec ?? {}) };
    let parsed: { options: Record<string, unknown>; content: SourceLine[] };
    try {
      parsed = parseOptionLines(call.content.slice(1), spec);
    } catch (error) {
      if (!(error instanceof OptionBlockError)) throw error;
      return failure(call, `Error in "${call.name}" directive:\n${error.message}.`, messages);
    }
    // No standard role takes content.
    if (parsed.content.length > 0) {
      return failure(call, `Error in "${call.name}" directive:\nno content permitted.`, messages);
    }
    if (!('class' in parsed.options)) {
      try {
        parsed.options.class = classOption(newName);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return failure(call, `Invalid argument for "${call.name}" directive:\n${reason}.`, messages);
      }
    }
    registerRole(document, newName, customRole(base, parsed.options, parsed.content));
    return messages;
  },
};

const defaultRole: DirectiveDefinition = {
  optionalArguments: 1,
  finalArgumentWhitespace: false,
  run(call) {
    const document = call.state.document;
    const name = call.arguments[0];
    if (name === undefined) {
      setDefaultRole(document, undefined);
      return [];
    }
    const lookup = lookupRole(document, name, call.line);
    if (!lookup.role) return failure(call, `Unknown interpreted text role "${name}".`, lookup.messages);
    setDefaultRole(document, lookup.role);
    return lookup.messages;
  },
};

export const directives: Record<string, DirectiveDefinition> = {
  role,
  'default-role': defaultRole,
};
