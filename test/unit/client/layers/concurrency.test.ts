import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConcurrencyLayer } from '../../../../src/client/layers/concurrency.js';
import { Fifo } from '../../../../src/client/layers/fifo.js';
import { OK, type Outcome } from '../../../../src/client/outcome.js';
import type { ConcurrencyPolicy } from '../../../../src/client/layers/concurrency.js';
import { FakeClock } from '../../../../src/time/fake-clock.js';
import { argOf, echo, options, ScriptedCaller } from './helpers.js';

const QUEUE_FULL: Outcome = { kind: 'rejected', reason: 'queue-full' };

function setup(policy: ConcurrencyPolicy, us = 10_000) {
  const clock = new FakeClock();
  const inner = new ScriptedCaller(clock, () => ({ outcome: OK, us }));
  return { clock, inner, layer: new ConcurrencyLayer(policy, inner, { clock }) };
}

describe('ConcurrencyLayer', () => {
  it('keeps at most `max` calls in flight and serves the queue first in, first out', async () => {
    const { clock, inner, layer } = setup({ max: 2, queue: 10 });
    const calls = Array.from({ length: 6 }, (_, i) => ({ request: echo(`m${i}`), opts: options() }));
    const outcomes = await clock.run(Promise.all(calls.map((c) => layer.call(c.request, c.opts))));
    assert.ok(outcomes.every((o) => o === OK));
    assert.equal(inner.maxInFlight, 2);
    assert.deepEqual(inner.startedAtUs, [0, 0, 10_000, 10_000, 20_000, 20_000]);
    assert.deepEqual(
      inner.requests.map(argOf),
      ['m0', 'm1', 'm2', 'm3', 'm4', 'm5'],
    );
    assert.deepEqual(
      calls.map((c) => c.opts.trace.queueWaitUs),
      [0, 0, 10_000, 10_000, 20_000, 20_000],
    );
    assert.deepEqual(layer.stats(), { admitted: 6, queued: 4, rejected: 0, maxQueued: 4, waitUs: 60_000 });
    assert.equal(clock.nowUs(), 30_000);
  });

  it('rejects calls beyond the queue bound at once', async () => {
    const { clock, inner, layer } = setup({ max: 1, queue: 2 });
    const outcomes = await clock.run(Promise.all(Array.from({ length: 5 }, () => layer.call(echo('a'), options()))));
    assert.deepEqual(outcomes, [OK, OK, OK, QUEUE_FULL, QUEUE_FULL]);
    assert.equal(inner.calls, 3);
    assert.equal(inner.maxInFlight, 1);
    assert.deepEqual(layer.stats(), { admitted: 3, queued: 2, rejected: 2, maxQueued: 2, waitUs: 30_000 });
    assert.equal(await clock.run(layer.call(echo('a'), options())), OK); // all slots free again
  });

  it('a newcomer does not overtake the queue when a slot frees', async () => {
    const { clock, inner, layer } = setup({ max: 1, queue: 5 });
    const first = layer.call(echo('first'), options());
    const waiting = layer.call(echo('waiting'), options());
    await clock.advanceUs(10_000); // first ends, hands its slot to `waiting`
    const newcomer = layer.call(echo('newcomer'), options());
    await clock.run(Promise.all([first, waiting, newcomer]));
    assert.deepEqual(
      inner.requests.map(argOf),
      ['first', 'waiting', 'newcomer'],
    );
    assert.deepEqual(inner.startedAtUs, [0, 10_000, 20_000]);
  });

  it('a rejected call says when to come back: when a slot frees; a stop ends the wait', async () => {
    const { clock, layer } = setup({ max: 1, queue: 0 });
    const first = layer.call(echo('first'), options());
    const rejected = options();
    assert.deepEqual(await layer.call(echo('a'), rejected), QUEUE_FULL);
    let woke = -1;
    void rejected.trace.admission!(new AbortController().signal).then(() => (woke = clock.nowUs()));
    await clock.advanceUs(9_999);
    assert.equal(woke, -1);
    await clock.advanceUs(1);
    assert.equal(await first, OK);
    assert.equal(woke, 10_000);

    const busy = layer.call(echo('busy'), options());
    const again = options();
    await layer.call(echo('a'), again);
    const stop = new AbortController();
    const waiting = again.trace.admission!(stop.signal);
    stop.abort();
    await waiting; // a stop ends the wait at once
    await clock.run(busy);
  });
});

describe('Fifo', () => {
  it('keeps order across wrap-around and growth', () => {
    const fifo = new Fifo<number>(2);
    const out: (number | undefined)[] = [];
    fifo.push(1);
    fifo.push(2);
    out.push(fifo.shift());
    fifo.push(3); // wraps
    fifo.push(4); // grows
    fifo.push(5);
    while (fifo.length > 0) out.push(fifo.shift());
    out.push(fifo.shift());
    assert.deepEqual(out, [1, 2, 3, 4, 5, undefined]);
  });
});
