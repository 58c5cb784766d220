// One shared copy of the names a flow dump repeats on every line: match
// field names (`in_port`, `dl_vlan`), flags, the `0x0` cookie, field
// references (`NXM_OF_VLAN_TCI`) and the parts of a learn template. The
// records of a 100,000-flow dump are kept, and every kept string is copied by
// the garbage collector; one copy per name makes them smaller. Values
// (`0x1a`, `fa:16:3e:…`) are not interned: they rarely repeat, and a look-up
// that misses costs more than the copy it would save.
//
// Hand-written because a Map would need the substring cut out before every
// look-up, which is the allocation this table exists to avoid. A fixed,
// direct-mapped table: a string hashes to one slot, a hit returns the string
// already there, a miss takes the slot over. It never grows.

/** Longer strings rarely repeat and cost more to hash than they save. */
const MAX_LENGTH = 48;
const SLOTS = 1024; // a power of two: the slot is `hash & (SLOTS - 1)`

let table: (string | undefined)[] = new Array<string | undefined>(SLOTS).fill(undefined);

/** `text.slice(from, to)`, or an equal string handed out before. */
export function internSlice(text: string, from: number, to: number): string {
  const length = to - from;
  if (length <= 0 || length > MAX_LENGTH) return text.slice(from, to);
  // a few characters make the hash: the ends and the middle tell apart the
  // strings that do differ (`output:2` / `output:3`, `0x1` / `0x2`), and a
  // collision costs only a miss
  let hash = length;
  hash = Math.imul(hash, 31) + text.charCodeAt(from);
  hash = Math.imul(hash, 31) + text.charCodeAt(to - 1);
  hash = Math.imul(hash, 31) + text.charCodeAt(from + (length >> 1));
  hash = Math.imul(hash, 31) + text.charCodeAt(to - 2 >= from ? to - 2 : from);
  hash = Math.imul(hash, 31) + text.charCodeAt(from + (length >> 2));
  const slot = (hash ^ (hash >>> 12)) & (SLOTS - 1);
  const known = table[slot];
  if (known !== undefined && known.length === length && sameAt(text, from, known)) return known;
  const fresh = text.slice(from, to);
  table[slot] = fresh;
  return fresh;
}

/**
 * True when `word` occurs in `text` at `at`. A character loop: the JIT
 * compiles it inline, where `startsWith` is a call that costs more than the
 * comparison on the short words compared here.
 */
export function sameAt(text: string, at: number, word: string): boolean {
  if (at + word.length > text.length) return false;
  for (let i = 0; i < word.length; i++) if (text.charCodeAt(at + i) !== word.charCodeAt(i)) return false;
  return true;
}

/** `text` itself, or an equal string handed out before. */
export function intern(text: string): string {
  return internSlice(text, 0, text.length);
}

/**
 * Empties the table. A string cut from a capture can keep the whole capture
 * text in memory (V8 cuts long substrings as views of their parent), so the
 * dump parser calls this when it is done with a capture.
 */
export function forgetInternedStrings(): void {
  table = new Array<string | undefined>(SLOTS).fill(undefined);
}
