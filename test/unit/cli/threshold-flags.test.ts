import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseThresholdFlags } from '../../../src/cli/threshold-flags.js';

describe('parseThresholdFlags (--threshold, repeatable)', () => {
  it('parses every flag value in order, marked as from the CLI', () => {
    const parsed = parseThresholdFlags(['p99<50ms', ' error_rate < 1% ', 'throughput>600/m']);
    assert.ok(parsed.ok);
    assert.deepEqual(
      parsed.specs.map((spec) => [spec.text, spec.metric, spec.comparator, spec.limit, spec.source, spec.abortOnFail]),
      [
        ['p99<50ms', 'p99', '<', 50_000, 'cli', false],
        ['error_rate < 1%', 'error_rate', '<', 0.01, 'cli', false],
        ['throughput>600/m', 'throughput', '>', 10, 'cli', false],
      ],
    );
  });

  it('no flag: no thresholds', () => {
    assert.deepEqual(parseThresholdFlags([]), { ok: true, specs: [] });
  });

  const rejected: [value: string, error: string][] = [
    ['p99 < 5%', '--threshold "p99 < 5%": expected a duration for p99, like 50ms, 1.5s or 800us; got "5%" ("5%" is a percentage; p99 takes a duration (us, ms, s))'],
    ['p98<5ms', '--threshold "p98<5ms": expected a metric: one of p50, p90, p95, p99, p99.9, max, mean, error_rate, throughput, cache_hit_ratio, dropped, checks, retry_amplification, cold_start_p99, cold_start_max or pool_utilization; got "p98" (did you mean "p99"?)'],
    ['throughput > 5ms', '--threshold "throughput > 5ms": expected a rate for throughput, like 1000/s or 600/m (a plain number is per second); got "5ms" ("5ms" is a duration; throughput takes calls per second (/s, /m, /h))'],
    ['dropped == 1.5', '--threshold "dropped == 1.5": expected a whole number of dropped arrivals, like 0 or 10; got "1.5"'],
  ];
  for (const [value, error] of rejected) {
    it(`rejects ${JSON.stringify(value)}, quoting it`, () => {
      assert.deepEqual(parseThresholdFlags(['p50<1s', value, 'also bad']), { ok: false, error });
    });
  }
});
