// Pathological inputs at sizes CI affords (cases.ts; `npm run fuzz` runs them
// at full size, each in its own process, with time and peak memory): each
// must finish within its bound without a stack overflow, with a clear
// diagnostic where the input is wrong.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cases } from './cases.js';

/** Generous: the machines that run this are shared and slow; a quadratic slip at these sizes takes minutes. */
const BOUND_MS = 30_000;

for (const c of cases) {
  test(`${c.name}: ${c.what} (${c.ci.toLocaleString('en')})`, { timeout: 4 * BOUND_MS }, async (t) => {
    const t0 = performance.now();
    const summary = await c.run(c.ci);
    const ms = performance.now() - t0;
    t.diagnostic(`${c.name}: ${summary} in ${ms.toFixed(0)} ms`);
    assert.ok(ms < BOUND_MS, `${c.name} took ${ms.toFixed(0)} ms (bound ${BOUND_MS} ms)`);
  });
}
