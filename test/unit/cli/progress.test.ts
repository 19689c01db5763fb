import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clockText, connectingState, progressState, renderProgress, type ProgressState } from '../../../src/cli/progress.js';
import type { LiveSnapshot } from '../../../src/metrics/recorder.js';
import type { Bound } from '../../../src/schedule/bound.js';
import type { WorkloadPlan } from '../../../src/workloads/plan.js';

const measuring: ProgressState = {
  name: 'echo-seq',
  phase: 'measure',
  span: { unit: 'time', doneUs: 4_200_000, totalUs: 10_000_000 },
  calls: 36_905,
  ratePerSec: 18_448.4,
  errors: 0,
  windowP99Us: 2_680,
};

const snapshot = (fields: Partial<LiveSnapshot>): LiveSnapshot => ({ calls: 0, errors: 0, warmupCalls: 0, windowCalls: 0, windowP99Us: 0, operations: [], ...fields });

function workload(warmup: Bound | null, measure: Bound): WorkloadPlan {
  return { type: 'sequential', name: 'w', warmup, measure } as unknown as WorkloadPlan;
}

const seconds = (s: number): Bound => ({ kind: 'duration', us: s * 1_000_000 });
const calls = (count: number): Bound => ({ kind: 'iterations', count });

describe('renderProgress', () => {
  it('shows name, bar, elapsed/total, calls, rate, errors and the window p99', () => {
    assert.equal(
      renderProgress(measuring, 120, false),
      'echo-seq █████░░░░░░░ 4.2s/10.0s · 36,905 calls · 18,448/s · 0 errors · p99 2.68ms',
    );
  });

  it('says warmup during warmup, and — for the p99 of a window with no measured call', () => {
    const state: ProgressState = { ...measuring, phase: 'warmup', span: { unit: 'time', doneUs: 900_000, totalUs: 6_000_000 }, calls: 2_345, ratePerSec: 4_690, windowP99Us: null };
    assert.equal(renderProgress(state, 120, false), 'echo-seq warmup █░░░░░░░░░░░ 0.9s/6.0s · 2,345 calls · 4,690/s · 0 errors · p99 —');
  });

  it('counts calls against the total for iteration bounds', () => {
    const state: ProgressState = { ...measuring, span: { unit: 'calls', done: 1_500, total: 2_000 }, calls: 1_500, ratePerSec: 7.25, errors: 1, windowP99Us: 950 };
    assert.equal(renderProgress(state, 120, false), 'echo-seq █████████░░░ 1,500/2,000 calls · 7.3/s · 1 error · p99 950µs');
  });

  it('minutes-long spans are shown as m:ss, hours as h:mm:ss', () => {
    const state: ProgressState = { ...measuring, span: { unit: 'time', doneUs: 65_000_000, totalUs: 600_000_000 } };
    assert.match(renderProgress(state, 120, false), / 1:05\/10:00 · /);
    assert.equal(clockText(3_723_000_000, 7_200_000_000), '1:02:03');
    assert.equal(clockText(59_990_000, 59_999_999), '59.9s');
  });

  it('colours errors in the warning colour only when there are some', () => {
    assert.match(renderProgress(measuring, 120, true), / 0 errors /);
    const failing = renderProgress({ ...measuring, errors: 12 }, 120, true);
    assert.match(failing, /\u001b\[33m12 errors\u001b\[39m/);
    assert.match(failing, /\u001b\[1m\u001b\[36mecho-seq/);
  });

  it('never reaches the last column: the bar shrinks, then p99, the rate and the errors go, then the line is cut', () => {
    const widths = [80, 66, 55, 45, 30, 12, 5];
    assert.deepEqual(widths.map((width) => renderProgress(measuring, width, false)), [
      'echo-seq ██░░░ 4.2s/10.0s · 36,905 calls · 18,448/s · 0 errors · p99 2.68ms',
      'echo-seq 4.2s/10.0s · 36,905 calls · 18,448/s · 0 errors',
      'echo-seq 4.2s/10.0s · 36,905 calls · 0 errors',
      'echo-seq ██░░░░░ 4.2s/10.0s · 36,905 calls',
      'echo-seq 4.2s/10.0s · 36,905…',
      'echo-seq 4…',
      'ech…',
    ]);
    for (const width of widths) assert.ok(renderProgress(measuring, width, false).length <= width - 1);
    // Colour codes do not count towards the width.
    const strip = (text: string): string => text.replace(/\u001b\[\d+m/g, '');
    for (const width of [100, 60, 40]) {
      assert.equal(strip(renderProgress({ ...measuring, errors: 3 }, width, true)), renderProgress({ ...measuring, errors: 3 }, width, false));
    }
  });

  it('keeps its layout while the numbers grow (chosen from the widest expected figures)', () => {
    const layout = (line: string): string => line.replace(/[\d,.]+(µs|ms|s)?/g, '#').replace(/█/g, '░');
    for (const width of [100, 80, 60]) {
      const early = renderProgress({ ...measuring, calls: 3, ratePerSec: 2, windowP99Us: 900 }, width, false);
      const late = renderProgress({ ...measuring, calls: 912_345, ratePerSec: 45_678, errors: 321, windowP99Us: 45_600 }, width, false);
      assert.equal(layout(early), layout(late), `${early}\n${late}`);
    }
    // Beyond the widest expected, figures still fit by dropping the bar.
    const huge = renderProgress({ ...measuring, calls: 123_456_789, ratePerSec: 1_234_567, errors: 98_765 }, 90, false);
    assert.equal(huge, 'echo-seq 4.2s/10.0s · 123,456,789 calls · 1,234,567/s · 98,765 errors · p99 2.68ms');
  });

  it('says connecting before anything is sent', () => {
    assert.equal(renderProgress(connectingState('mixed'), 80, false), 'mixed connecting…');
  });
});

describe('progressState', () => {
  const at = (w: WorkloadPlan, nowUs: number, snap: LiveSnapshot, measureStartUs: number | null = null) =>
    progressState(w, { nowUs, startedUs: 1_000_000, measureStartUs, snapshot: snap, ratePerSec: 10 });

  it('timed warmup and timed measure: one span over both', () => {
    const w = workload(seconds(1), seconds(5));
    const warm = at(w, 1_400_000, snapshot({ warmupCalls: 40 }));
    assert.equal(warm.phase, 'warmup');
    assert.equal(warm.calls, 40);
    assert.deepEqual(warm.span, { unit: 'time', doneUs: 400_000, totalUs: 6_000_000 });
    const measured = at(w, 3_000_000, snapshot({ warmupCalls: 100, calls: 200, errors: 2, windowCalls: 50, windowP99Us: 700 }));
    assert.equal(measured.phase, 'measure');
    assert.equal(measured.calls, 200);
    assert.equal(measured.errors, 2);
    assert.equal(measured.windowP99Us, 700);
    assert.deepEqual(measured.span, { unit: 'time', doneUs: 2_000_000, totalUs: 6_000_000 });
  });

  it('a timed warmup is over on time even before the first measured call completes', () => {
    assert.equal(at(workload(seconds(1), seconds(5)), 2_000_001, snapshot({ warmupCalls: 100 })).phase, 'measure');
  });

  it('iterations: the phase\'s calls against its count; no p99 for an empty window', () => {
    const w = workload(calls(200), calls(2_000));
    const warm = at(w, 1_500_000, snapshot({ warmupCalls: 120 }));
    assert.deepEqual([warm.phase, warm.span, warm.windowP99Us], ['warmup', { unit: 'calls', done: 120, total: 200 }, null]);
    const measured = at(w, 3_000_000, snapshot({ warmupCalls: 200, calls: 800 }));
    assert.deepEqual([measured.phase, measured.span], ['measure', { unit: 'calls', done: 800, total: 2_000 }]);
  });

  it('counted warmup, timed measure: time runs from when measuring began', () => {
    const w = workload(calls(200), seconds(10));
    assert.deepEqual(at(w, 1_500_000, snapshot({ warmupCalls: 50 })).span, { unit: 'calls', done: 50, total: 200 });
    assert.deepEqual(at(w, 5_000_000, snapshot({ warmupCalls: 200, calls: 10 }), 2_000_000).span, { unit: 'time', doneUs: 3_000_000, totalUs: 10_000_000 });
  });

  it('timed warmup, counted measure; no warmup at all', () => {
    const w = workload(seconds(2), calls(500));
    assert.deepEqual(at(w, 2_000_000, snapshot({ warmupCalls: 9 })).span, { unit: 'time', doneUs: 1_000_000, totalUs: 2_000_000 });
    assert.deepEqual(at(w, 4_000_000, snapshot({ warmupCalls: 9, calls: 5 })).span, { unit: 'calls', done: 5, total: 500 });
    const plain = at(workload(null, seconds(3)), 2_500_000, snapshot({}));
    assert.deepEqual([plain.phase, plain.span], ['measure', { unit: 'time', doneUs: 1_500_000, totalUs: 3_000_000 }]);
  });
});
