import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WHOLE_RUN, type Shard } from '../../../src/schedule/shard.js';
import type { Bound } from '../../../src/schedule/bound.js';
import type { WorkloadPlan } from '../../../src/workloads/plan.js';
import { idleBySharding, splitWorkload, workloadType } from '../../../src/workloads/registry.js';
import { minimalScenario, resolve } from '../scenario/helpers.js';

const SHARD_COUNTS = [2, 3, 7];
const shards = (count: number): Shard[] => Array.from({ length: count }, (_, index) => ({ index, count }));
const ECHO = [{ tool: 'echo' }];

/** One workload as a scenario file writes it, resolved exactly as the CLI resolves it. */
function plan(workload: Record<string, unknown>): WorkloadPlan {
  return resolve({ ...minimalScenario(), workloads: [{ name: 'w', operations: ECHO, ...workload }] }).workloads[0]!;
}

const inFlight = (share: WorkloadPlan): number => workloadType(share.type).concurrency(share);
const iterations = (bound: Bound | null): number => (bound?.kind === 'iterations' ? bound.count : 0);
const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/** Every shard's share of a workload over N shards, with whether the registry calls it idle. */
const split = (whole: WorkloadPlan, count: number) =>
  shards(count).map((shard) => {
    const share = splitWorkload(whole, shard);
    return { shard, share, idle: idleBySharding(share) };
  });

describe('splitWorkload: closed-loop counts sum exactly to the whole', () => {
  const cases: Record<string, Record<string, unknown>> = {
    sequential: { type: 'sequential', iterations: 1_000, warmup: 7 },
    'concurrent, C = 2': { type: 'concurrent', concurrency: 2, iterations: 1_001, warmup: 5 },
    'concurrent, C = 3': { type: 'concurrent', concurrency: 3, iterations: 999, warmup: 3 },
    'concurrent, C = 16': { type: 'concurrent', concurrency: 16, iterations: 10_007, warmup: 11 },
  };
  for (const [name, workload] of Object.entries(cases)) {
    it(`${name}: calls in flight, iterations and warmup iterations over N = 2, 3, 7`, () => {
      const whole = plan(workload);
      for (const count of SHARD_COUNTS) {
        const shares = split(whole, count);
        const at = `N = ${count}`;
        assert.equal(sum(shares.map((s) => inFlight(s.share))), inFlight(whole), `${at}: calls in flight`);
        assert.equal(sum(shares.map((s) => iterations(s.share.measure))), iterations(whole.measure), `${at}: iterations`);
        assert.equal(sum(shares.map((s) => iterations(s.share.warmup))), iterations(whole.warmup), `${at}: warmup iterations`);
        for (const { shard, share, idle } of shares) {
          assert.deepEqual(share.shard, shard);
          // A shard without calls in flight gets no iterations, and is idle exactly then.
          if (inFlight(share) === 0) assert.equal(iterations(share.measure) + iterations(share.warmup), 0, `${at}: shard ${shard.index}`);
          assert.equal(idle !== null, inFlight(share) === 0 || iterations(share.measure) === 0, `${at}: shard ${shard.index} idle`);
        }
      }
    });
  }

  it('sequential: shard 0 runs the whole workload (its seed too); every other shard is idle, and says why', () => {
    const whole = plan(cases['sequential']!);
    const [first, ...others] = split(whole, 3);
    assert.deepEqual(first!.share, { ...whole, shard: { index: 0, count: 3 }, callNumbers: { index: 0, count: 1 } }, 'its calls numbered 0, 1, 2, … as on one machine');
    assert.equal(first!.idle, null);
    assert.equal(others[1]!.idle, 'idle by sharding: a sequential workload (one call in flight, on shard 0) gives shard 2/3 nothing');
  });

  it('concurrent, C < N: the first C shards have one call in flight each; the rest are idle, and say why', () => {
    const shares = split(plan({ type: 'concurrent', concurrency: 2, duration: '5s' }), 3);
    assert.deepEqual(shares.map((s) => inFlight(s.share)), [1, 1, 0]);
    assert.deepEqual(shares.map((s) => s.share.measure), Array(3).fill({ kind: 'duration', us: 5_000_000 }));
    assert.equal(shares[2]!.idle, 'idle by sharding: concurrency 2 or less over 3 shards gives shard 2/3 nothing');
  });

  it('concurrent, fewer iterations than shards with calls in flight: the shards left without any are idle', () => {
    const shares = split(plan({ type: 'concurrent', concurrency: 8, iterations: 2 }), 3);
    assert.deepEqual(shares.map((s) => [inFlight(s.share), iterations(s.share.measure)]), [[3, 1], [3, 1], [2, 0]]);
    assert.equal(shares[2]!.idle, 'idle by sharding: fewer measured iterations than shards with calls in flight gives shard 2/3 nothing');
  });

  it('closed loops: each shard draws its mix from its own seed, shard 0 from the workload’s', () => {
    const whole = plan({ type: 'concurrent', concurrency: 8, duration: '1s', seed: 5 });
    const seeds = split(whole, 7).map((s) => s.share.seed);
    assert.equal(seeds[0], 5);
    assert.equal(new Set(seeds).size, 7);
  });

  it('ramping-concurrency: workers split by user (shareOfCount of the peak), the ramp stays global', () => {
    const whole = plan({ type: 'ramping-concurrency', startConcurrency: 2, warmup: 9, stages: [{ target: 5, duration: '1s' }] });
    for (const count of SHARD_COUNTS) {
      const shares = split(whole, count);
      assert.equal(sum(shares.map((s) => inFlight(s.share))), 5, `N = ${count}`);
      assert.equal(sum(shares.map((s) => iterations(s.share.warmup))), 9, `N = ${count}: warmup iterations`);
      // Warmup runs users 1 and 2 only: its iterations go to the shards that own them.
      assert.ok(shares.slice(2).every((s) => iterations(s.share.warmup) === 0), `N = ${count}: warmup on shards 0 and 1 only`);
      for (const { share } of shares) assert.equal(share.type === 'ramping-concurrency' && share.stages, whole.type === 'ramping-concurrency' && whole.stages);
    }
    const seven = split(whole, 7);
    assert.deepEqual(seven.map((s) => s.idle === null), [true, true, true, true, true, false, false]);
    assert.equal(seven[6]!.idle, 'idle by sharding: peak concurrency 5 over 7 shards gives shard 6/7 nothing');
  });
});

describe('splitWorkload: open-model plans keep the global schedule', () => {
  it('constant-rate: same rate and bounds, the cap split (never below 1); autocannon asks for rate / N', () => {
    const whole = plan({ type: 'constant-rate', rate: '900/s', iterations: 1_000, warmup: 10, maxInFlight: 10 });
    const shares = split(whole, 7);
    for (const { share, idle } of shares) {
      assert.equal(idle, null);
      assert.deepEqual({ ...share, maxInFlight: 0, shard: WHOLE_RUN }, { ...whole, maxInFlight: 0 });
    }
    assert.deepEqual(shares.map((s) => inFlight(s.share)), [2, 2, 2, 1, 1, 1, 1]);
    assert.deepEqual(split(whole, 3).map((s) => inFlight(s.share)), [4, 3, 3]);
    const one = plan({ type: 'constant-rate', rate: '10/s', duration: '1s', maxInFlight: 1 });
    assert.deepEqual(split(one, 3).map((s) => inFlight(s.share)), [1, 1, 1]);
    // autocannon strides nothing: it is told the share of the rate and of each iteration bound.
    assert.deepEqual(workloadType('constant-rate').autocannon?.(shares[3]!.share), {
      ratePerSec: 900 / 7,
      maxInFlight: 1,
      phases: { warmup: { kind: 'iterations', count: 1 }, measure: { kind: 'iterations', count: 143 } },
    });
    assert.equal(workloadType('constant-rate').nominalRatePerSec?.(shares[0]!.share), 900 / 7);
  });

  it('constant-rate with fewer arrivals than shards: the shards the schedule never reaches are idle, and say why', () => {
    const shares = split(plan({ type: 'constant-rate', rate: '10/s', iterations: 2 }), 3);
    assert.deepEqual(shares.map((s) => s.idle), [null, null, 'idle by sharding: 2 measured arrivals over 3 shards gives shard 2/3 nothing']);
  });

  it('ramping-rate: same start and stages; a ramp too short for every shard leaves the last ones idle', () => {
    const whole = plan({ type: 'ramping-rate', startRate: '0/s', stages: [{ target: '4/s', duration: '1s' }], maxInFlight: 5 });
    const shares = split(whole, 3);
    for (const { share } of shares) assert.deepEqual({ ...share, maxInFlight: 0, shard: WHOLE_RUN }, { ...whole, maxInFlight: 0 });
    // 0 → 4/s over 1 s: 2 arrivals (at 0 s and at 0.71 s).
    assert.equal(shares[2]!.idle, 'idle by sharding: 2 measured arrivals over 3 shards gives shard 2/3 nothing');
    assert.deepEqual(shares.map((s) => inFlight(s.share)), [2, 2, 1]);
  });
});

describe('splitWorkload over one shard', () => {
  it('is the plan itself, never idle', () => {
    for (const workload of [{ type: 'sequential', iterations: 3 }, { type: 'constant-rate', rate: '1/s', iterations: 1 }]) {
      const whole = plan(workload);
      assert.equal(splitWorkload(whole, WHOLE_RUN), whole);
      assert.equal(idleBySharding(whole), null);
    }
  });
});
