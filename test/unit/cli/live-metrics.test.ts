import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LiveMetrics, UNCLASSIFIED_ERROR } from '../../../src/cli/live-metrics.js';
import type { LiveOperation, LiveSnapshot } from '../../../src/metrics/recorder.js';
import type { LiveSource } from '../../../src/runner/run.js';
import { createHistogram, recordUs } from '../../../src/stats/histogram.js';
import type { WorkloadPlan } from '../../../src/workloads/plan.js';

const plan = { name: 'w', type: 'concurrent' } as unknown as WorkloadPlan;

function op(count: number, errors?: Map<string, number>): LiveOperation & { count: number } {
  const histogram = createHistogram();
  for (let i = 0; i < count; i++) recordUs(histogram, 1_000);
  const errored = [...(errors ?? new Map<string, number>()).values()].reduce((a, b) => a + b, 0);
  return { name: 'ping', histogram, count, ok: count - errored, checkFailed: 0, ...(errors ? { errors } : {}) };
}

function source(operations: LiveOperation[]): LiveSource {
  const snapshot: LiveSnapshot = { calls: 0, errors: 0, warmupCalls: 0, windowCalls: 0, windowP99Us: 0, operations };
  return { startedUs: 0, snapshot: () => snapshot };
}

const value = (text: string, prefix: string): number => Number(text.split('\n').find((l) => l.startsWith(prefix))!.split(' ').at(-1));

describe('LiveMetrics', () => {
  it('reads the live records as they grow, and adds a later round to the earlier one', () => {
    const metrics = new LiveMetrics();
    const round1 = op(0);
    metrics.measuring(plan, source([round1]));
    assert.equal(value(metrics.render(), 'mcp_bench_calls_total'), 0);
    recordUs(round1.histogram, 1_000);
    round1.count = 1;
    Object.assign(round1, { ok: 1 });
    assert.equal(value(metrics.render(), 'mcp_bench_calls_total'), 1, 'the record is read live, not copied');
    metrics.measuring(plan, source([op(3, new Map([['timeout', 1]]))]));
    const text = metrics.render();
    assert.equal(value(text, 'mcp_bench_calls_total'), 4, 'round 1 is kept: counters never go down');
    assert.equal(value(text, 'mcp_bench_calls_ok_total'), 3);
    assert.equal(value(text, 'mcp_bench_call_duration_seconds_count'), 4);
    assert.equal(value(text, 'mcp_bench_errors_total{workload="w",operation="ping",code="timeout"}'), 1);
  });

  it('labels errors of a source without codes (merged workers) unclassified', () => {
    const metrics = new LiveMetrics();
    metrics.measuring(plan, source([{ ...op(5), ok: 3 }]));
    assert.equal(value(metrics.render(), `mcp_bench_errors_total{workload="w",operation="ping",code="${UNCLASSIFIED_ERROR}"}`), 2);
  });
});
