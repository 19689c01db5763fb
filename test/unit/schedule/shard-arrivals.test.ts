import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seekableRandom } from '../../../src/random/seeded.js';
import { constantArrivals, rampingArrivals, type ArrivalSchedule } from '../../../src/schedule/arrivals.js';
import { weightedPickerAt } from '../../../src/schedule/mix.js';
import { concurrencyAt, peakConcurrency, shardUserRuns } from '../../../src/schedule/ramping-concurrency.js';
import { arrivalsUpTo, shardArrivals, shardSchedule, type PlannedArrival } from '../../../src/schedule/shard-arrivals.js';
import { WHOLE_RUN, shareOfCount, type Shard } from '../../../src/schedule/shard.js';

const SHARD_COUNTS = [2, 3, 7];
const shards = (count: number): Shard[] => Array.from({ length: count }, (_, index) => ({ index, count }));

/** Four operations weighted 3:1:1:2, each arrival's operation drawn from a seekable stream of seed 11. */
const pick = weightedPickerAt([{ weight: 3 }, { weight: 1 }, { weight: 1 }, { weight: 2 }], seekableRandom(11, 'mix'));

const SCHEDULES: Record<string, ArrivalSchedule> = {
  'constant 1000/s for 1 s': constantArrivals(1_000, { kind: 'duration', us: 1_000_000 }),
  'constant 3/s (fractional intervals) for 10 s': constantArrivals(3, { kind: 'duration', us: 10_000_000 }),
  'constant 500/s for 1,001 arrivals': constantArrivals(500, { kind: 'iterations', count: 1_001 }),
  'ramping 0 → 800/s → 800/s → 50/s': rampingArrivals(0, [
    { target: 800, durationUs: 1_000_000 },
    { target: 800, durationUs: 500_000 },
    { target: 50, durationUs: 1_000_000 },
  ]),
  'ramping 20/s → 0/s': rampingArrivals(20, [{ target: 0, durationUs: 3_000_000 }]),
};

/** The union of every shard's arrivals, in global order. */
function union(schedule: ArrivalSchedule, count: number): PlannedArrival[] {
  return shards(count)
    .flatMap((shard) => shardArrivals(schedule, shard, pick))
    .sort((a, b) => a.k - b.k);
}

describe('shardArrivals: the open model split over N shards is the single-machine schedule exactly', () => {
  for (const [name, schedule] of Object.entries(SCHEDULES)) {
    it(`${name}: for N = 2, 3, 7 the union of the shards equals N = 1 (times and operations)`, () => {
      const whole = shardArrivals(schedule, WHOLE_RUN, pick);
      assert.ok(whole.length > 20, `${whole.length} arrivals`);
      assert.deepEqual(whole.map((a) => a.k), whole.map((_, k) => k), 'the whole run is arrivals 0, 1, 2, … in order');
      assert.ok(new Set(whole.map((a) => a.operation)).size === 4, 'every operation of the mix is drawn');
      for (const count of SHARD_COUNTS) assert.deepEqual(union(schedule, count), whole, `N = ${count}`);
    });
  }

  it('shard i takes the arrivals k ≡ i (mod N), in order, and the shares’ sizes differ by at most one', () => {
    const schedule = SCHEDULES['constant 500/s for 1,001 arrivals']!;
    for (const shard of shards(7)) {
      const mine = shardArrivals(schedule, shard, pick);
      assert.ok(mine.every((a, j) => a.k === j * 7 + shard.index), `shard ${shard.index}`);
      assert.equal(mine.length, shareOfCount(1_001, shard));
    }
  });

  it('a shard’s view keeps the global end (its measured phase starts where the global warmup ends)', () => {
    const warmup = constantArrivals(100, { kind: 'duration', us: 2_000_000 });
    assert.equal(shardSchedule(warmup, { index: 2, count: 3 }).endUs, 2_000_000);
    assert.equal(shardSchedule(warmup, WHOLE_RUN), warmup);
  });

  it('more shards than arrivals: the last shards get none; arrivalsUpTo counts what there is', () => {
    const schedule = constantArrivals(10, { kind: 'iterations', count: 2 });
    assert.deepEqual(shards(3).map((shard) => shardArrivals(schedule, shard, pick).length), [1, 1, 0]);
    assert.equal(arrivalsUpTo(schedule, 3), 2);
    assert.equal(arrivalsUpTo(SCHEDULES['constant 1000/s for 1 s']!, 5), 5);
  });
});

describe('ramping concurrency split over N shards', () => {
  const start = 3;
  const stages = [
    { target: 17, durationUs: 2_000_000 },
    { target: 17, durationUs: 1_000_000 },
    { target: 0, durationUs: 1_500_000 },
  ];
  const peak = peakConcurrency(start, stages);

  /** How many of a shard's workers run at a target: those whose global user number is at most the target. */
  const running = (shard: Shard, target: number): number =>
    Array.from({ length: shareOfCount(peak, shard) }, (_, worker) => worker).filter((worker) => shardUserRuns(worker, shard, target)).length;

  it('for N = 2, 3, 7, at every sampled instant the shards’ running users sum to the global target', () => {
    for (const count of SHARD_COUNTS) {
      assert.equal(shards(count).reduce((sum, shard) => sum + shareOfCount(peak, shard), 0), peak, `N = ${count}: workers`);
      for (let us = 0; us < 4_500_000; us += 9_973) {
        const target = concurrencyAt(start, stages, us)!;
        const sum = shards(count).reduce((total, shard) => total + running(shard, target), 0);
        assert.equal(sum, target, `N = ${count} at ${us} µs`);
      }
    }
  });

  it('user v runs on shard (v − 1) mod N: at target 4 over 3 shards, shard 0 runs users 1 and 4, the others one each', () => {
    assert.deepEqual(shards(3).map((shard) => running(shard, 4)), [2, 1, 1]);
    assert.equal(running(WHOLE_RUN, 4), 4);
  });
});
