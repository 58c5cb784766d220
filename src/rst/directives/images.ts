// `image` and `figure`, as docutils 0.19: the image's options become its
// attributes, `:target:` wraps it in a reference (a URI, or a `name_`
// reference), a figure adds a caption (its first paragraph) and a legend
// (the rest). The image file need not exist to build the tree; the node's
// `data.image` tells later stages where it was expected, so the HTML stage can
// warn about a missing file with the directive's file:line.

import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { normalizeName, whitespaceNormalizeName } from '../names.js';
import { element, listAttribute, type RstElement, type RstNode } from '../nodes.js';
import { escapeToNull, splitEscapedWhitespace, unescape } from '../parser/escapes.js';
import { Level } from '../reporter.js';
import { addName, directiveSource } from './helpers.js';
import { outsideRootReason } from './include-files.js';
import {
  choice,
  classOption,
  lengthOrPercentageOrUnitless,
  lengthOrUnitless,
  percentage,
  unchanged,
  unchangedRequired,
  uri,
} from './options.js';
import type { DirectiveCall, DirectiveDefinition } from './types.js';

const ALIGN_H = ['left', 'center', 'right'];
const ALIGN_V = ['top', 'middle', 'bottom'];

/** Where an image was asked for: what the HTML stage needs to check the file and report it. */
export interface ImageData {
  /** The URI as written (after docutils' uri() normalization). */
  uri: string;
  /** The file the directive is in. */
  source: string;
  /** 1-based line of the directive. */
  line: number;
  /** For a local relative or absolute path: the file it names, resolved beside `source`. */
  path?: string;
}

/** A local file path, not a URL (`http:`, `data:`, `//host` …). */
function isLocalPath(value: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:/i.test(value) && !value.startsWith('//');
}

/**
 * Where the image was asked for and, for a local path, the file it names. A
 * path outside the content root (`../../etc/passwd`, `/etc/passwd`, a link
 * leading out) is refused: a site must never publish or point at such a file.
 */
function imageData(call: DirectiveCall, imageUri: string): ImageData {
  const source = directiveSource(call);
  const data: ImageData = { uri: imageUri, source, line: call.line };
  if (imageUri && isLocalPath(imageUri)) {
    const settings = call.state.document.settings;
    const base = source && existsSync(source) ? dirname(resolve(source)) : settings.baseDir;
    let decoded = imageUri;
    try {
      decoded = decodeURI(imageUri);
    } catch {
      // keep the URI as written
    }
    const path = decoded.split(/[?#]/)[0]!;
    const refused = outsideRootReason(path, base, settings.contentRoot);
    if (refused) throw call.error(Level.ERROR, `Problems with "${call.name}" directive path:\n${refused}`);
    data.path = isAbsolute(decoded) ? decoded : resolve(base, decoded);
  }
  return data;
}

//   name_            → a reference by name
//   `phrase name`_   → a reference by name
// (docutils' Body.is_reference, on whitespace-normalized text)
const SIMPLENAME = String.raw`(?:(?!_)[\p{L}\p{N}\p{M}_])+(?:[-._+:](?:(?!_)[\p{L}\p{N}\p{M}_])+)*`;
const REFERENCE = new RegExp('^(?:(?<simple>' + SIMPLENAME + ')_|`(?! )(?<phrase>.+?)(?<![\\s\\x00])`_)$', 'u');

type Target = { kind: 'refuri'; value: string } | { kind: 'refname'; value: string };

/** docutils' parse_target on the `:target:` option's lines. */
function parseTarget(value: string): Target {
  const block = escapeToNull(value).split(/\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/);
  const last = block[block.length - 1]!.trim();
  if (last.endsWith('_')) {
    const reference = whitespaceNormalizeName(block.map((line) => line.trim()).join(' '));
    const match = REFERENCE.exec(reference);
    if (match) return { kind: 'refname', value: unescape(match.groups!.simple ?? match.groups!.phrase!) };
  }
  const parts = splitEscapedWhitespace(block.join(' '));
  return { kind: 'refuri', value: parts.map((part) => unescape(part).split(/\s+/).join('')).join(' ') };
}

interface ImageResult {
  /** The image, or the reference holding it. */
  node: RstElement;
  image: RstElement;
}

function makeImage(call: DirectiveCall): ImageResult {
  const { options } = call;
  const align = options.align as string | undefined;
  if (align !== undefined) {
    if (call.state.parent.type === 'substitution_definition') {
      if (!ALIGN_V.includes(align)) {
        throw call.error(
          Level.ERROR,
          `Error in "${call.name}" directive: "${align}" is not a valid value for the "align" option within a substitution definition.  Valid values for "align" are: "${ALIGN_V.join('", "')}".`,
        );
      }
    } else if (!ALIGN_H.includes(align)) {
      throw call.error(
        Level.ERROR,
        `Error in "${call.name}" directive: "${align}" is not a valid value for the "align" option.  Valid values for "align" are: "${ALIGN_H.join('", "')}".`,
      );
    }
  }
  const imageUri = uri(call.arguments[0] ?? '');
  const image = element('image', {}, [], call.position);
  // Attributes in docutils' order of the option spec.
  for (const key of ['alt', 'height', 'width', 'scale', 'align'] as const) {
    const value = options[key];
    if (typeof value === 'string' || typeof value === 'number') image.attributes[key] = value;
  }
  image.attributes.uri = imageUri;
  const classes = options.class;
  if (Array.isArray(classes) && classes.length) listAttribute(image, 'classes').push(...(classes as string[]));
  image.data = { rawsource: call.blockText, image: imageData(call, imageUri) };
  addName(call, image);

  if (typeof options.target !== 'string') return { node: image, image };
  const target = parseTarget(options.target);
  let reference: RstElement;
  if (target.kind === 'refuri') {
    reference = element('reference', { refuri: target.value }, [image], call.position);
  } else {
    reference = element(
      'reference',
      { name: whitespaceNormalizeName(target.value), refname: normalizeName(target.value) },
      [image],
      call.position,
    );
    call.state.document.noteRefname(reference);
  }
  return { node: reference, image };
}

function runImage(call: DirectiveCall): RstNode[] {
  return [makeImage(call).node];
}

function runFigure(call: DirectiveCall): RstNode[] {
  const { figwidth, figclass, align, ...imageOptions } = call.options;
  const { node: imageNode } = makeImage({ ...call, options: imageOptions });
  const figure = element('figure', {}, [imageNode], call.position);
  if (typeof figwidth === 'string' && figwidth !== 'image') figure.attributes.width = figwidth;
  // `:figwidth: image` asks for the image file's width; docutils reads it with
  // PIL when installed. The width is left to the HTML stage (data.figwidthImage).
  if (figwidth === 'image') figure.data = { figwidthImage: true };
  if (Array.isArray(figclass) && figclass.length) listAttribute(figure, 'classes').push(...(figclass as string[]));
  if (typeof align === 'string') figure.attributes.align = align;
  if (call.content.length === 0) return [figure];

  const holder = element('container', {}, [], call.position);
  call.state.nestedParse(call.content, holder);
  const [first, ...rest] = holder.children;
  if (first && first.type === 'paragraph') {
    const paragraph = first as RstElement;
    figure.children.push(element('caption', {}, paragraph.children, paragraph.position));
  } else if (first && !(first.type === 'comment' && (first as RstElement).children.length === 0)) {
    const error = call.state.document.reporter.error('Figure caption must be a paragraph or empty comment.', {
      source: directiveSource(call),
      line: call.line,
      children: [element('literal_block', { 'xml:space': 'preserve' }, [{ type: 'text', value: call.blockText }])],
    });
    return [figure, error];
  }
  if (rest.length > 0) {
    const elements = rest as RstElement[];
    const last = elements[elements.length - 1]!;
    const position =
      elements[0]!.position && last.position ? { start: elements[0]!.position.start, end: last.position.end } : call.position;
    figure.children.push(element('legend', {}, rest, position));
  }
  return [figure];
}

const imageOptions = {
  alt: unchanged,
  height: (value: string | undefined) => lengthOrUnitless(value),
  width: (value: string | undefined) => lengthOrPercentageOrUnitless(value),
  scale: percentage,
  align: choice([...ALIGN_V, ...ALIGN_H]),
  target: unchangedRequired,
  class: classOption,
  name: unchanged,
};

export const directives: Record<string, DirectiveDefinition> = {
  image: {
    requiredArguments: 1,
    finalArgumentWhitespace: true,
    optionSpec: imageOptions,
    run: runImage,
  },
  figure: {
    requiredArguments: 1,
    finalArgumentWhitespace: true,
    hasContent: true,
    optionSpec: {
      ...imageOptions,
      align: choice(ALIGN_H),
      figwidth: (value: string | undefined) =>
        value !== undefined && value.toLowerCase() === 'image' ? 'image' : lengthOrPercentageOrUnitless(value, 'px'),
      figclass: classOption,
    },
    run: runFigure,
  },
};
