// Control characters in text people paste (NUL, BEL, ESC, DEL, C1): found,
// named and made visible. A capture may hold them (a terminal's colour codes, a
// binary file shown by mistake); an HTML page must show them as symbols, never
// pass them on raw (a NUL is dropped or replaced by browsers, ESC is invisible).
// Ground floor: the captures stage reports them, the rst HTML writer shows them.
// Hand-written: the mapping is Unicode's Control Pictures block (U+2400–U+2421).

/** C0 controls except tab, line feed and carriage return; DEL; C1 controls. */
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/;
const CONTROLS = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/g;
/** A terminal's control sequence (`ESC[01;31m` colour, `ESC[K` erase): the codes of a capture made on a terminal. */
const CSI = /\x1b\[[0-9;?]*[@-~]/g;

const C0_NAMES = ['NUL', 'SOH', 'STX', 'ETX', 'EOT', 'ENQ', 'ACK', 'BEL', 'BS', 'HT', 'LF', 'VT', 'FF', 'CR', 'SO', 'SI', 'DLE', 'DC1', 'DC2', 'DC3', 'DC4', 'NAK', 'SYN', 'ETB', 'CAN', 'EM', 'SUB', 'ESC', 'FS', 'GS', 'RS', 'US'];

export function hasControlCharacters(text: string): boolean {
  return CONTROL.test(text);
}

/** The name of a control character: `NUL`, `ESC`, `DEL`, `U+0085`. */
export function controlName(char: string): string {
  const code = char.charCodeAt(0);
  if (code < 0x20) return C0_NAMES[code]!;
  if (code === 0x7f) return 'DEL';
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The visible stand-in of a control character: ␀ … ␟ and ␡ (Control Pictures); a C1 control as `<U+0085>`. */
export function controlPicture(char: string): string {
  const code = char.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return `<${controlName(char)}>`;
}

/** `text` with every control character (tab, LF and CR kept) replaced by its visible stand-in. */
export function showControlCharacters(text: string): string {
  return CONTROL.test(text) ? text.replace(CONTROLS, controlPicture) : text;
}

/** The distinct control characters of `text`, by name, in order of first appearance; terminal codes (colours) left out when `ignoreTerminalCodes`. */
export function controlCharacterNames(text: string, ignoreTerminalCodes = false): string[] {
  const names = new Set<string>();
  const scanned = ignoreTerminalCodes ? text.replace(CSI, '') : text;
  for (const m of scanned.matchAll(CONTROLS)) names.add(controlName(m[0]));
  return [...names];
}
