import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AttemptLayer } from '../../../../src/client/layers/attempt.js';
import { OK, TIMEOUT, type Outcome } from '../../../../src/client/outcome.js';
import { FakeClock } from '../../../../src/time/fake-clock.js';
import { echo, options, sequenceCaller } from './helpers.js';

describe('AttemptLayer', () => {
  it('counts attempts, keeps the first outcome, and reports each latency on the clock', async () => {
    const clock = new FakeClock(5_000);
    const inner = sequenceCaller(clock, [{ outcome: TIMEOUT, us: 30_000 }, { outcome: OK, us: 1_250 }]);
    const layer = new AttemptLayer(inner, { clock });
    const opts = options();
    const seen: [number, Outcome][] = [];
    opts.trace.onAttempt = (latencyUs, outcome) => seen.push([latencyUs, outcome]);
    assert.equal(await clock.run(layer.call(echo('a'), opts)), TIMEOUT);
    assert.equal(await clock.run(layer.call(echo('a'), opts)), OK);
    assert.equal(opts.trace.attempts, 2);
    assert.equal(opts.trace.firstOutcome, TIMEOUT);
    assert.deepEqual(seen, [
      [30_000, TIMEOUT],
      [1_250, OK],
    ]);
    assert.deepEqual(layer.stats(), { attempts: 2 });
  });

  it('turns an exception from below into a transport outcome instead of throwing', async () => {
    const clock = new FakeClock();
    const throwing = { call: () => Promise.reject(new Error('boom')), close: async () => undefined };
    const layer = new AttemptLayer(throwing, { clock });
    assert.deepEqual(await layer.call(echo('a'), options()), { kind: 'transport', code: 'unknown' });
  });

  it('close closes the layer below', async () => {
    const clock = new FakeClock();
    const inner = sequenceCaller(clock, [{ outcome: OK }]);
    await new AttemptLayer(inner, { clock }).close();
    assert.equal(inner.closed, true);
  });
});
