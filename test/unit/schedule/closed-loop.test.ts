import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClosedLoopSchedule, type ClosedLoopDecision } from '../../../src/schedule/closed-loop.js';

const phases = (decisions: ClosedLoopDecision[]): string[] => decisions.map((d) => (d.stop ? 'stop' : d.phase));

describe('ClosedLoopSchedule', () => {
  it('counts warmup and measured iterations exactly, then stops for good', () => {
    const schedule = new ClosedLoopSchedule({ kind: 'iterations', count: 2 }, { kind: 'iterations', count: 3 }, 0);
    const decisions = [0, 1, 2, 3, 4, 5, 6].map((t) => schedule.next(t));
    assert.deepEqual(phases(decisions), ['warmup', 'warmup', 'measure', 'measure', 'measure', 'stop', 'stop']);
    assert.equal(schedule.measureStartUs, 2);
  });

  it('without warmup starts measuring at once', () => {
    const schedule = new ClosedLoopSchedule(null, { kind: 'iterations', count: 1 }, 100);
    assert.equal(schedule.measureStartUs, 100);
    assert.deepEqual(phases([schedule.next(100), schedule.next(150)]), ['measure', 'stop']);
  });

  it('times a duration-bounded measured phase from the first decision after a timed warmup', () => {
    const warmup = { kind: 'duration', us: 1_000 } as const;
    const measure = { kind: 'duration', us: 5_000 } as const;
    const schedule = new ClosedLoopSchedule(warmup, measure, 10_000);
    const table: [number, string][] = [
      [10_000, 'warmup'],
      [10_999, 'warmup'],
      [11_200, 'measure'], // warmup over: measuring starts here, not at 11_000
      [16_199, 'measure'],
      [16_200, 'stop'],
    ];
    for (const [t, expected] of table) assert.equal(phases([schedule.next(t)])[0], expected, `at ${t}µs`);
    assert.equal(schedule.measureStartUs, 11_200);
  });

  it('settle: a warmup ends on time with no call started (workers a ramp holds back), and starts no call itself', () => {
    const schedule = new ClosedLoopSchedule({ kind: 'duration', us: 1_000 }, { kind: 'iterations', count: 1 }, 0);
    schedule.settle(999);
    assert.equal(schedule.measureStartUs, null);
    schedule.settle(1_000);
    assert.equal(schedule.measureStartUs, 1_000);
    assert.deepEqual(phases([schedule.next(1_500), schedule.next(1_600)]), ['measure', 'stop'], 'the measured call was not used up');
    const none = new ClosedLoopSchedule({ kind: 'iterations', count: 0 }, { kind: 'duration', us: 10 }, 0);
    none.settle(0);
    assert.equal(none.measureStartUs, 0, 'a warmup share of 0 iterations is over at once');
  });

  it('mixes an iteration warmup with a timed measured phase', () => {
    const schedule = new ClosedLoopSchedule({ kind: 'iterations', count: 1 }, { kind: 'duration', us: 10 }, 0);
    assert.deepEqual(phases([schedule.next(0), schedule.next(5), schedule.next(14), schedule.next(15)]), ['warmup', 'measure', 'measure', 'stop']);
    assert.equal(schedule.measureStartUs, 5);
  });

  it('stop() ends the schedule wherever it is', () => {
    const schedule = new ClosedLoopSchedule(null, { kind: 'iterations', count: 100 }, 0);
    schedule.next(0);
    schedule.stop();
    assert.deepEqual(phases([schedule.next(1), schedule.next(2)]), ['stop', 'stop']);
  });

  it('measureDeadlineUs: the end of a timed measured phase once it has begun, otherwise +Infinity', () => {
    const timed = new ClosedLoopSchedule({ kind: 'iterations', count: 1 }, { kind: 'duration', us: 10 }, 0);
    assert.equal(timed.measureDeadlineUs, Number.POSITIVE_INFINITY, 'still warming up');
    timed.next(0);
    timed.next(5);
    assert.equal(timed.measureDeadlineUs, 15);
    const counted = new ClosedLoopSchedule(null, { kind: 'iterations', count: 10 }, 0);
    assert.equal(counted.measureDeadlineUs, Number.POSITIVE_INFINITY);
  });
});
