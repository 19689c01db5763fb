import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OK, TOOL_ERROR } from '../../../src/client/outcome.js';
import { RollingWindow, TICK_US, WINDOW_US, firstFailure, watchedThresholds, windowFigure } from '../../../src/runner/abort-watch.js';
import { createHistogram, latencyStats, recordUs } from '../../../src/stats/histogram.js';
import { parseThreshold } from '../../../src/thresholds/parse.js';
import type { ThresholdSpec } from '../../../src/thresholds/types.js';
import { WorkloadRecorder } from '../../../src/metrics/recorder.js';
import type { OperationPlan } from '../../../src/operations/operation.js';

function abortOn(text: string, delayUs = 0): ThresholdSpec {
  const parsed = parseThreshold(text, 'scenario');
  assert.ok(parsed.ok, text);
  return { ...parsed.spec, abortOnFail: true, abortDelayUs: delayUs };
}

function endOnly(text: string): ThresholdSpec {
  const parsed = parseThreshold(text, 'scenario');
  assert.ok(parsed.ok, text);
  return parsed.spec;
}

const op = (name: string, thresholds?: ThresholdSpec[]): OperationPlan => ({
  name,
  weight: 1,
  timeoutUs: 1e6,
  request: { method: 'ping' },
  ...(thresholds ? { thresholds } : {}),
});

/** Records `count` calls of `latencyUs` on operation `index`, the first `errors` of them failed. */
function record(recorder: WorkloadRecorder, index: number, count: number, latencyUs: number, errors = 0): void {
  for (let i = 0; i < count; i++) recorder.record(index, latencyUs, i < errors ? TOOL_ERROR : OK);
}

describe('the rolling window', () => {
  it('is 5 s, judged every second', () => {
    assert.equal(WINDOW_US, 5_000_000);
    assert.equal(TICK_US, 1_000_000);
  });

  it('has no figures before a second snapshot', () => {
    const recorder = new WorkloadRecorder(['a']);
    const window = new RollingWindow(recorder);
    assert.equal(window.figures(null), null);
    window.take(0);
    assert.equal(window.figures(null), null);
  });

  it('counts only the calls between its oldest and newest snapshots, per operation and in total', () => {
    const recorder = new WorkloadRecorder(['a', 'b']);
    const window = new RollingWindow(recorder);
    window.take(0);
    record(recorder, 0, 100, 1_000);
    record(recorder, 1, 50, 3_000, 5);
    window.take(1_000_000);
    const total = window.figures(null)!;
    assert.deepEqual([total.count, total.errorRate, total.throughputPerSec, total.spanUs], [150, 5 / 150, 150, 1_000_000]);
    assert.equal(windowFigure('p50', total), 1_000);
    assert.equal(windowFigure('max', total), 3_000);
    const b = window.figures(1)!;
    assert.deepEqual([b.count, b.errorRate, b.throughputPerSec, windowFigure('p50', b)], [50, 0.1, 50, 3_000]);
  });

  it('forgets calls older than 5 ticks', () => {
    const recorder = new WorkloadRecorder(['a']);
    const window = new RollingWindow(recorder);
    window.take(0);
    record(recorder, 0, 10, 90_000); // slow second, 0–1 s
    for (let second = 1; second <= 5; second++) {
      window.take(second * 1_000_000);
      record(recorder, 0, 100, 1_000);
    }
    // Snapshots at 0 … 5 s: the window still holds the slow second.
    assert.equal(windowFigure('max', window.figures(null)!), 90_000);
    window.take(6_000_000);
    // Snapshots at 1 … 6 s: the slow calls are gone; 5 × 100 fast calls remain, over 5 s.
    const figures = window.figures(null)!;
    assert.deepEqual([figures.count, windowFigure('max', figures), figures.throughputPerSec, figures.spanUs], [500, 1_000, 100, 5_000_000]);
    // The recorder itself is untouched: everything is still there.
    assert.equal(recorder.operations[0]!.count, 510);
    assert.equal(recorder.operations[0]!.histogram.maxValue, 90_000);
  });
});

describe('windowFigure', () => {
  it('reads each latency metric as the report does (latencyStats), from the window alone, within HDR resolution', () => {
    const recorder = new WorkloadRecorder(['a']);
    const window = new RollingWindow(recorder);
    record(recorder, 0, 1_000, 50_000); // before the baseline: in no window
    window.take(0);
    for (let i = 1; i <= 1_000; i++) recorder.record(0, i * 37, OK);
    window.take(1_000_000);
    const expected = createHistogram();
    for (let i = 1; i <= 1_000; i++) recordUs(expected, i * 37);
    const stats = latencyStats(expected);
    const figures = window.figures(null)!;
    const pairs = [['p50', stats.p50], ['p90', stats.p90], ['p95', stats.p95], ['p99', stats.p99], ['p99.9', stats.p999], ['max', stats.max], ['mean', stats.mean]] as const;
    // A difference of histograms knows its max only to its bucket (0.1%), not the exact value recorded.
    for (const [metric, value] of pairs) {
      const got = windowFigure(metric, figures);
      assert.ok(Math.abs(got - value) <= value * 0.001, `${metric}: ${got} vs ${value}`);
    }
    assert.equal(windowFigure('p50', figures), stats.p50);
  });
});

describe('watchedThresholds', () => {
  it('takes abortOnFail thresholds of the total and of each operation, and nothing else', () => {
    const workload = {
      thresholds: [abortOn('p99 < 5ms'), endOnly('p50 < 1ms')],
      operations: [op('a'), op('b', [endOnly('error_rate < 1%'), abortOn('error_rate < 10%')])],
    };
    const watched = watchedThresholds(workload);
    assert.deepEqual(
      watched.map((w) => [w.spec.text, w.operation]),
      [
        ['p99 < 5ms', null],
        ['error_rate < 10%', { index: 1, name: 'b' }],
      ],
    );
    assert.deepEqual(watchedThresholds({ operations: [op('a')] }), []);
  });
});

describe('firstFailure', () => {
  function windowWith(fill: (recorder: WorkloadRecorder) => void): RollingWindow {
    const recorder = new WorkloadRecorder(['a', 'b']);
    const window = new RollingWindow(recorder);
    window.take(0);
    fill(recorder);
    window.take(1_000_000);
    return window;
  }
  const workload = (thresholds: ThresholdSpec[], b: ThresholdSpec[] = []) => watchedThresholds({ thresholds, operations: [op('a'), op('b', b)] });

  it('names the first threshold that fails, with what the window measured and when', () => {
    const window = windowWith((r) => {
      record(r, 0, 100, 1_000);
      record(r, 1, 100, 2_000, 20);
    });
    const failed = firstFailure('w', workload([abortOn('p99 < 5ms'), abortOn('throughput > 500/s')], [abortOn('error_rate < 10%')]), window, 3_000_000);
    assert.deepEqual(failed, { workload: 'w', operation: null, threshold: 'throughput > 500/s', metric: 'throughput', measured: 200, atUs: 3_000_000 });
    const onOperation = firstFailure('w', workload([abortOn('p99 < 5ms')], [abortOn('error_rate < 10%')]), window, 3_000_000);
    assert.deepEqual(onOperation, { workload: 'w', operation: 'b', threshold: 'error_rate < 10%', metric: 'error_rate', measured: 0.2, atUs: 3_000_000 });
  });

  it('is null while every threshold holds', () => {
    const window = windowWith((r) => record(r, 0, 100, 1_000));
    assert.equal(firstFailure('w', workload([abortOn('p99 < 5ms'), abortOn('error_rate == 0')]), window, 1_000_000), null);
  });

  it('does not judge a threshold before its delay', () => {
    const window = windowWith((r) => record(r, 0, 100, 9_000));
    const watched = workload([abortOn('p99 < 5ms', 10_000_000)]);
    assert.equal(firstFailure('w', watched, window, 9_999_999), null);
    assert.equal(firstFailure('w', watched, window, 10_000_000)?.measured, 9_000);
  });

  it('a window without calls judges no latency or error rate, but fails a throughput floor at 0/s', () => {
    const window = windowWith(() => undefined);
    assert.equal(firstFailure('w', workload([abortOn('p99 < 1us'), abortOn('error_rate < 1%')]), window, 5_000_000), null);
    assert.equal(firstFailure('w', workload([abortOn('throughput > 100/s')]), window, 5_000_000)?.measured, 0);
    // An operation with no calls in the window, while another has them: that operation's floor fails.
    const other = windowWith((r) => record(r, 0, 10, 1_000));
    assert.equal(firstFailure('w', workload([], [abortOn('throughput > 100/s')]), other, 5_000_000)?.measured, 0);
  });
});
