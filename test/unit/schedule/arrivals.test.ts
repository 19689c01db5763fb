import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { constantArrivals, countArrivals, rampingArrivals, type ArrivalSchedule } from '../../../src/schedule/arrivals.js';
import { concurrencyAt, peakConcurrency } from '../../../src/schedule/ramping-concurrency.js';

/** Every arrival time of a schedule (µs), rounded to 0.001 µs to keep float noise out of exact comparisons. */
function all(schedule: ArrivalSchedule, limit = 100_000): number[] {
  const times: number[] = [];
  for (let k = 0; k < limit; k++) {
    const at = schedule.arrivalUs(k);
    if (at === null) break;
    times.push(Math.round(at * 1000) / 1000);
  }
  return times;
}

describe('constantArrivals', () => {
  it('sends at exact intervals from time zero, within a duration', () => {
    assert.deepEqual(all(constantArrivals(100, { kind: 'duration', us: 50_000 })), [0, 10_000, 20_000, 30_000, 40_000]);
    assert.equal(constantArrivals(100, { kind: 'duration', us: 50_000 }).endUs, 50_000);
  });

  it('or for a number of arrivals', () => {
    const schedule = constantArrivals(4, { kind: 'iterations', count: 3 });
    assert.deepEqual(all(schedule), [0, 250_000, 500_000]);
    assert.equal(schedule.endUs, 750_000);
  });

  it('keeps fractional intervals exact: 3/s over 1 s', () => {
    assert.deepEqual(all(constantArrivals(3, { kind: 'duration', us: 1_000_000 })), [0, 333_333.333, 666_666.667]);
  });

  it('counts exactly rate × duration arrivals at a high rate', () => {
    assert.equal(all(constantArrivals(5_000, { kind: 'duration', us: 2_000_000 })).length, 10_000);
  });
});

describe('rampingArrivals', () => {
  it('a flat stage is the constant schedule', () => {
    assert.deepEqual(all(rampingArrivals(100, [{ target: 100, durationUs: 50_000 }])), [0, 10_000, 20_000, 30_000, 40_000]);
  });

  it('a ramp from 0 to 100/s over 1 s sends 50 calls, the k-th at sqrt(2k / 100) s', () => {
    const times = all(rampingArrivals(0, [{ target: 100, durationUs: 1_000_000 }]));
    assert.equal(times.length, 50);
    for (const [k, t] of times.entries()) assert.ok(Math.abs(t - Math.sqrt((2 * k) / 100) * 1e6) < 0.01, `arrival ${k} at ${t}`);
  });

  it('crosses stage boundaries exactly: 0→100/s over 1 s, then 100/s for 1 s', () => {
    const times = all(rampingArrivals(0, [{ target: 100, durationUs: 1_000_000 }, { target: 100, durationUs: 1_000_000 }]));
    assert.equal(times.length, 150);
    assert.equal(times[50], 1_000_000, 'the 50th arrival lands on the boundary');
    assert.equal(times[51], 1_010_000);
    assert.equal(times[149], 1_990_000);
  });

  it('ramps down, and a stage at 0/s sends nothing', () => {
    const times = all(rampingArrivals(100, [{ target: 0, durationUs: 1_000_000 }, { target: 0, durationUs: 5_000_000 }]));
    assert.equal(times.length, 50);
    assert.ok(times.every((t) => t < 1_000_000));
    assert.equal(rampingArrivals(100, [{ target: 0, durationUs: 1_000_000 }, { target: 0, durationUs: 5_000_000 }]).endUs, 6_000_000);
  });

  it('arrival times always increase', () => {
    const times = all(rampingArrivals(10, [{ target: 400, durationUs: 10_000_000 }, { target: 400, durationUs: 5_000_000 }, { target: 50, durationUs: 3_000_000 }]));
    for (let i = 1; i < times.length; i++) assert.ok(times[i]! > times[i - 1]!, `at ${i}`);
    const expected = ((10 + 400) / 2) * 10 + 400 * 5 + ((400 + 50) / 2) * 3;
    assert.ok(Math.abs(times.length - expected) <= 1, `${times.length} arrivals, expected ${expected}`);
  });
});

describe('concurrencyAt', () => {
  const stages = [{ target: 10, durationUs: 1_000_000 }, { target: 10, durationUs: 500_000 }, { target: 0, durationUs: 1_000_000 }];
  it('interpolates linearly, rounds to whole calls, and ends after the last stage', () => {
    const table: [number, number | null][] = [[0, 1], [500_000, 6], [999_999, 10], [1_000_000, 10], [1_499_999, 10], [2_000_000, 5], [2_499_999, 0], [2_500_000, null]];
    for (const [t, expected] of table) assert.equal(concurrencyAt(1, stages, t), expected, `at ${t}`);
    assert.equal(peakConcurrency(1, stages), 10);
  });
});

describe('countArrivals', () => {
  it('counts every arrival of a schedule, whatever its bound', () => {
    const naive = (schedule: ArrivalSchedule): number => {
      let k = 0;
      while (schedule.arrivalUs(k) !== null) k++;
      return k;
    };
    const schedules = [
      constantArrivals(100, { kind: 'duration', us: 1_000_000 }),
      constantArrivals(7, { kind: 'iterations', count: 33 }),
      constantArrivals(3, { kind: 'duration', us: 1 }),
      rampingArrivals(0, [{ durationUs: 2_000_000, target: 50 }, { durationUs: 1_000_000, target: 50 }]),
      constantArrivals(1, { kind: 'iterations', count: 0 }),
    ];
    for (const schedule of schedules) assert.equal(countArrivals(schedule), naive(schedule));
    assert.equal(countArrivals(constantArrivals(100, { kind: 'duration', us: 1_000_000 })), 100);
  });
});
