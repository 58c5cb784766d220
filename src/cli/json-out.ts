// JSON written in pieces: the big arrays of a value (a capture's records, its
// line roles) are serialised one item at a time and handed to `out` in chunks
// of about 64 KB, so a 100,000-flow dump never becomes one giant string. The
// text is byte for byte what `JSON.stringify(value, null, pretty ? 2 : 0)`
// would give. Hand-written: JSON streaming libraries stream parsing, or need
// Node streams and back-pressure for output that goes to a synchronous stdout.

const CHUNK = 1 << 16;

/** Writes `value` as JSON through `out`, followed by a newline. */
export function writeJson(value: unknown, out: (s: string) => void, pretty = false): void {
  let buffer = '';
  const emit = (s: string) => {
    buffer += s;
    if (buffer.length >= CHUNK) {
      out(buffer);
      buffer = '';
    }
  };
  writeValue(value, 0, pretty, emit);
  out(buffer + '\n');
}

function writeValue(value: unknown, depth: number, pretty: boolean, emit: (s: string) => void): void {
  if (Array.isArray(value) && value.length > 0) {
    const inner = pretty ? '\n' + '  '.repeat(depth + 1) : '';
    emit('[');
    for (let i = 0; i < value.length; i++) {
      emit(i === 0 ? inner : ',' + inner);
      emit(leaf(value[i], depth + 1, pretty) ?? 'null');
    }
    emit(pretty ? '\n' + '  '.repeat(depth) + ']' : ']');
    return;
  }
  if (depth === 0 && isPlainObject(value)) {
    // the top object (`--raw`): its big arrays stream too
    const inner = pretty ? '\n  ' : '';
    let first = true;
    emit('{');
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
      emit((first ? '' : ',') + inner + JSON.stringify(key) + (pretty ? ': ' : ':'));
      first = false;
      writeValue(item, 1, pretty, emit);
    }
    emit(first ? '}' : pretty ? '\n}' : '}');
    return;
  }
  emit(leaf(value, depth, pretty) ?? 'null');
}

/** One value as JSON at `depth` of indentation (its inner lines indented as JSON.stringify would indent them there). */
function leaf(value: unknown, depth: number, pretty: boolean): string | undefined {
  if (!pretty) return JSON.stringify(value);
  const text = JSON.stringify(value, null, 2);
  if (text === undefined || depth === 0 || !text.includes('\n')) return text;
  return text.replace(/\n/g, '\n' + '  '.repeat(depth));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}
