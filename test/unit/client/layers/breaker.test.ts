import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BreakerLayer } from '../../../../src/client/layers/breaker.js';
import { OK, TIMEOUT, TOOL_ERROR, type Outcome } from '../../../../src/client/outcome.js';
import type { BreakerPolicy } from '../../../../src/client/layers/breaker.js';
import { FakeClock } from '../../../../src/time/fake-clock.js';
import { echo, events, options, ScriptedCaller, type Step } from './helpers.js';

const policy: BreakerPolicy = { failures: 3, windowUs: 10_000, cooldownUs: 50_000, halfOpenProbes: 2 };
const REJECTED: Outcome = { kind: 'rejected', reason: 'breaker-open' };
const RPC_ERROR: Outcome = { kind: 'rpc-error', code: -32603 };

function setup(script: (n: number) => Step, p: BreakerPolicy = policy) {
  const clock = new FakeClock();
  const inner = new ScriptedCaller(clock, script);
  const log = events();
  const layer = new BreakerLayer(p, inner, { clock, emit: log.emit });
  const call = (): Promise<Outcome> => clock.run(layer.call(echo('a'), options()));
  const transitions = (): string[] => log.list.map((e) => (e.type === 'breaker' ? `${e.from}→${e.to}` : e.type));
  return { clock, inner, layer, call, transitions };
}

/** Three failures at 0, 1 000 and 2 000 µs: the breaker opens at 2 000. */
async function openIt(b: ReturnType<typeof setup>): Promise<void> {
  await b.call();
  await b.clock.advanceUs(1_000);
  await b.call();
  await b.clock.advanceUs(1_000);
  await b.call();
}

describe('BreakerLayer', () => {
  it('closed → open → half-open → closed', async () => {
    const b = setup((n) => ({ outcome: n < 3 ? TIMEOUT : OK }));
    await openIt(b);
    assert.deepEqual(b.transitions(), ['closed→open']);
    const rejected = options();
    assert.deepEqual(await b.clock.run(b.layer.call(echo('a'), rejected)), REJECTED);
    assert.equal(rejected.trace.attempts, 0);
    assert.equal(b.inner.calls, 3);
    await b.clock.advanceUs(49_999); // 51 999: still open
    assert.deepEqual(await b.call(), REJECTED);
    await b.clock.advanceUs(1); // 52 000: cooldown over
    assert.deepEqual(b.layer.stats(), { state: 'half-open', opens: 1, rejected: 2, openUs: 50_000 });
    assert.equal(await b.call(), OK);
    assert.deepEqual(b.transitions(), ['closed→open', 'open→half-open']);
    assert.equal(await b.call(), OK);
    assert.deepEqual(b.transitions(), ['closed→open', 'open→half-open', 'half-open→closed']);
    assert.equal(b.inner.calls, 5);
    assert.deepEqual(b.layer.stats(), { state: 'closed', opens: 1, rejected: 2, openUs: 50_000 });
  });

  it('a probe failure opens it again for a new cooldown; openUs counts the time open so far', async () => {
    const b = setup((n) => ({ outcome: n < 3 ? TIMEOUT : n === 3 ? OK : RPC_ERROR }));
    await openIt(b);
    await b.clock.advanceUs(50_000); // 52 000
    assert.equal(await b.call(), OK);
    assert.deepEqual(await b.call(), RPC_ERROR);
    assert.deepEqual(b.transitions(), ['closed→open', 'open→half-open', 'half-open→open']);
    await b.clock.advanceUs(20_000); // reopened at 52 000, now 72 000
    assert.deepEqual(b.layer.stats(), { state: 'open', opens: 2, rejected: 0, openUs: 70_000 });
    assert.deepEqual(await b.call(), REJECTED);
    await b.clock.advanceUs(30_000); // 102 000: second cooldown over
    assert.equal(b.layer.stats()['openUs'], 100_000);
    assert.deepEqual(await b.call(), RPC_ERROR); // the probe goes through, fails
    assert.equal(b.layer.stats()['opens'], 3);
  });

  it('counts only failures within the rolling window', async () => {
    const b = setup(() => ({ outcome: TIMEOUT }));
    for (const atUs of [0, 5_000, 10_000]) {
      await b.clock.advanceUs(atUs - b.clock.nowUs());
      await b.call();
    }
    assert.equal(b.layer.stats()['state'], 'closed'); // 0 and 10 000 are exactly a window apart
    await b.clock.advanceUs(1_000);
    await b.call(); // 5 000, 10 000, 11 000
    assert.equal(b.layer.stats()['state'], 'open');
  });

  it('tool errors, successes and rejections from below are not failures', async () => {
    const outcomes: Outcome[] = [TOOL_ERROR, OK, { kind: 'rejected', reason: 'queue-full' }];
    const b = setup((n) => ({ outcome: outcomes[n % 3]! }));
    for (let i = 0; i < 30; i++) await b.call();
    assert.deepEqual(b.layer.stats(), { state: 'closed', opens: 0, rejected: 0, openUs: 0 });
    assert.equal(b.inner.calls, 30);
  });

  it('half-open lets only halfOpenProbes calls through', async () => {
    const b = setup((n) => ({ outcome: n < 3 ? TIMEOUT : OK, us: n < 3 ? 0 : 1_000 }));
    await openIt(b);
    await b.clock.advanceUs(50_000);
    const outcomes = await b.clock.run(Promise.all([1, 2, 3].map(() => b.layer.call(echo('a'), options()))));
    assert.deepEqual(outcomes, [OK, OK, REJECTED]);
    assert.equal(b.inner.calls, 5);
    assert.equal(b.layer.stats()['state'], 'closed');
  });

  it('a probe rejected by a layer below gives its place to another probe', async () => {
    const queueFull: Outcome = { kind: 'rejected', reason: 'queue-full' };
    const b = setup((n) => ({ outcome: n < 3 ? TIMEOUT : n === 3 ? queueFull : OK }), { ...policy, halfOpenProbes: 1 });
    await openIt(b);
    await b.clock.advanceUs(50_000);
    assert.deepEqual(await b.call(), queueFull);
    assert.equal(b.layer.stats()['state'], 'half-open');
    assert.equal(await b.call(), OK);
    assert.equal(b.layer.stats()['state'], 'closed');
  });

  it('an outcome from an earlier phase changes nothing', async () => {
    const b = setup((n) => (n === 0 ? { outcome: TIMEOUT, us: 30_000 } : n < 4 ? { outcome: TIMEOUT } : { outcome: OK }));
    const slow = b.layer.call(echo('slow'), options()); // admitted while closed, fails at 30 000
    await b.clock.advanceUs(1_000);
    await openIt(b); // opens at 3 000
    await b.clock.advanceUs(27_000); // 30 000: the slow call fails while open
    assert.equal(await slow, TIMEOUT);
    assert.deepEqual(b.transitions(), ['closed→open']);
    assert.deepEqual(b.layer.stats(), { state: 'open', opens: 1, rejected: 0, openUs: 27_000 });
    await b.clock.advanceUs(23_000); // 53 000: half-open, and the late failure did not extend the cooldown
    assert.equal(await b.call(), OK);
  });

  it('a rejection says when to come back: open, at the end of the cooldown; a stop ends the wait at once', async () => {
    const b = setup((n) => ({ outcome: n < 3 ? TIMEOUT : OK }));
    await openIt(b); // opened at 2 000, cooldown 50 000
    const rejected = options();
    await b.clock.advanceUs(10_000);
    assert.deepEqual(await b.clock.run(b.layer.call(echo('a'), rejected)), REJECTED);
    const admission = rejected.trace.admission;
    assert.ok(admission, 'the rejected call carries when the breaker may admit again');
    let woke = -1;
    void admission(new AbortController().signal).then(() => (woke = b.clock.nowUs()));
    await b.clock.advanceUs(39_999);
    assert.equal(woke, -1);
    await b.clock.advanceUs(1);
    assert.equal(woke, 52_000);
    assert.equal(await b.call(), OK, 'the first call back is the probe, on time');

    rejected.trace.reset();
    assert.equal(rejected.trace.admission, null);
    const c = setup(() => ({ outcome: TIMEOUT }));
    await openIt(c);
    const stop = new AbortController();
    const again = options();
    await c.clock.run(c.layer.call(echo('a'), again));
    const waiting = again.trace.admission!(stop.signal);
    stop.abort();
    await waiting;
    assert.equal(c.clock.pendingTimers, 0);
  });

  it('half-open with every probe place taken: a rejected call waits for the probe\'s verdict (or close)', async () => {
    const b = setup((n) => ({ outcome: n < 3 ? TIMEOUT : OK, us: n < 3 ? 0 : 1_000 }), { ...policy, halfOpenProbes: 1 });
    await openIt(b);
    await b.clock.advanceUs(50_000); // 52 000: half-open
    const probe = b.layer.call(echo('probe'), options());
    const rejected = options();
    assert.deepEqual(await b.layer.call(echo('a'), rejected), REJECTED);
    let woke = -1;
    void rejected.trace.admission!(new AbortController().signal).then(() => (woke = b.clock.nowUs()));
    await b.clock.advanceUs(999);
    assert.equal(woke, -1, 'still waiting while the probe is out');
    await b.clock.advanceUs(1);
    assert.equal(await probe, OK);
    assert.equal(woke, 53_000, 'woken by the verdict (closed)');

    const c = setup((n) => ({ outcome: n < 3 ? TIMEOUT : OK, us: n < 3 ? 0 : 60_000 }), { ...policy, halfOpenProbes: 1 });
    await openIt(c);
    await c.clock.advanceUs(50_000);
    void c.layer.call(echo('probe'), options());
    const left = options();
    await c.layer.call(echo('a'), left);
    const waiting = left.trace.admission!(new AbortController().signal);
    await c.layer.close();
    await waiting; // closing the layer lets every waiter go
  });
});
