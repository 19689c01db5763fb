import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TokenBucket } from '../../../../src/client/layers/token-bucket.js';

describe('TokenBucket', () => {
  it('starts full, takes a burst, then refills at perSecond up to burst', () => {
    const bucket = new TokenBucket(10, 5, 0);
    for (let i = 0; i < 5; i++) assert.equal(bucket.tryTake(0), true);
    assert.equal(bucket.tryTake(0), false);
    assert.equal(bucket.tryTake(99_999), false);
    assert.equal(bucket.tryTake(100_000), true);
    assert.equal(bucket.available(10_000_000), 5); // never more than burst
  });

  it('reservations go into debt and are due one interval apart, in order', () => {
    const bucket = new TokenBucket(4, 2, 1_000);
    assert.deepEqual(
      [1, 2, 3, 4, 5].map(() => bucket.reserve(1_000)),
      [0, 0, 250_000, 500_000, 750_000],
    );
    assert.equal(bucket.available(1_000), -3);
    assert.equal(bucket.reserve(501_000), 500_000); // debt of 3 minus 2 refilled, then this one: due in 2 intervals
  });

  it('a fractional rate refills fractionally', () => {
    const bucket = new TokenBucket(0.5, 1, 0); // 30 per minute
    assert.equal(bucket.tryTake(0), true);
    assert.equal(bucket.reserve(0), 2_000_000);
    assert.equal(bucket.available(1_000_000), -0.5);
  });
});
