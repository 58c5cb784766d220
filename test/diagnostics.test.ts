import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDiagnostic, isFailure } from '../src/diagnostics.js';

test('should format a diagnostic as file:line:col: level: message', () => {
  assert.equal(
    formatDiagnostic({ file: 'content/local/local.rst', line: 17, column: 1, severity: 'warning', message: 'image file not found: local.png' }),
    'content/local/local.rst:17:1: warning: image file not found: local.png',
  );
});

test('should fail on warnings only under --strict', () => {
  const warning = { file: 'a.rst', severity: 'warning' as const, message: 'x' };
  assert.equal(isFailure(warning, false), false);
  assert.equal(isFailure(warning, true), true);
  assert.equal(isFailure({ ...warning, severity: 'error' }, false), true);
});
