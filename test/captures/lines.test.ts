// LineLedger keeps offsets instead of line strings: it must still give the
// same lines as splitLines, the same trimming as String.prototype.trim, and a
// role for every line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineLedger, isTrimmable, splitLines } from '../../src/captures/lines.js';
import { parseCommandLine } from '../../src/captures/command-line.js';

const cmd = parseCommandLine('ip link');

test('should give the lines splitLines gives, CR normalised, no extra line after a final newline', () => {
  for (const text of ['', 'a', 'a\n', 'a\n\n', 'a\r\nb\r\n', 'a\rb', '\n\nx', ' \t \n  y  ', 'a\r\n\r\n\r\n']) {
    const ledger = new LineLedger(text);
    const lines = splitLines(text);
    assert.equal(ledger.count, lines.length, JSON.stringify(text));
    assert.deepEqual(ledger.lines, lines, JSON.stringify(text));
    for (let n = 1; n <= ledger.count; n++) assert.equal(ledger.text(n), lines[n - 1]);
    assert.equal(ledger.text(0), '');
    assert.equal(ledger.text(ledger.count + 1), '');
  }
});

test('should trim exactly as String.prototype.trim, for every UTF-16 code unit', () => {
  for (let c = 0; c < 0x10000; c++) {
    if (c === 0x0a || c === 0x0d) continue; // line ends, never inside a line
    const ch = String.fromCharCode(c);
    assert.equal(isTrimmable(c), (ch + 'x').trim() === 'x', `U+${c.toString(16)}`);
  }
  const text = '\u00a0 cookie=0x0 \u3000\n\t\ufeffx\u2028y\u2009\n   \n';
  const ledger = new LineLedger(text);
  for (let n = 1; n <= ledger.count; n++) assert.equal(ledger.trimmed(n), ledger.text(n).trim(), `line ${n}`);
});

test('should mark blank lines and give every other line a role, unclaimed ones unparsed', () => {
  const ledger = new LineLedger('1: lo\n   \n\u3000\nnoise\nhead\n');
  ledger.fact(1);
  ledger.header(5);
  assert.equal(ledger.roleOf(2), 'blank');
  assert.equal(ledger.roleOf(3), 'blank');
  assert.equal(ledger.isIndented(2), true);
  assert.equal(ledger.isIndented(1), false);
  const result = ledger.finish('ip-link', cmd, []);
  assert.deepEqual(result.lineRoles, ['fact', 'blank', 'blank', 'unparsed', 'header']);
  assert.deepEqual(result.unparsed, [{ line: 4, text: 'noise', reason: 'line not understood' }]);
});

test('should keep a reason until the line is claimed after all', () => {
  const ledger = new LineLedger('a\nb\n');
  ledger.unparsed(1, 'not yet');
  ledger.unparsed(2, 'never');
  ledger.fact(1);
  assert.deepEqual(ledger.finish('x', cmd, []).unparsed, [{ line: 2, text: 'b', reason: 'never' }]);
});
