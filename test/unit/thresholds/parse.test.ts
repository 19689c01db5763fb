import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { THRESHOLD_METRICS, canAbortOn, type ThresholdMetric } from '../../../src/thresholds/metrics.js';
import { parseThreshold } from '../../../src/thresholds/parse.js';
import type { Comparator } from '../../../src/thresholds/types.js';

const ACCEPTED: readonly (readonly [text: string, metric: ThresholdMetric, comparator: Comparator, limit: number])[] = [
  ['p99<50ms', 'p99', '<', 50_000],
  ['p99 < 50ms', 'p99', '<', 50_000],
  ['  p50<=1.5s  ', 'p50', '<=', 1_500_000],
  ['p90 > 800us', 'p90', '>', 800],
  ['p95 >= 800µs', 'p95', '>=', 800],
  ['p95 >= 800μs', 'p95', '>=', 800], // Greek mu, which looks the same as the micro sign
  ['p99.9 < 2s', 'p99.9', '<', 2_000_000],
  ['max<1m', 'max', '<', 60_000_000],
  ['mean == 0', 'mean', '==', 0],
  ['error_rate < 1%', 'error_rate', '<', 0.01],
  ['error_rate<0.01', 'error_rate', '<', 0.01],
  ['error_rate <= 0.5%', 'error_rate', '<=', 0.005],
  ['error_rate == 0', 'error_rate', '==', 0],
  ['error_rate < 100%', 'error_rate', '<', 1],
  ['cache_hit_ratio > 0.7', 'cache_hit_ratio', '>', 0.7],
  ['cache_hit_ratio >= 70%', 'cache_hit_ratio', '>=', 0.7],
  ['throughput > 1000/s', 'throughput', '>', 1000],
  ['throughput>600/m', 'throughput', '>', 10],
  ['throughput >= 3600/h', 'throughput', '>=', 1],
  ['throughput > 1000', 'throughput', '>', 1000],
  ['throughput > 0/s', 'throughput', '>', 0],
  ['dropped == 0', 'dropped', '==', 0],
  ['dropped < 10', 'dropped', '<', 10],
  ['dropped <= 1k', 'dropped', '<=', 1000],
  ['checks > 99%', 'checks', '>', 0.99],
  ['retry_amplification < 1.2', 'retry_amplification', '<', 1.2],
  ['retry_amplification <= 1.5x', 'retry_amplification', '<=', 1.5],
  ['retry_amplification == 1', 'retry_amplification', '==', 1],
];

describe('parseThreshold: accepted texts', () => {
  for (const [text, metric, comparator, limit] of ACCEPTED) {
    it(`${JSON.stringify(text)} → ${metric} ${comparator} ${limit}`, () => {
      const parsed = parseThreshold(text, 'scenario');
      assert.ok(parsed.ok, JSON.stringify(parsed));
      assert.deepEqual(parsed.spec, { text: text.trim(), metric, comparator, limit, abortOnFail: false, abortDelayUs: 0, source: 'scenario' });
    });
  }

  it('records where the threshold was written', () => {
    const parsed = parseThreshold('p99<50ms', 'cli');
    assert.ok(parsed.ok);
    assert.equal(parsed.spec.source, 'cli');
  });

  it('accepts every metric of the contract', () => {
    const example: Record<string, string> = { error_rate: '1%', cache_hit_ratio: '0.5', throughput: '1/s', dropped: '0', checks: '99%', retry_amplification: '1.1', pool_utilization: '0.9' };
    for (const metric of THRESHOLD_METRICS) {
      const parsed = parseThreshold(`${metric} < ${example[metric] ?? '5ms'}`, 'cli');
      assert.ok(parsed.ok, `${metric}: ${JSON.stringify(parsed)}`);
      assert.equal(parsed.spec.metric, metric);
    }
  });
});

/** [text, the offending part quoted in `got`, a word the expectation must contain, the hint (or a part of it)]. */
const REJECTED: readonly (readonly [text: string, got: string, expected: RegExp, hint: RegExp | undefined])[] = [
  ['', '', /<metric> <comparator> <value>/, /<, <=, >, >= or ==/],
  ['p99 50ms', 'p99 50ms', /<metric> <comparator> <value>/, /comparator/],
  ['< 50ms', '', /one of p50, p90, p95, p99, p99\.9, max, mean, error_rate, throughput, cache_hit_ratio, dropped, checks, retry_amplification, cold_start_p99, cold_start_max or pool_utilization/, undefined],
  ['p98 < 50ms', 'p98', /a metric: one of/, /did you mean "p99"\?/],
  ['p999 < 50ms', 'p999', /a metric/, /did you mean "p99\.9"\?/],
  ['P99 < 50ms', 'P99', /a metric/, /did you mean "p99"\?/],
  ['latnecy < 50ms', 'latnecy', /a metric/, undefined],
  ['eror_rate < 1%', 'eror_rate', /a metric/, /did you mean "error_rate"\?/],
  ['avg < 5ms', 'avg', /a metric/, /did you mean "mean"\?/],
  ['rps > 100', 'rps', /a metric/, /did you mean "throughput"\?/],
  ['p99 = 5ms', '=', /a comparator: <, <=, >, >= or ==/, /==/],
  ['p99 =< 5ms', '=<', /a comparator/, /did you mean "<="\?/],
  ['p99 => 5ms', '=>', /a comparator/, /did you mean ">="\?/],
  ['p99 != 5ms', '!=', /a comparator/, /not equal/],
  ['p99 <', '', /a duration for p99/, undefined],
  ['p99 < 50', '50', /a duration for p99, like 50ms/, /add a unit: write 50ms/],
  ['p99 < 5%', '5%', /a duration for p99/, /"5%" is a percentage; p99 takes a duration/],
  ['p99 < 100/s', '100/s', /a duration for p99/, /is a rate; p99 takes a duration/],
  ['p99 < fast', 'fast', /a duration for p99/, undefined],
  ['throughput > 5ms', '5ms', /a rate for throughput, like 1000\/s/, /"5ms" is a duration; throughput takes calls per second/],
  ['throughput > 5%', '5%', /a rate for throughput/, /is a percentage/],
  ['throughput > 100/sec', '100/sec', /a rate for throughput/, undefined],
  ['error_rate < 5ms', '5ms', /a ratio for error_rate from 0 to 1/, /is a duration; error_rate takes a ratio/],
  ['error_rate < 5', '5', /a ratio for error_rate/, /write 5% for 5 percent/],
  ['error_rate < 150%', '150%', /a ratio for error_rate/, /at most 100%/],
  ['cache_hit_ratio > 1.5', '1.5', /a ratio for cache_hit_ratio/, /write 1\.5% for 1\.5 percent/],
  ['dropped == 1.5', '1.5', /a whole number of dropped arrivals/, undefined],
  ['dropped == 5%', '5%', /a whole number of dropped/, /is a percentage; dropped takes a count/],
  ['retry_amplification < 0.5', '0.5', /a number ≥ 1 for retry_amplification/, /at least one attempt/],
  ['retry_amplification < 120%', '120%', /a number ≥ 1/, /is a percentage/],
  ['retry_amplification < 2ms', '2ms', /a number ≥ 1/, /is a duration/],
];

describe('parseThreshold: rejected texts', () => {
  for (const [text, got, expected, hint] of REJECTED) {
    it(`${JSON.stringify(text)}: quotes ${JSON.stringify(got)}`, () => {
      const parsed = parseThreshold(text, 'cli');
      assert.equal(parsed.ok, false);
      if (parsed.ok) return;
      assert.equal(parsed.got, got);
      assert.match(parsed.expected, expected);
      const quoted = got === '' ? 'nothing' : JSON.stringify(got);
      assert.equal(parsed.message, `${JSON.stringify(text.trim())}: expected ${parsed.expected}; got ${quoted}`);
      if (hint === undefined) assert.equal(parsed.hint, undefined);
      else assert.match(parsed.hint ?? '', hint);
    });
  }
});

describe('canAbortOn', () => {
  it('allows latency, error_rate and throughput only', () => {
    const allowed = THRESHOLD_METRICS.filter(canAbortOn);
    assert.deepEqual(allowed, ['p50', 'p90', 'p95', 'p99', 'p99.9', 'max', 'mean', 'error_rate', 'throughput']);
  });
});
