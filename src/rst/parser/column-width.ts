// docutils' utils.column_width: how many columns a title or table cell takes.
// East Asian wide and fullwidth characters count two columns, combining marks
// none (get-east-asian-width knows the Unicode width table).
import { eastAsianWidthType } from 'get-east-asian-width';

const COMBINING = /\p{Mn}|\p{Me}/u;

export function columnWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) {
      width++;
      continue;
    }
    const type = eastAsianWidthType(code);
    width += type === 'wide' || type === 'fullwidth' ? 2 : 1;
    if (COMBINING.test(char)) width--;
  }
  return width;
}
