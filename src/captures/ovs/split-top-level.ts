// Hand-written because OpenFlow action/match text nests parentheses
// (`ct(commit,nat(src=…)),learn(…,load:0->NXM_OF_VLAN_TCI[])`) and no npm
// package splits it; a single linear scan keeps 100,000 flows fast.

/**
 * Splits `text` at `sep` characters that are outside parentheses, brackets
 * and double quotes, trimming each piece and leaving out empty pieces.
 *
 *   resubmit(,1),learn(table=20,NXM_OF_VLAN_TCI[0..11]),output:"a,b"
 *   ^^^^^^^^^^^^ ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ^^^^^^^^^^^^
 */
export function splitTopLevel(text: string, sep = ','): string[] {
  const pieces: string[] = [];
  const sepCode = sep.charCodeAt(0);
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quoted) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) quoted = false;
    } else if (c === 0x22) quoted = true;
    else if (c === 0x28 /* ( */ || c === 0x5b /* [ */) depth++;
    else if ((c === 0x29 /* ) */ || c === 0x5d /* ] */) && depth > 0) depth--;
    else if (c === sepCode && depth === 0) {
      pushTrimmed(pieces, text, start, i);
      start = i + 1;
    }
  }
  pushTrimmed(pieces, text, start, text.length);
  return pieces;
}

function pushTrimmed(pieces: string[], text: string, from: number, to: number): void {
  const piece = text.slice(from, to).trim();
  if (piece !== '') pieces.push(piece);
}

/** Open parentheses/brackets and quote state of the text read so far (see `readNesting`). */
export interface Nesting {
  depth: number;
  quoted: boolean;
}

export function newNesting(): Nesting {
  return { depth: 0, quoted: false };
}

/** Reads one more piece of a text that arrives in pieces (a wrapped flow), updating `state`. */
export function readNesting(state: Nesting, piece: string): Nesting {
  let { depth, quoted } = state;
  for (let i = 0; i < piece.length; i++) {
    const c = piece.charCodeAt(i);
    if (quoted) {
      if (c === 0x5c) i++;
      else if (c === 0x22) quoted = false;
    } else if (c === 0x22) quoted = true;
    else if (c === 0x28 || c === 0x5b) depth++;
    else if (c === 0x29 || c === 0x5d) depth--;
  }
  state.depth = depth;
  state.quoted = quoted;
  return state;
}

/** True when every `(` and `[` outside quotes is closed (a wrapped flow line is not finished otherwise). */
export function isBalanced(text: string): boolean {
  const state = readNesting(newNesting(), text);
  return state.depth === 0 && !state.quoted;
}

/** `"patch-int"` → `patch-int`; unquoted text is returned as is. */
export function unquote(text: string): string {
  if (text.length >= 2 && text.charCodeAt(0) === 0x22 && text.charCodeAt(text.length - 1) === 0x22) {
    return text.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  return text;
}

/** Splits `key=value` at the first `=` outside parentheses; a bare word has value undefined. */
export function splitKeyValue(text: string): { key: string; value: string | undefined } {
  const eq = text.indexOf('=');
  if (eq < 0) return { key: text, value: undefined };
  const paren = text.indexOf('(');
  if (paren >= 0 && paren < eq) return { key: text, value: undefined };
  return { key: text.slice(0, eq), value: text.slice(eq + 1) };
}
