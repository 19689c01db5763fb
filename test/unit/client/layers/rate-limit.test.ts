import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RateLimitLayer } from '../../../../src/client/layers/rate-limit.js';
import { OK, type Outcome } from '../../../../src/client/outcome.js';
import type { RateLimitPolicy } from '../../../../src/client/layers/rate-limit.js';
import { FakeClock } from '../../../../src/time/fake-clock.js';
import { echo, options, sequenceCaller } from './helpers.js';

const RATE_LIMITED: Outcome = { kind: 'rejected', reason: 'rate-limited' };

function setup(policy: RateLimitPolicy) {
  const clock = new FakeClock();
  const inner = sequenceCaller(clock, [{ outcome: OK }]);
  return { clock, inner, layer: new RateLimitLayer(policy, inner, { clock }) };
}

describe('RateLimitLayer', () => {
  it('lets a burst through at once, then exactly perSecond per second, in arrival order', async () => {
    const { clock, inner, layer } = setup({ perSecond: 10, burst: 5, queue: 1_000 });
    const calls = Array.from({ length: 25 }, () => options());
    const outcomes = await clock.run(Promise.all(calls.map((o) => layer.call(echo('a'), o))));
    assert.ok(outcomes.every((o) => o === OK));
    const expected = [0, 0, 0, 0, 0, ...Array.from({ length: 20 }, (_, i) => (i + 1) * 100_000)];
    assert.deepEqual(inner.startedAtUs, expected);
    assert.equal(inner.startedAtUs.filter((t) => t < 1_000_000).length, 14); // burst + 9 in the first second
    assert.equal(inner.startedAtUs.filter((t) => t >= 1_000_000 && t < 2_000_000).length, 10);
    assert.deepEqual(
      calls.map((o) => o.trace.rateWaitUs),
      expected,
    );
    assert.deepEqual(layer.stats(), { admitted: 25, waited: 20, rejected: 0, waitUs: 21_000_000 });
  });

  it('at most `queue` calls wait; more are rejected without taking a token', async () => {
    const { clock, inner, layer } = setup({ perSecond: 10, burst: 2, queue: 3 });
    const outcomes = await clock.run(Promise.all(Array.from({ length: 10 }, () => layer.call(echo('a'), options()))));
    assert.deepEqual(outcomes, [OK, OK, OK, OK, OK, RATE_LIMITED, RATE_LIMITED, RATE_LIMITED, RATE_LIMITED, RATE_LIMITED]);
    assert.deepEqual(inner.startedAtUs, [0, 0, 100_000, 200_000, 300_000]);
    assert.deepEqual(layer.stats(), { admitted: 5, waited: 3, rejected: 5, waitUs: 600_000 });
    const later = options();
    assert.equal(await clock.run(layer.call(echo('a'), later)), OK); // queue drained; the next token is due at 400 000
    assert.equal(later.trace.rateWaitUs, 100_000);
  });

  it('with no queue, a call without a token is rejected at once', async () => {
    const { clock, layer } = setup({ perSecond: 1, burst: 1, queue: 0 });
    assert.equal(await layer.call(echo('a'), options()), OK);
    assert.deepEqual(await layer.call(echo('a'), options()), RATE_LIMITED);
    await clock.advanceUs(1_000_000);
    assert.equal(await layer.call(echo('a'), options()), OK);
    assert.deepEqual(layer.stats(), { admitted: 2, waited: 0, rejected: 1, waitUs: 0 });
  });

  it('a rejected call says when to come back: when the bucket holds a token again', async () => {
    const { clock, layer } = setup({ perSecond: 10, burst: 1, queue: 0 });
    assert.equal(await layer.call(echo('a'), options()), OK);
    await clock.advanceUs(30_000);
    const rejected = options();
    assert.deepEqual(await layer.call(echo('a'), rejected), RATE_LIMITED);
    let woke = -1;
    void rejected.trace.admission!(new AbortController().signal).then(() => (woke = clock.nowUs()));
    await clock.advanceUs(69_999);
    assert.equal(woke, -1);
    await clock.advanceUs(1);
    assert.equal(woke, 100_000);
    assert.equal(await layer.call(echo('a'), options()), OK);
  });
});

