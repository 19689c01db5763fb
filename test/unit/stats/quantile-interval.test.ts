import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createHistogram, latencyStats, recordUs } from '../../../src/stats/histogram.js';
import { quantileInterval } from '../../../src/stats/quantile-interval.js';
import { histogramOf, lognormalDraws, trueQuantileUs, Z } from './synthetic.js';

describe('confidence interval of a percentile from a histogram', () => {
  it('reads the order statistics at the ranks: the median of 1..1000 µs lies in [x(469), x(532)]', () => {
    // n = 1000, q = ½: 500.5 ∓ 1.96·√250 → ranks 469 and 532; values below 2048 µs are exact in the histogram.
    const h = createHistogram();
    for (let us = 1; us <= 1_000; us++) recordUs(h, us);
    assert.deepEqual(quantileInterval(h, 50), { estimate: 500, low: 469, high: 532 });
  });

  it('has the report figure as its estimate, the rule latencyStats uses, and never a bound past the max', () => {
    const h = histogramOf(lognormalDraws(3, 2_000));
    const stats = latencyStats(h);
    const p99 = quantileInterval(h, 99)!;
    const p999 = quantileInterval(h, 99.9)!;
    assert.equal(p99.estimate, stats.p99);
    assert.equal(p999.estimate, stats.p999);
    assert.ok(p99.low < p99.estimate && p99.estimate < p99.high && p99.high <= stats.max);
    assert.ok(p999.low < p999.estimate);
    assert.equal(p999.high, Infinity, '2,000 calls cannot bound p99.9 above (that takes about 3,700)');
  });

  it('is open above when the calls cannot bound the quantile: p99 of 100 calls', () => {
    const interval = quantileInterval(histogramOf(lognormalDraws(1, 100)), 99)!;
    assert.equal(interval.high, Infinity);
    assert.ok(interval.low > 0 && interval.low <= interval.estimate);
  });

  it('is open on both sides for one call, and null for none', () => {
    const one = quantileInterval(histogramOf([1_234]), 50)!;
    assert.deepEqual(one, { estimate: 1_234, low: 0, high: Infinity });
    assert.equal(quantileInterval(createHistogram(), 50), null);
  });

  it('refuses the 0th and 100th percentile (min and max have no interval)', () => {
    const h = histogramOf(lognormalDraws(1, 1_000));
    assert.equal(quantileInterval(h, 0), null);
    assert.equal(quantileInterval(h, 100), null);
  });

  it('narrows as the calls grow: p99 from 2,000 vs 50,000 calls', () => {
    const width = (n: number): number => {
      const i = quantileInterval(histogramOf(lognormalDraws(9, n)), 99)!;
      return (i.high - i.low) / i.estimate;
    };
    assert.ok(width(50_000) < width(2_000) / 3, `${width(50_000)} vs ${width(2_000)}`);
  });

  it('covers the true p50 and p99 of a lognormal distribution in about 95% of 400 seeded samples', () => {
    for (const [percentile, z, n] of [[50, Z.p50, 300], [99, Z.p99, 2_000], [99, Z.p99, 500]] as const) {
      const truth = trueQuantileUs(z);
      let covered = 0;
      const samples = 400;
      for (let seed = 1; seed <= samples; seed++) {
        const interval = quantileInterval(histogramOf(lognormalDraws(seed, n)), percentile)!;
        if (interval.low <= truth && truth <= interval.high) covered++;
      }
      // Binomial(400, 0.95) lies in 372..388 with 99.9% probability; ranks rounded outwards cover a little more.
      assert.ok(covered >= 370 && covered <= 396, `p${percentile} of ${n} calls: ${covered}/400 covered`);
    }
  });
});
