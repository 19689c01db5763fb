import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_TIMER_MS, systemClock } from '../../../src/time/clock.js';

test('a sleep longer than one setTimeout can hold does not fire at once (600 h)', async () => {
  const abort = new AbortController();
  const longUs = 600 * 3600 * 1e6;
  assert.ok(longUs / 1000 > MAX_TIMER_MS, 'the case is past the timer limit');
  let woke = false;
  const sleeping = systemClock.sleepUs(longUs, abort.signal).then(() => (woke = true));
  await new Promise((resolve) => setTimeout(resolve, 30));
  assert.equal(woke, false, 'an overflowed timer would have fired after 1 ms');
  abort.abort();
  await sleeping;
  assert.equal(woke, true, 'an abort still ends it');
});
