import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  choice,
  classOption,
  describeOptionError,
  encoding,
  flag,
  lengthOrPercentageOrUnitless,
  lengthOrUnitless,
  nonnegativeInt,
  path,
  percentage,
  positiveInt,
  positiveIntList,
  pyRepr,
  singleCharOrUnicode,
  singleCharOrWhitespaceOrUnicode,
  unchanged,
  unchangedRequired,
  unicodeCode,
  uri,
  valueOr,
} from '../../src/rst/directives/options.js';

// Expected values and messages were taken from docutils 0.19 run on the same input.

function reason(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
}

test('should accept a flag without value and refuse one with a value', () => {
  assert.equal(flag(undefined), null);
  assert.equal(flag('  '), null);
  assert.equal(reason(() => flag('x')), 'no argument is allowed; "x" supplied');
});

test('should keep unchanged values and require them when told to', () => {
  assert.equal(unchanged(undefined), '');
  assert.equal(unchanged(' a b '), ' a b ');
  assert.equal(unchangedRequired('v'), 'v');
  assert.equal(reason(() => unchangedRequired(undefined)), 'argument required but none supplied');
});

test('should join path lines and strip each one', () => {
  assert.equal(path(' a/b \n  c.txt '), 'a/bc.txt');
  assert.equal(reason(() => path(undefined)), 'argument required but none supplied');
});

test('should drop unescaped whitespace from a uri and keep escaped spaces as one space', () => {
  assert.equal(uri('http://a b\\ c\nd'), 'http://ab cd');
  assert.equal(uri('http://example.org/\n  path'), 'http://example.org/path');
});

test('should convert integers as Python int() does', () => {
  assert.equal(nonnegativeInt(' 12 '), 12);
  assert.equal(nonnegativeInt('1_000'), 1000);
  assert.equal(nonnegativeInt('0'), 0);
  assert.equal(reason(() => nonnegativeInt('3.5')), "invalid literal for int() with base 10: '3.5'");
  assert.equal(reason(() => nonnegativeInt('-1')), 'negative value; must be positive or zero');
  assert.equal(reason(() => positiveInt('0')), 'negative or zero value; must be positive');
  assert.equal(
    reason(() => positiveInt(undefined)),
    "int() argument must be a string, a bytes-like object or a real number, not 'NoneType'",
  );
});

test('should read a percentage with or without the sign', () => {
  assert.equal(percentage('50 %'), 50);
  assert.equal(percentage('75'), 75);
});

test('should normalize lengths and list the units when refusing one', () => {
  assert.equal(lengthOrUnitless('3.5 em'), '3.5em');
  assert.equal(lengthOrUnitless('200'), '200');
  assert.equal(
    reason(() => lengthOrUnitless('3%')),
    'not a positive measure of one of the following units:\n"em" "ex" "px" "in" "cm" "mm" "pt" "pc" ""',
  );
  assert.equal(lengthOrPercentageOrUnitless('3', 'px'), '3px');
  assert.equal(lengthOrPercentageOrUnitless('50%'), '50%');
  assert.equal(
    reason(() => lengthOrPercentageOrUnitless('3 furlongs')),
    'not a positive measure of one of the following units:\n"em" "ex" "px" "in" "cm" "mm" "pt" "pc" "%"',
  );
  assert.equal(reason(() => lengthOrUnitless('1.2.3')).startsWith('not a positive measure'), true);
});

test('should make class names id-compatible and refuse names that vanish', () => {
  assert.deepEqual(classOption('Foo_Bar  baz2'), ['foo-bar', 'baz2']);
  assert.equal(reason(() => classOption('42')), 'cannot make "42" into a class name');
});

test('should accept a choice case-insensitively and list the choices otherwise', () => {
  const backlinks = choice(['top', 'entry', 'none']);
  assert.equal(backlinks(' Top'), 'top');
  assert.equal(reason(() => backlinks('side')), '"side" unknown; choose from "top", "entry", or "none"');
  assert.equal(
    reason(() => backlinks(undefined)),
    'must supply an argument; choose from "top", "entry", or "none"',
  );
});

test('should take listed words as they are and convert anything else', () => {
  const autoOrLength = valueOr(['auto'], lengthOrUnitless);
  assert.equal(autoOrLength('auto'), 'auto');
  assert.equal(autoOrLength('2 em'), '2em');
});

test('should know Python encoding names', () => {
  assert.equal(encoding('latin-1'), 'latin-1');
  assert.equal(encoding('UTF-8'), 'UTF-8');
  assert.equal(encoding('utf-8-sig'), 'utf-8-sig');
  assert.equal(reason(() => encoding('bogus')), 'unknown encoding: "bogus"');
});

test('should convert character codes in every docutils spelling', () => {
  for (const code of ['U+262E', 'u262E', '0x262e', 'x262E', '\\x262E', '\\u262E', '&#x262E;', '9774']) {
    assert.equal(unicodeCode(code), '☮', code);
  }
  assert.equal(unicodeCode('hello'), 'hello');
  assert.equal(reason(() => unicodeCode('0x110000')), 'chr() arg not in range(0x110000)');
  assert.equal(
    reason(() => unicodeCode('99999999999')),
    'code too large (Python int too large to convert to C int)',
  );
});

test('should accept one character or a code and refuse longer text', () => {
  assert.equal(singleCharOrUnicode(';'), ';');
  assert.equal(singleCharOrUnicode('0x3b'), ';');
  assert.equal(reason(() => singleCharOrUnicode('ab')), "'ab' invalid; must be a single character or a Unicode code");
  assert.equal(singleCharOrWhitespaceOrUnicode('tab'), '\t');
  assert.equal(singleCharOrWhitespaceOrUnicode('space'), ' ');
});

test('should split positive integer lists on commas or else whitespace', () => {
  assert.deepEqual(positiveIntList('1, 2,3'), [1, 2, 3]);
  assert.deepEqual(positiveIntList('4 5'), [4, 5]);
  assert.equal(reason(() => positiveIntList('1 0')), 'negative or zero value; must be positive');
});

test('should describe a refused option as docutils does', () => {
  assert.equal(
    describeOptionError('width', 'abc', new Error("invalid literal for int() with base 10: 'abc'")),
    "(option: \"width\"; value: 'abc')\ninvalid literal for int() with base 10: 'abc'",
  );
  assert.equal(pyRepr(undefined), 'None');
  assert.equal(pyRepr("it's"), '"it\'s"');
  assert.equal(pyRepr('a\tb\u200b'), "'a\\tb\\u200b'");
});
