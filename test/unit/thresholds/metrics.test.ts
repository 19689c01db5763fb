import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createHistogram, recordUs } from '../../../src/stats/histogram.js';
import {
  ABORTABLE_METRICS,
  REGRESSION_METRICS,
  THRESHOLD_METRICS,
  callFigure,
  declarationOf,
  metricForAlias,
  metricKind,
  windowRule,
} from '../../../src/thresholds/metrics.js';
import type { CallFigures, WindowFigures } from '../../../src/thresholds/subject.js';

const CALLS: CallFigures = {
  count: 300,
  errorRate: 0.01,
  throughputPerSec: 1_000,
  latencyUs: { p50: 1_000, p90: 2_000, p95: 3_000, p99: 4_000, p999: 5_000, min: 500, max: 6_000, mean: 1_500, stdev: 10 },
};

describe('the threshold metric table', () => {
  it('lists every metric once, in the order messages name them', () => {
    assert.deepEqual(THRESHOLD_METRICS, ['p50', 'p90', 'p95', 'p99', 'p99.9', 'max', 'mean', 'error_rate', 'throughput', 'cache_hit_ratio', 'dropped', 'checks', 'retry_amplification', 'cold_start_p99', 'cold_start_max', 'pool_utilization']);
  });

  it('gives no word to two metrics, and no alias is a metric name', () => {
    const words = THRESHOLD_METRICS.flatMap((metric) => [metric, ...declarationOf(metric).aliases]);
    assert.equal(new Set(words).size, words.length);
    for (const metric of THRESHOLD_METRICS) for (const alias of declarationOf(metric).aliases) assert.equal(metricForAlias(alias.toUpperCase()), metric);
    assert.equal(metricForAlias('p99'), undefined);
  });

  it('reads each call metric from its own figure', () => {
    const expected = { p50: 1_000, p90: 2_000, p95: 3_000, p99: 4_000, 'p99.9': 5_000, max: 6_000, mean: 1_500, error_rate: 0.01, throughput: 1_000 } as const;
    for (const [metric, value] of Object.entries(expected)) assert.equal(callFigure(metric as keyof typeof expected, CALLS), value, metric);
  });

  it('derives the abortOnFail and --max-regression metrics, relative allowances before points', () => {
    assert.deepEqual(ABORTABLE_METRICS, ['p50', 'p90', 'p95', 'p99', 'p99.9', 'max', 'mean', 'error_rate', 'throughput']);
    assert.deepEqual(REGRESSION_METRICS, ['p50', 'p90', 'p95', 'p99', 'p99.9', 'mean', 'throughput', 'error_rate']);
  });

  it('judges a window without calls on throughput only', () => {
    const judged = ABORTABLE_METRICS.filter((metric) => windowRule(metric).withoutCalls === 'judge');
    assert.deepEqual(judged, ['throughput']);
  });

  it('reads a percentile of a window from its histogram, capped at its max', () => {
    const histogram = createHistogram();
    for (let i = 1; i <= 100; i++) recordUs(histogram, i * 100);
    const window: WindowFigures = { count: 100, errorRate: 0, throughputPerSec: 100, spanUs: 1_000_000, histogram };
    assert.equal(windowRule('p50').read(window), histogram.getValueAtPercentile(50));
    assert.equal(windowRule('max').read(window), histogram.maxValue);
    assert.ok(windowRule('p99.9').read(window) <= histogram.maxValue);
  });

  it('gives every metric a unit kind, and says why a non-applicable metric has no value', () => {
    assert.deepEqual(
      THRESHOLD_METRICS.map((metric) => metricKind(metric)),
      ['latency', 'latency', 'latency', 'latency', 'latency', 'latency', 'latency', 'ratio', 'rate', 'ratio', 'count', 'ratio', 'amplification', 'latency', 'latency', 'ratio'],
    );
    assert.equal(declarationOf('cache_hit_ratio').notApplicable, 'not applicable: no cache layer');
    assert.equal(declarationOf('p99').notApplicable, undefined);
  });
});
