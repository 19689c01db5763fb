import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AttemptLayer } from '../../../../src/client/layers/attempt.js';
import { RetryLayer } from '../../../../src/client/layers/retry.js';
import { OK, TIMEOUT, TOOL_ERROR, type Outcome } from '../../../../src/client/outcome.js';
import type { RetryPolicy } from '../../../../src/client/layers/retry.js';
import { seededRandom } from '../../../../src/random/seeded.js';
import { FakeClock } from '../../../../src/time/fake-clock.js';
import { echo, events, options, sequenceCaller, type Step } from './helpers.js';

const policy = (overrides: Partial<RetryPolicy> = {}): RetryPolicy => ({
  attempts: 3,
  backoff: 'exponential',
  baseUs: 100_000,
  maxUs: 1_000_000,
  multiplier: 2,
  jitter: 'none',
  on: ['timeout', 'transport', 'rate-limited', 'unavailable'],
  respectRetryAfter: true,
  ...overrides,
});

function setup(steps: readonly Step[], p: RetryPolicy = policy()) {
  const clock = new FakeClock();
  const inner = sequenceCaller(clock, steps);
  const log = events();
  const layer = new RetryLayer(p, new AttemptLayer(inner, { clock }), { clock, random: seededRandom(1, 'test'), emit: log.emit });
  return { clock, inner, layer, log };
}

describe('RetryLayer', () => {
  it('retries until success, sleeping the backoff on the clock, and returns the last outcome', async () => {
    const { clock, inner, layer, log } = setup([{ outcome: TIMEOUT }, { outcome: { kind: 'transport', code: 'closed' } }, { outcome: OK }]);
    const opts = options();
    assert.equal(await clock.run(layer.call(echo('a'), opts)), OK);
    assert.equal(inner.calls, 3);
    assert.deepEqual(inner.startedAtUs, [0, 100_000, 300_000]);
    assert.equal(opts.trace.attempts, 3);
    assert.equal(opts.trace.firstOutcome, TIMEOUT);
    assert.equal(opts.trace.backoffUs, 300_000);
    assert.deepEqual(log.list, [
      { type: 'retry', attempt: 2, delayUs: 100_000, cause: 'timeout' },
      { type: 'retry', attempt: 3, delayUs: 200_000, cause: 'transport:closed' },
    ]);
    assert.deepEqual(layer.stats(), { calls: 1, retries: 2, retriedCalls: 1, exhausted: 0, backoffUs: 300_000 });
  });

  it('stops at `attempts` and returns the last failure (exhausted)', async () => {
    const last: Outcome = { kind: 'transport', code: 'ECONNRESET' };
    const { clock, inner, layer } = setup([{ outcome: TIMEOUT }, { outcome: TIMEOUT }, { outcome: last }, { outcome: OK }]);
    assert.equal(await clock.run(layer.call(echo('a'), options())), last);
    assert.equal(inner.calls, 3);
    assert.equal(clock.nowUs(), 300_000);
    assert.deepEqual(layer.stats(), { calls: 1, retries: 2, retriedCalls: 1, exhausted: 1, backoffUs: 300_000 });
  });

  it('retries only the listed classes', async () => {
    const { clock, inner, layer } = setup([{ outcome: { kind: 'transport', code: 'http-503' } }, { outcome: OK }], policy({ on: ['rate-limited'] }));
    assert.deepEqual(await clock.run(layer.call(echo('a'), options())), { kind: 'transport', code: 'http-503' });
    assert.equal(inner.calls, 1);
    assert.deepEqual(layer.stats(), { calls: 1, retries: 0, retriedCalls: 0, exhausted: 0, backoffUs: 0 });
  });

  it('never retries a tool error unless listed, and then does', async () => {
    const unlisted = setup([{ outcome: TOOL_ERROR }, { outcome: OK }]);
    assert.equal(await unlisted.clock.run(unlisted.layer.call(echo('a'), options())), TOOL_ERROR);
    assert.equal(unlisted.inner.calls, 1);
    const listed = setup([{ outcome: TOOL_ERROR }, { outcome: OK }], policy({ on: ['tool-error'] }));
    assert.equal(await listed.clock.run(listed.layer.call(echo('a'), options())), OK);
    assert.equal(listed.inner.calls, 2);
  });

  it('never retries a rejection or an ok', async () => {
    const rejected: Outcome = { kind: 'rejected', reason: 'queue-full' };
    const all = policy({ on: ['timeout', 'transport', 'rate-limited', 'unavailable', 'tool-error', 'rpc-error'] });
    const { clock, inner, layer } = setup([{ outcome: rejected }, { outcome: OK }], all);
    assert.equal(await clock.run(layer.call(echo('a'), options())), rejected);
    assert.equal(await clock.run(layer.call(echo('a'), options())), OK);
    assert.equal(inner.calls, 2);
    assert.equal(layer.stats().retries, 0);
  });

  it("waits the server's Retry-After, capped at maxUs", async () => {
    const limited: Outcome = { kind: 'transport', code: 'http-429', retryAfterUs: 5_000_000 };
    const busy: Outcome = { kind: 'transport', code: 'http-503', retryAfterUs: 250_000 };
    const { clock, inner, layer, log } = setup([{ outcome: limited }, { outcome: busy }, { outcome: OK }]);
    const opts = options();
    assert.equal(await clock.run(layer.call(echo('a'), opts)), OK);
    assert.deepEqual(inner.startedAtUs, [0, 1_000_000, 1_250_000]);
    assert.equal(opts.trace.backoffUs, 1_250_000);
    assert.deepEqual(
      log.list.map((e) => (e.type === 'retry' ? [e.delayUs, e.cause] : null)),
      [
        [1_000_000, 'transport:http-429'],
        [250_000, 'transport:http-503'],
      ],
    );
  });

  it('with one attempt, a retryable failure is exhausted at once', async () => {
    const { clock, inner, layer } = setup([{ outcome: TIMEOUT }], policy({ attempts: 1 }));
    assert.equal(await clock.run(layer.call(echo('a'), options())), TIMEOUT);
    assert.equal(inner.calls, 1);
    assert.deepEqual(layer.stats(), { calls: 1, retries: 0, retriedCalls: 0, exhausted: 1, backoffUs: 0 });
  });
});
