import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { latencyStats } from '../../../src/stats/histogram.js';
import { MergedAbortWatch } from '../../../src/workers/merged-abort.js';
import { MergedWorkload } from '../../../src/workers/merged-live.js';
import { abortOn, interval, operation, workload } from './fixtures.js';

const snapshot = (calls: number, errors: number, operations: ReturnType<typeof interval>[], warmupCalls = 0) => ({ calls, errors, warmupCalls, operations });

describe('merging the workers\' snapshots', () => {
  it('adds every interval into per-operation records: histograms added, counts summed', () => {
    const merged = new MergedWorkload(['a', 'b']);
    merged.add(0, snapshot(110, 1, [interval(100, 1_000, 1), interval(10, 5_000)]));
    merged.add(1, snapshot(50, 0, [interval(50, 2_000), interval(0, 0)]));
    merged.add(0, snapshot(210, 3, [interval(100, 1_000, 2), interval(0, 0)]));
    const [a, b] = merged.operations;
    assert.deepEqual([a!.count, a!.ok, b!.count, b!.ok], [250, 247, 10, 10]);
    assert.equal(a!.histogram.totalCount, 250);
    // Live intervals travel as HDR buckets: their maxima are exact to the bucket (0.1%); the report's are exact.
    const near = (value: number, expected: number) => assert.ok(Math.abs(value - expected) <= expected / 1000, `${value} ≈ ${expected}`);
    near(latencyStats(a!.histogram).max, 2_000);
    near(latencyStats(b!.histogram).max, 5_000);
    assert.equal(merged.measuredCalls(), 260);
  });

  it('shows each child\'s latest totals summed, and the latest interval of every child merged as its window', () => {
    const merged = new MergedWorkload(['a']);
    merged.add(0, snapshot(100, 0, [interval(100, 1_000)], 20));
    merged.add(1, snapshot(90, 2, [interval(90, 1_000, 2)], 20));
    merged.add(0, snapshot(200, 1, [interval(100, 1_000, 1)], 20));
    merged.add(1, snapshot(100, 2, [interval(10, 9_000)], 20));
    const live = merged.live();
    assert.deepEqual([live.calls, live.errors, live.warmupCalls, live.windowCalls], [300, 3, 40, 110]);
    // 10 of the window's 110 calls took 9 ms: its p99 is theirs (no average of the children's p99s).
    assert.ok(Math.abs(live.windowP99Us - 9_000) <= 9, `${live.windowP99Us}`);
    assert.equal(live.operations[0]!.count, 300);
  });

  it('counts a snapshot whose histogram does not decode, and keeps the rest', () => {
    const merged = new MergedWorkload(['a']);
    merged.add(0, snapshot(5, 0, [{ calls: 5, errors: 0, histogram: 'not base64 of a histogram' }]));
    merged.add(1, snapshot(5, 0, [interval(5, 100)]));
    assert.equal(merged.unreadable, 1);
    assert.equal(merged.measuredCalls(), 5);
  });
});

describe('abortOnFail on the merged window', () => {
  it('fails a throughput floor that the workers together miss, though none is told alone', () => {
    const plan = workload('w', { thresholds: [abortOn('throughput > 150/s')] });
    const merged = new MergedWorkload(['ping']);
    const watch = new MergedAbortWatch(plan, merged);
    watch.started(0);
    assert.equal(watch.tick(1_000_000), null, 'the first tick takes the baseline');
    merged.add(0, snapshot(100, 0, [interval(100, 500)]));
    merged.add(1, snapshot(100, 0, [interval(100, 500)]));
    assert.equal(watch.tick(2_000_000), null, '200 calls in 1 s together: above the floor');
    merged.add(0, snapshot(150, 0, [interval(50, 500)]));
    merged.add(1, snapshot(150, 0, [interval(50, 500)]));
    merged.add(0, snapshot(170, 0, [interval(20, 500)]));
    merged.add(1, snapshot(170, 0, [interval(20, 500)]));
    const failed = watch.tick(4_000_000);
    assert.ok(failed, 'the window holds 340 calls in 3 s: 113/s');
    assert.deepEqual([failed.workload, failed.threshold, Math.round(failed.measured), failed.atUs], ['w', 'throughput > 150/s', 113, 3_000_000]);
  });

  it('judges a p99 on the calls of every worker together, and an operation\'s on its own calls', () => {
    const plan = workload('w', { operations: [operation('fast'), operation('slow', [abortOn('p99 < 10ms')])] });
    const merged = new MergedWorkload(['fast', 'slow']);
    const watch = new MergedAbortWatch(plan, merged);
    watch.started(0);
    watch.tick(0);
    merged.add(0, snapshot(200, 0, [interval(100, 50_000), interval(100, 1_000)]));
    merged.add(1, snapshot(100, 0, [interval(0, 0), interval(100, 2_000)]));
    assert.equal(watch.tick(1_000_000), null, 'the slow operation is fast; the fast one is not watched');
    merged.add(1, snapshot(110, 0, [interval(0, 0), interval(10, 20_000)]));
    const failed = watch.tick(2_000_000);
    assert.equal(failed?.operation, 'slow');
    assert.equal(failed?.threshold, 'p99 < 10ms');
  });

  it('does not judge before the start, nor before measured calls after a warmup, nor without thresholds', () => {
    const floor = abortOn('throughput > 10/s');
    const late = new MergedAbortWatch(workload('w', { thresholds: [floor] }), new MergedWorkload(['ping']));
    late.started(5_000_000);
    assert.equal(late.tick(1_000_000), null);
    assert.equal(late.tick(2_000_000), null);
    assert.equal(late.tick(5_000_000), null, 'baseline at the start');
    assert.ok(late.tick(6_000_000), 'no calls at all in the first second: the floor fails');

    const merged = new MergedWorkload(['ping']);
    const warm = new MergedAbortWatch(workload('w', { thresholds: [floor], warmup: { kind: 'iterations', count: 10 } }), merged);
    warm.started(0);
    assert.equal(warm.tick(1_000_000), null);
    assert.equal(warm.tick(2_000_000), null, 'still warming up: nothing measured');
    merged.add(0, snapshot(5, 0, [interval(5, 100)], 10));
    assert.equal(warm.tick(3_000_000), null, 'the first measured calls: baseline');
    assert.ok(warm.tick(4_000_000));

    const unwatched = new MergedAbortWatch(workload('w'), new MergedWorkload(['ping']));
    unwatched.started(0);
    assert.equal(unwatched.watching, false);
    assert.equal(unwatched.tick(10_000_000), null);
  });
});
