// The "standard" include files (`.. include:: <isonum.txt>`): substitution
// definitions for character entity sets. docutils ships them as text files;
// we generate them from the entity tables of the `character-entities`
// packages: the ISO 8879 numeric set by name, the three XHTML 1 sets by
// splitting HTML 4's 252 entities the way XHTML 1 groups them.

import { characterEntities } from 'character-entities';
import { characterEntitiesHtml4 } from 'character-entities-html4';

/** ISO 8879 "Numeric and Special Graphic" entity names (ISOnum). */
const ISONUM = (
  'half frac12 frac14 frac34 frac18 frac38 frac58 frac78 sup1 sup2 sup3 plus plusmn lt equals gt divide ' +
  'times curren pound dollar cent yen num percnt amp ast commat lsqb bsol rsqb lcub horbar verbar rcub ' +
  'micro ohm deg ordm ordf sect para middot larr rarr uarr darr copy reg trade brvbar not sung excl iexcl ' +
  'quot apos lpar rpar comma lowbar hyphen period sol colon semi quest iquest laquo raquo lsquo rsquo ' +
  'ldquo rdquo nbsp shy'
).split(' ');

/** Code points of XHTML 1's "special" set above U+00A0 (the rest of HTML 4 above Latin-1 is "symbol"). */
const XHTML_SPECIAL = new Set([
  0x152, 0x153, 0x160, 0x161, 0x178, 0x2c6, 0x2dc, 0x2002, 0x2003, 0x2009, 0x200c, 0x200d, 0x200e, 0x200f,
  0x2013, 0x2014, 0x2018, 0x2019, 0x201a, 0x201c, 0x201d, 0x201e, 0x2020, 0x2021, 0x2030, 0x2039, 0x203a, 0x20ac,
]);

type Entity = [name: string, value: string];

function html4Entities(keep: (code: number) => boolean): Entity[] {
  return Object.entries(characterEntitiesHtml4).filter(([, value]) => keep(value.codePointAt(0)!));
}

const SETS: Record<string, () => Entity[]> = {
  // ISO's ohm is the OHM SIGN; HTML 5 maps the name to the Greek capital omega.
  'isonum.txt': () => ISONUM.map((name) => [name, name === 'ohm' ? '\u2126' : characterEntities[name]!]),
  'xhtml1-lat1.txt': () => html4Entities((code) => code >= 0xa0 && code <= 0xff),
  // `&amp;` stays out: a substitution for it would be of no use in reStructuredText.
  'xhtml1-special.txt': () => html4Entities((code) => (code < 0xa0 || XHTML_SPECIAL.has(code)) && code !== 0x26),
  // The W3C XML entity tables map `phi` to the "phi symbol" U+03D5, HTML 4 to U+03C6.
  'xhtml1-symbol.txt': () =>
    html4Entities((code) => code > 0xff && !XHTML_SPECIAL.has(code)).map(([name, value]): Entity => [name, name === 'phi' ? '\u03d5' : value]),
};

function codeOf(value: string): string {
  return 'U+' + value.codePointAt(0)!.toString(16).toUpperCase().padStart(5, '0');
}

/** Names of the standard include files we provide. */
export const STANDARD_INCLUDES = Object.keys(SETS);

/** The reStructuredText of standard include `name` (`isonum.txt` …), or undefined. */
export function standardInclude(name: string): string | undefined {
  const make = SETS[name];
  if (!make) return undefined;
  // Sorted by name (code units), one definition per line.
  const entities = make().sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const width = Math.max(...entities.map(([entity]) => entity.length));
  return entities.map(([entity, value]) => `.. ${`|${entity}|`.padEnd(width + 2)} unicode:: ${codeOf(value)}\n`).join('');
}
