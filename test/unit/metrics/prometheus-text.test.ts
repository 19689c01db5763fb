import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeLabelValue, LATENCY_BUCKETS_S, renderPrometheus, type LiveSeries } from '../../../src/metrics/prometheus-text.js';
import { createHistogram, recordUs } from '../../../src/stats/histogram.js';

function series(latenciesUs: readonly number[], overrides: Partial<LiveSeries> = {}): LiveSeries {
  const histogram = createHistogram();
  for (const us of latenciesUs) recordUs(histogram, us);
  return { workload: 'w', operation: 'tools/call echo', calls: latenciesUs.length, ok: latenciesUs.length, checkFailed: 0, errors: new Map(), histogram, dropped: null, ...overrides };
}

describe('renderPrometheus', () => {
  it('writes counters, cumulative buckets in seconds, _sum and _count', () => {
    const text = renderPrometheus([series([400, 1_000, 3_000, 90_000_000], { ok: 3, errors: new Map([['timeout', 1]]) })], []);
    const lines = text.split('\n');
    assert.ok(lines.includes('# TYPE mcp_bench_calls_total counter'));
    assert.ok(lines.includes('mcp_bench_calls_total{workload="w",operation="tools/call echo"} 4'));
    assert.ok(lines.includes('mcp_bench_calls_ok_total{workload="w",operation="tools/call echo"} 3'));
    assert.ok(lines.includes('mcp_bench_errors_total{workload="w",operation="tools/call echo",code="timeout"} 1'));
    assert.ok(lines.includes('# TYPE mcp_bench_call_duration_seconds histogram'));
    const bucket = (le: string): number => Number(lines.find((l) => l.startsWith(`mcp_bench_call_duration_seconds_bucket{workload="w",operation="tools/call echo",le="${le}"}`))!.split(' ').at(-1));
    assert.equal(bucket('0.0005'), 1);
    assert.equal(bucket('0.001'), 2);
    assert.equal(bucket('0.0025'), 2);
    assert.equal(bucket('0.005'), 3);
    assert.equal(bucket('60'), 3, '90 s is above the last bound');
    assert.equal(bucket('+Inf'), 4);
    assert.ok(lines.includes('mcp_bench_call_duration_seconds_count{workload="w",operation="tools/call echo"} 4'));
    const sum = Number(lines.find((l) => l.startsWith('mcp_bench_call_duration_seconds_sum'))!.split(' ').at(-1));
    assert.ok(Math.abs(sum - 90.0044) / 90.0044 < 0.001, `sum ${sum}s`);
    assert.equal(LATENCY_BUCKETS_S.length + 3, lines.filter((l) => l.startsWith('mcp_bench_call_duration_seconds_')).length);
  });

  it('escapes label values and leaves out families with no samples', () => {
    assert.equal(escapeLabelValue('a\\b"c\nd'), 'a\\\\b\\"c\\nd');
    const text = renderPrometheus([series([], { workload: 'x"\n\\' })], [{ workload: 'x"\n\\', targetRatePerSec: null }]);
    assert.match(text, /^mcp_bench_calls_total\{workload="x\\"\\n\\\\",operation="tools\/call echo"\} 0$/m);
    assert.doesNotMatch(text, /mcp_bench_errors_total|dropped|target_rate/);
    assert.match(text, /_bucket\{.*le="\+Inf"\} 0\n/);
  });

  it('open model: dropped arrivals and the target rate', () => {
    const text = renderPrometheus([series([1_000], { dropped: 5 })], [{ workload: 'w', targetRatePerSec: 200 }]);
    assert.match(text, /^# TYPE mcp_bench_dropped_arrivals_total counter\nmcp_bench_dropped_arrivals_total\{workload="w",operation="tools\/call echo"\} 5$/m);
    assert.match(text, /^# TYPE mcp_bench_target_rate_per_second gauge\nmcp_bench_target_rate_per_second\{workload="w"\} 200$/m);
  });
});
