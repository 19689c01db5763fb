import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SessionLeak } from '../../../src/server/session-leak.js';
import { createServerState } from '../../../src/server/state.js';

test('each session opened keeps its bytes for ever; without the knob nothing is kept', () => {
  const leak = new SessionLeak(100_000);
  for (let i = 0; i < 3; i++) leak.sessionOpened();
  assert.equal(leak.leakedBytes, 300_000);
  const none = new SessionLeak(0);
  none.sessionOpened();
  assert.equal(none.leakedBytes, 0);
});

test('a leak that is not a whole number of bytes is refused', () => {
  assert.throws(() => new SessionLeak(-1), /whole number of bytes/);
  assert.throws(() => new SessionLeak(1.5), /whole number of bytes/);
});

test('the server state carries the knob (absent: no leak)', () => {
  assert.equal(createServerState({ latencyUs: 0, jitterUs: 0, failRate: 0, seed: 1 }).sessionLeak.leakedBytes, 0);
  const state = createServerState({ latencyUs: 0, jitterUs: 0, failRate: 0, seed: 1, leakPerSessionBytes: 4096 });
  state.sessionLeak.sessionOpened();
  assert.equal(state.sessionLeak.leakedBytes, 4096);
});
