import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { test } from 'node:test';
import { preciseSleepUs } from '../../../src/server/precise-delay.js';

// The one wall-clock test of the server: a loose lower bound only (never early), no upper bound.
test('never wakes before the requested time', async () => {
  for (const us of [200, 1_000, 1_700, 3_000, 12_000]) {
    const start = performance.now();
    await preciseSleepUs(us);
    const elapsedUs = (performance.now() - start) * 1000;
    assert.ok(elapsedUs >= us, `asked ${us}µs, woke after ${elapsedUs.toFixed(1)}µs`);
  }
});

test('zero and negative waits resolve before any timer or immediate could fire', async () => {
  const order: string[] = [];
  setImmediate(() => order.push('immediate'));
  await preciseSleepUs(0).then(() => order.push('zero'));
  await preciseSleepUs(-5).then(() => order.push('negative'));
  assert.deepEqual(order, ['zero', 'negative']);
});

test('an abort ends a long wait at once (resolving, not rejecting)', { timeout: 5_000 }, async () => {
  const controller = new AbortController();
  const sleeping = preciseSleepUs(60_000_000, controller.signal);
  controller.abort();
  await sleeping;
  const alreadyAborted = preciseSleepUs(60_000_000, controller.signal);
  await alreadyAborted;
});
