// The standard interpreted-text roles (docutils' roles.py semantics): roles
// that wrap the text in one element, `code`, `math`, `pep-reference`,
// `rfc-reference`, `raw`, the generic base of custom roles, and the roles
// reStructuredText names but does not implement. Hand-written: these are
// docutils' own rules.

import { element, text, type Attributes, type RstElement } from '../nodes.js';
import { classOption, unchanged } from '../directives/options.js';
import { problematic } from '../inline/problematic.js';
import { restoreBackslashes, unescape } from '../inline/escapes.js';
import type { RoleCall, RoleDefinition, RoleResult } from './types.js';

/** Role options as node attributes: `class` becomes `classes`. */
export function roleAttributes(options: Record<string, unknown>): Attributes {
  const attributes: Attributes = {};
  for (const key in options) {
    const value = options[key];
    if (value === undefined || value === null) continue;
    const name = key === 'class' ? 'classes' : key;
    if (Array.isArray(value)) attributes[name] = value.map(String);
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      attributes[name] = value;
    }
  }
  return attributes;
}

/** The result of a role that refuses its text: a problematic node and the message. */
export function refuse(call: RoleCall, message: RstElement): RoleResult {
  return {
    nodes: [problematic(call.document, call.parent, call.rawText, message, call.position)],
    messages: [message],
  };
}

function messageOptions(call: RoleCall) {
  return { line: call.line, column: call.position.start.column };
}

const CLASS_ONLY = { class: classOption };

/** A role that wraps its (unescaped) text in one element. */
function wrapping(type: string): RoleDefinition {
  return {
    optionSpec: CLASS_ONLY,
    run: (call) => ({
      nodes: [
        element(
          type,
          roleAttributes(call.options),
          [text(unescape(call.text), call.textPosition)],
          call.position,
        ),
      ],
      messages: [],
    }),
  };
}

/** Base of a custom role declared without a base role: an `inline` element. */
export const genericCustomRole: RoleDefinition = wrapping('inline');

const pepReference: RoleDefinition = {
  optionSpec: CLASS_ONLY,
  run(call) {
    const value = unescape(call.text).trim();
    const number = /^[+-]?[0-9]+(?:_[0-9]+)*$/.test(value) ? Number(value.replace(/_/g, '')) : Number.NaN;
    if (!Number.isInteger(number) || number < 0 || number > 9999) {
      return refuse(
        call,
        call.document.reporter.error(
          `PEP number must be a number from 0 to 9999; "${unescape(call.text)}" is invalid.`,
          messageOptions(call),
        ),
      );
    }
    const settings = call.document.settings;
    const refuri = `${settings.pepBaseUrl}pep-${String(number).padStart(4, '0')}`;
    return {
      nodes: [
        element('reference', { ...roleAttributes(call.options), refuri }, [text('PEP ' + unescape(call.text))], call.position),
      ],
      messages: [],
    };
  },
};

const rfcReference: RoleDefinition = {
  optionSpec: CLASS_ONLY,
  run(call) {
    const value = unescape(call.text);
    const hash = value.indexOf('#');
    const numberText = (hash === -1 ? value : value.slice(0, hash)).trim();
    const section = hash === -1 ? undefined : value.slice(hash + 1);
    const number = /^[+-]?[0-9]+(?:_[0-9]+)*$/.test(numberText) ? Number(numberText.replace(/_/g, '')) : Number.NaN;
    if (!Number.isInteger(number) || number < 1) {
      return refuse(
        call,
        call.document.reporter.error(
          `RFC number must be a number greater than or equal to 1; "${value}" is invalid.`,
          messageOptions(call),
        ),
      );
    }
    let refuri = `${call.document.settings.rfcBaseUrl}rfc${number}.html`;
    if (section !== undefined) refuri += '#' + section;
    return {
      nodes: [element('reference', { ...roleAttributes(call.options), refuri }, [text(`RFC ${number}`)], call.position)],
      messages: [],
    };
  },
};

const raw: RoleDefinition = {
  optionSpec: { ...CLASS_ONLY, format: unchanged },
  run(call) {
    if (!call.document.settings.rawEnabled) {
      return refuse(call, call.document.reporter.warning('raw (and derived) roles disabled', messageOptions(call)));
    }
    if (call.options.format === undefined) {
      return refuse(
        call,
        call.document.reporter.error(
          `No format (Writer name) is associated with this role: "${call.name}".\n` +
            'The "raw" role cannot be used directly.\n' +
            'Instead, use the "role" directive to create a new role with an associated format.',
          messageOptions(call),
        ),
      );
    }
    const attributes = roleAttributes(call.options);
    return {
      nodes: [element('raw', attributes, [text(restoreBackslashes(call.text), call.textPosition)], call.position)],
      messages: [],
    };
  },
};

const code: RoleDefinition = {
  optionSpec: { ...CLASS_ONLY, language: unchanged },
  run(call) {
    const { language, ...rest } = call.options;
    const attributes = roleAttributes(rest);
    const classes = ['code', ...((attributes.classes as string[] | undefined) ?? [])];
    if (typeof language === 'string' && language && !classes.includes(language)) classes.push(language);
    attributes.classes = classes;
    // Token-level highlighting is left to the HTML stage (shiki): the tree
    // keeps the code as one text, as docutils does with syntax_highlight
    // `none`, and records the language for that stage.
    const node = element('literal', attributes, [text(restoreBackslashes(call.text), call.textPosition)], call.position);
    if (typeof language === 'string' && language) node.data = { language };
    return { nodes: [node], messages: [] };
  },
};

const math: RoleDefinition = {
  optionSpec: CLASS_ONLY,
  run: (call) => ({
    nodes: [
      element('math', roleAttributes(call.options), [text(restoreBackslashes(call.text), call.textPosition)], call.position),
    ],
    messages: [],
  }),
};

const unimplemented: RoleDefinition = {
  optionSpec: CLASS_ONLY,
  run: (call) =>
    refuse(
      call,
      call.document.reporter.error(`Interpreted text role "${call.name}" not implemented.`, messageOptions(call)),
    ),
};

/** Roles by canonical name. */
export const canonicalRoles: ReadonlyMap<string, RoleDefinition> = new Map<string, RoleDefinition>([
  ['abbreviation', wrapping('abbreviation')],
  ['acronym', wrapping('acronym')],
  ['emphasis', wrapping('emphasis')],
  ['literal', wrapping('literal')],
  ['strong', wrapping('strong')],
  ['subscript', wrapping('subscript')],
  ['superscript', wrapping('superscript')],
  ['title-reference', wrapping('title_reference')],
  ['pep-reference', pepReference],
  ['rfc-reference', rfcReference],
  ['raw', raw],
  ['code', code],
  ['math', math],
  ['index', unimplemented],
  ['named-reference', unimplemented],
  ['anonymous-reference', unimplemented],
  ['uri-reference', unimplemented],
  ['footnote-reference', unimplemented],
  ['citation-reference', unimplemented],
  ['substitution-reference', unimplemented],
  ['target', unimplemented],
  ['restructuredtext-unimplemented-role', unimplemented],
]);

/** English role names (and abbreviations) → canonical names. */
export const englishRoleNames: ReadonlyMap<string, string> = new Map([
  ['abbreviation', 'abbreviation'],
  ['ab', 'abbreviation'],
  ['acronym', 'acronym'],
  ['ac', 'acronym'],
  ['code', 'code'],
  ['index', 'index'],
  ['i', 'index'],
  ['subscript', 'subscript'],
  ['sub', 'subscript'],
  ['superscript', 'superscript'],
  ['sup', 'superscript'],
  ['title-reference', 'title-reference'],
  ['title', 'title-reference'],
  ['t', 'title-reference'],
  ['pep-reference', 'pep-reference'],
  ['pep', 'pep-reference'],
  ['rfc-reference', 'rfc-reference'],
  ['rfc', 'rfc-reference'],
  ['emphasis', 'emphasis'],
  ['strong', 'strong'],
  ['literal', 'literal'],
  ['math', 'math'],
  ['named-reference', 'named-reference'],
  ['anonymous-reference', 'anonymous-reference'],
  ['footnote-reference', 'footnote-reference'],
  ['citation-reference', 'citation-reference'],
  ['substitution-reference', 'substitution-reference'],
  ['target', 'target'],
  ['uri-reference', 'uri-reference'],
  ['uri', 'uri-reference'],
  ['url', 'uri-reference'],
  ['raw', 'raw'],
]);

export const DEFAULT_ROLE = 'title-reference';
