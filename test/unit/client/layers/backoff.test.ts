import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backoffDelayUs, retryDelayUs } from '../../../../src/client/layers/backoff.js';
import type { RetryPolicy } from '../../../../src/client/layers/retry.js';
import { seededRandom } from '../../../../src/random/seeded.js';

const policy = (overrides: Partial<RetryPolicy>): RetryPolicy => ({
  attempts: 5,
  backoff: 'exponential',
  baseUs: 100_000,
  maxUs: 10_000_000,
  multiplier: 2,
  jitter: 'none',
  on: ['timeout'],
  respectRetryAfter: true,
  ...overrides,
});

const noRandom = (): number => {
  throw new Error('no jitter, so no draw');
};

const sequence = (p: RetryPolicy, retries: number): number[] =>
  Array.from({ length: retries }, (_, i) => backoffDelayUs(p, i + 1, noRandom));

describe('backoffDelayUs', () => {
  it('exponential: base · multiplier^(n-1), capped at maxUs', () => {
    assert.deepEqual(sequence(policy({}), 5), [100_000, 200_000, 400_000, 800_000, 1_600_000]);
    assert.deepEqual(sequence(policy({ multiplier: 3, maxUs: 1_000_000 }), 5), [100_000, 300_000, 900_000, 1_000_000, 1_000_000]);
  });

  it('linear: base · n, capped', () => {
    assert.deepEqual(sequence(policy({ backoff: 'linear', maxUs: 350_000 }), 5), [100_000, 200_000, 300_000, 350_000, 350_000]);
  });

  it('constant: base every time, capped', () => {
    assert.deepEqual(sequence(policy({ backoff: 'constant' }), 3), [100_000, 100_000, 100_000]);
    assert.deepEqual(sequence(policy({ backoff: 'constant', maxUs: 50_000 }), 2), [50_000, 50_000]);
  });

  it('full jitter stays in [0, d) and spreads over it', () => {
    const random = seededRandom(7, 'test');
    const p = policy({ jitter: 'full' });
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < 10_000; i++) {
      const delay = backoffDelayUs(p, 3, random);
      min = Math.min(min, delay);
      max = Math.max(max, delay);
    }
    assert.ok(min >= 0 && min < 4_000, `min ${min}`);
    assert.ok(max < 400_000 && max > 396_000, `max ${max}`);
  });

  it('equal jitter stays in [d/2, d), and the cap applies before jitter', () => {
    const random = seededRandom(11, 'test');
    const p = policy({ jitter: 'equal', maxUs: 300_000 });
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < 10_000; i++) {
      const delay = backoffDelayUs(p, 4, random); // 800 ms uncapped → 300 ms
      min = Math.min(min, delay);
      max = Math.max(max, delay);
    }
    assert.ok(min >= 150_000 && min < 152_000, `min ${min}`);
    assert.ok(max < 300_000 && max > 298_000, `max ${max}`);
  });

  it('jitter draws are exact functions of the random source', () => {
    assert.equal(backoffDelayUs(policy({ jitter: 'full' }), 2, () => 0.25), 50_000);
    assert.equal(backoffDelayUs(policy({ jitter: 'equal' }), 2, () => 0.5), 150_000);
  });
});

describe('retryDelayUs', () => {
  const busy = { kind: 'transport', code: 'http-503', retryAfterUs: 2_000_000 } as const;

  it("uses the server's Retry-After instead of the computed delay, without jitter", () => {
    assert.equal(retryDelayUs(policy({ jitter: 'full' }), 1, busy, noRandom), 2_000_000);
  });

  it('caps Retry-After at maxUs', () => {
    assert.equal(retryDelayUs(policy({ maxUs: 500_000 }), 1, busy, noRandom), 500_000);
  });

  it('ignores Retry-After when the policy does not respect it, or when there is none', () => {
    assert.equal(retryDelayUs(policy({ respectRetryAfter: false }), 2, busy, noRandom), 200_000);
    assert.equal(retryDelayUs(policy({}), 2, { kind: 'transport', code: 'http-503' }, noRandom), 200_000);
    assert.equal(retryDelayUs(policy({}), 3, { kind: 'timeout' }, noRandom), 400_000);
  });
});
