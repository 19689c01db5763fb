import assert from 'node:assert/strict';
import { test } from 'node:test';
import { retryAfterSeconds, TokenBucket, type Take } from '../../../src/server/token-bucket.js';

/** A clock that moves only when told, in µs. */
function fakeNow(): { nowUs: () => number; advance: (us: number) => void } {
  let now = 1_000_000;
  return { nowUs: () => now, advance: (us) => void (now += us) };
}

function takes(bucket: TokenBucket, count: number): Take[] {
  return Array.from({ length: count }, () => bucket.take());
}

test('starts full: a burst of one second worth passes, the next call waits for the refill', () => {
  const clock = fakeNow();
  const bucket = new TokenBucket(4, clock.nowUs);
  assert.equal(bucket.capacity, 4);
  assert.deepEqual(takes(bucket, 5), [
    { taken: true },
    { taken: true },
    { taken: true },
    { taken: true },
    { taken: false, waitUs: 250_000 },
  ]);
});

test('refills continuously at the rate, never above one second worth', () => {
  const clock = fakeNow();
  const bucket = new TokenBucket(2, clock.nowUs);
  assert.deepEqual(takes(bucket, 3), [{ taken: true }, { taken: true }, { taken: false, waitUs: 500_000 }]);
  clock.advance(200_000);
  assert.deepEqual(bucket.take(), { taken: false, waitUs: 300_000 }, 'a refused take spends nothing');
  clock.advance(300_000);
  assert.deepEqual(takes(bucket, 2), [{ taken: true }, { taken: false, waitUs: 500_000 }]);
  clock.advance(60_000_000);
  assert.deepEqual(takes(bucket, 3), [{ taken: true }, { taken: true }, { taken: false, waitUs: 500_000 }]);
});

test('after the burst, exactly rate × elapsed calls pass over a long steady run', () => {
  const clock = fakeNow();
  const bucket = new TokenBucket(100, clock.nowUs);
  assert.equal(takes(bucket, 101).filter((take) => take.taken).length, 100);
  let admitted = 0;
  for (let ms = 0; ms < 10_000; ms += 1) {
    clock.advance(1_000);
    for (let i = 0; i < 3; i += 1) if (bucket.take().taken) admitted += 1;
  }
  assert.equal(admitted, 1_000, '100 per second for 10 seconds, offered 3 per ms');
});

test('a rate below 1/s still admits one call at once, then waits whole periods', () => {
  const clock = fakeNow();
  const bucket = new TokenBucket(0.5, clock.nowUs);
  assert.equal(bucket.capacity, 1);
  assert.deepEqual(takes(bucket, 2), [{ taken: true }, { taken: false, waitUs: 2_000_000 }]);
  clock.advance(1_999_999);
  assert.equal(bucket.take().taken, false);
  clock.advance(1);
  assert.equal(bucket.take().taken, true);
});

test('a clock that steps back does not mint tokens', () => {
  let now = 5_000_000;
  const bucket = new TokenBucket(1, () => now);
  assert.equal(bucket.take().taken, true);
  now -= 3_000_000;
  assert.equal(bucket.take().taken, false);
  now += 3_000_000;
  assert.equal(bucket.take().taken, false, 'time spent going back and forth again is not a refill');
});

test('rejects rates that are not finite and positive', () => {
  for (const rate of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
    assert.throws(() => new TokenBucket(rate, () => 0), RangeError);
  }
});

test('Retry-After is whole seconds, rounded up, at least 1', () => {
  assert.equal(retryAfterSeconds(0), 1);
  assert.equal(retryAfterSeconds(10_000), 1);
  assert.equal(retryAfterSeconds(1_000_000), 1);
  assert.equal(retryAfterSeconds(1_000_001), 2);
  assert.equal(retryAfterSeconds(2_500_000), 3);
});
