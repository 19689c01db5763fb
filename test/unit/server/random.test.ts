import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createServerState } from '../../../src/server/state.js';

/** The first `count` numbers of the random source a reference server with `seed` uses for jitter and failures. */
function take(seed: number, count: number): number[] {
  const { random } = createServerState({ latencyUs: 0, jitterUs: 0, failRate: 0, seed });
  return Array.from({ length: count }, () => random());
}

test("the server's random source repeats for a seed", () => {
  assert.deepEqual(take(42, 100), take(42, 100));
});

test('different seeds give different sequences', () => {
  assert.notDeepEqual(take(1, 10), take(2, 10));
});

test('values stay in [0, 1) and spread over the range', () => {
  const values = take(7, 10_000);
  assert.ok(values.every((value) => value >= 0 && value < 1));
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  assert.ok(Math.abs(mean - 0.5) < 0.02, `mean ${mean}`);
});

test('the sequence for seed 1 is pinned (mulberry32, server stream), so benchmark runs stay comparable across versions', () => {
  assert.deepEqual(take(1, 3), [0.747129479655996, 0.8079802226275206, 0.8994337059557438]);
});
