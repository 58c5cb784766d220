// Admonitions: the nine specific ones (attention … warning) take their whole
// text as content; the generic `admonition` takes a title argument and gets
// the class `admonition-<title id>` unless `:class:` says otherwise.

import { makeId } from '../names.js';
import { element, listAttribute } from '../nodes.js';
import { addName, assertHasContent, classesOf, inlineTitle } from './helpers.js';
import { classOption, unchanged } from './options.js';
import type { DirectiveCall, DirectiveDefinition } from './types.js';

const optionSpec = { class: classOption, name: unchanged };

function admonitionRun(nodeType: string) {
  return (call: DirectiveCall) => {
    assertHasContent(call);
    const node = element(nodeType, {}, [], call.position);
    const classes = classesOf(call);
    if (classes.length > 0) node.attributes.classes = classes;
    addName(call, node);
    if (nodeType === 'admonition') {
      const titleText = call.arguments[0] ?? '';
      const { title, messages } = inlineTitle(call, titleText);
      node.children.push(title, ...messages);
      if (!('class' in call.options)) listAttribute(node, 'classes').push('admonition-' + makeId(titleText));
    }
    call.state.nestedParse(call.content, node);
    return [node];
  };
}

function specific(nodeType: string): DirectiveDefinition {
  return { finalArgumentWhitespace: true, optionSpec, hasContent: true, run: admonitionRun(nodeType) };
}

export const directives: Record<string, DirectiveDefinition> = {
  admonition: {
    requiredArguments: 1,
    finalArgumentWhitespace: true,
    optionSpec,
    hasContent: true,
    run: admonitionRun('admonition'),
  },
  attention: specific('attention'),
  caution: specific('caution'),
  danger: specific('danger'),
  error: specific('error'),
  hint: specific('hint'),
  important: specific('important'),
  note: specific('note'),
  tip: specific('tip'),
  warning: specific('warning'),
};
