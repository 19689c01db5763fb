import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pickChild, type BalanceState } from '../../../../src/client/layers/balance-pick.js';
import { Balancer, type BalancerDeps } from '../../../../src/client/layers/balancer.js';
import { OK, type Outcome } from '../../../../src/client/outcome.js';
import type { BalanceStrategy } from '../../../../src/client/policies.js';
import { FakeClock } from '../../../../src/time/fake-clock.js';
import { echo, options, ScriptedCaller } from './helpers.js';

const state = (overrides: Partial<BalanceState>): BalanceState => ({
  strategy: 'round-robin',
  outstanding: [0, 0, 0],
  latencyEwmaUs: [Number.NaN, Number.NaN, Number.NaN],
  lastPicked: [-1, -1, -1],
  sequence: 0,
  exploreEvery: 0,
  ...overrides,
});

describe('pickChild', () => {
  it('round-robin rotates exactly', () => {
    const picks = Array.from({ length: 7 }, (_, sequence) => pickChild(state({ sequence, outstanding: [5, 0, 0] })));
    assert.deepEqual(picks, [0, 1, 2, 0, 1, 2, 0]);
  });

  it('least-outstanding takes the fewest in flight, ties in rotation order', () => {
    const pick = (outstanding: number[], sequence: number): number => pickChild(state({ strategy: 'least-outstanding', outstanding, sequence }));
    assert.equal(pick([3, 1, 2], 0), 1);
    assert.equal(pick([0, 0, 0], 0), 0);
    assert.equal(pick([0, 0, 0], 1), 1);
    assert.equal(pick([0, 0, 0], 5), 2);
    assert.equal(pick([1, 0, 0], 3), 1); // rotation starts at 0, which is busy: the first idle after it
    assert.equal(pick([0, 2, 0], 1), 2);
  });

  it('fastest: idle unmeasured children first, then the lowest EWMA, ties to fewer in flight', () => {
    const pick = (overrides: Partial<BalanceState>): number => pickChild(state({ strategy: 'fastest', ...overrides }));
    assert.equal(pick({ latencyEwmaUs: [500, Number.NaN, Number.NaN], outstanding: [0, 1, 0] }), 2);
    assert.equal(pick({ latencyEwmaUs: [500, 300, 900] }), 1);
    assert.equal(pick({ latencyEwmaUs: [300, 300, 900], outstanding: [4, 2, 0] }), 1);
    assert.equal(pick({ latencyEwmaUs: [Number.NaN, 700, 900], outstanding: [1, 0, 0] }), 1); // busy, unmeasured: skipped
    assert.equal(pick({ latencyEwmaUs: [Number.NaN, Number.NaN, Number.NaN], outstanding: [2, 1, 3] }), 1);
  });

  it('fastest explores the least recently picked child every exploreEvery-th call', () => {
    const base = { strategy: 'fastest' as const, latencyEwmaUs: [100, 900, 800], lastPicked: [41, 12, 30], exploreEvery: 10 };
    assert.equal(pickChild(state({ ...base, sequence: 42 })), 0);
    assert.equal(pickChild(state({ ...base, sequence: 49 })), 1);
    assert.equal(pickChild(state({ ...base, sequence: 49, exploreEvery: 0 })), 0);
  });

  it('a single child is always the one', () => {
    for (const strategy of ['round-robin', 'least-outstanding', 'fastest'] as const) {
      assert.equal(pickChild(state({ strategy, outstanding: [3], latencyEwmaUs: [1], lastPicked: [0], sequence: 7 })), 0);
    }
  });
});

/** Children answering after a latency that depends on how many calls that child has had. */
function setup(strategy: BalanceStrategy, latencies: ((n: number) => number)[], balancerOptions: Omit<BalancerDeps, 'clock'> = {}, outcome: (child: number) => Outcome = () => OK) {
  const clock = new FakeClock();
  const children = latencies.map((latency, child) => new ScriptedCaller(clock, (n) => ({ outcome: outcome(child), us: latency(n) })));
  const balancer = new Balancer(children, strategy, { clock, ...balancerOptions });
  /** Sequential calls; returns the child each went to. */
  const sequential = async (count: number): Promise<number[]> => {
    const picks: number[] = [];
    for (let i = 0; i < count; i++) {
      const opts = options();
      await clock.run(balancer.call(echo('a'), opts));
      picks.push(opts.trace.endpoint);
    }
    return picks;
  };
  return { clock, children, balancer, sequential };
}

describe('Balancer', () => {
  it('round-robin: exact rotation, counted per child, recorded in the trace', async () => {
    const b = setup('round-robin', [() => 1_000, () => 50_000, () => 1]);
    assert.deepEqual(await b.sequential(7), [0, 1, 2, 0, 1, 2, 0]);
    assert.deepEqual(b.balancer.stats(), { child0: 3, child1: 2, child2: 2 });
  });

  it("records the choice in the trace field it was given (sessions within a pool)", async () => {
    const b = setup('round-robin', [() => 0, () => 0], { traceField: 'session' });
    const opts = options();
    await b.balancer.call(echo('a'), opts);
    await b.balancer.call(echo('a'), opts);
    assert.equal(opts.trace.session, 1);
    assert.equal(opts.trace.endpoint, -1);
  });

  it('least-outstanding sends to the idle child while another is stuck', async () => {
    const b = setup('least-outstanding', [() => 100_000, () => 1_000]);
    const stuck = b.balancer.call(echo('slow'), options()); // child 0, for 100 ms
    const picks: number[] = [];
    for (let i = 0; i < 6; i++) {
      const opts = options();
      const call = b.balancer.call(echo('a'), opts);
      await b.clock.advanceUs(1_000);
      await call;
      picks.push(opts.trace.endpoint);
    }
    assert.deepEqual(picks, [1, 1, 1, 1, 1, 1]);
    await b.clock.run(stuck);
    assert.deepEqual(b.balancer.stats(), { child0: 1, child1: 6 });
  });

  it('fastest follows the EWMA when a child becomes slow', async () => {
    const b = setup('fastest', [(n) => (n < 3 ? 1_000 : 50_000), () => 2_000], { exploreEvery: 0 });
    // untried first (0, 1), then child 0 (1 ms < 2 ms) until its 4th call takes 50 ms: EWMA 1 000 → 10 800
    assert.deepEqual(await b.sequential(8), [0, 1, 0, 0, 0, 1, 1, 1]);
  });

  it('fastest with exploration notices a child that recovered', async () => {
    // child 0: 50 ms for its first call, then 500 µs; child 1: always 2 ms. Every 4th call (sequence 3, 7, 11)
    // goes to the least recently picked child, and that probe's latency replaces the child's average.
    const b = setup('fastest', [(n) => (n === 0 ? 50_000 : 500), () => 2_000], { exploreEvery: 4 });
    assert.deepEqual(await b.sequential(12), [0, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1]);
    assert.deepEqual(b.balancer.stats(), { child0: 8, child1: 4 });
  });

  it('without exploration, a slow start keeps a child out for as long as its EWMA says', async () => {
    const b = setup('fastest', [(n) => (n === 0 ? 50_000 : 500), () => 2_000], { exploreEvery: 0 });
    assert.deepEqual(await b.sequential(6), [0, 1, 1, 1, 1, 1]);
  });

  it('fastest does not mistake a child that fails at once for a fast one', async () => {
    const refused: Outcome = { kind: 'transport', code: 'ECONNREFUSED' };
    const b = setup('fastest', [() => 0, () => 5_000], { exploreEvery: 0 }, (child) => (child === 0 ? refused : OK));
    assert.deepEqual(await b.sequential(5), [0, 1, 1, 1, 1]);
  });

  it('close closes every child', async () => {
    const b = setup('round-robin', [() => 0, () => 0]);
    await b.balancer.close();
    assert.deepEqual(
      b.children.map((c) => c.closed),
      [true, true],
    );
  });
});
