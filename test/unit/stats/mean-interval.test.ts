import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createHistogram } from '../../../src/stats/histogram.js';
import { meanInterval, throughputInterval } from '../../../src/stats/mean-interval.js';
import { histogramOf, lognormalDraws, trueMeanUs } from './synthetic.js';

const near = (actual: number, expected: number, label: string, tolerance = 1e-6): void =>
  assert.ok(Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)), `${label}: ${actual} vs ${expected}`);

describe('confidence interval of the mean latency', () => {
  it('is mean ± t·s/√n: 1000, 1000, 2000, 2000 µs give 1500 ± 3.182·577.35/2', () => {
    // Sample sd √(4·500²/3) = 577.35; t(3) = 3.182; half-width 918.57.
    const interval = meanInterval(histogramOf([1_000, 1_000, 2_000, 2_000]))!;
    near(interval.estimate, 1_500, 'mean');
    near(interval.low, 1_500 - 918.5655, 'low', 1e-5);
    near(interval.high, 1_500 + 918.5655, 'high', 1e-5);
  });

  it('has zero width when every call took the same time, is open for one call, and null for none', () => {
    assert.deepEqual(meanInterval(histogramOf([700, 700, 700])), { estimate: 700, low: 700, high: 700 });
    assert.deepEqual(meanInterval(histogramOf([700])), { estimate: 700, low: 0, high: Infinity });
    assert.equal(meanInterval(createHistogram()), null);
  });

  it('never goes below 0 µs', () => {
    assert.equal(meanInterval(histogramOf([1, 1, 5_000]))!.low, 0);
  });

  it('covers the true mean of a lognormal in about 95% of 400 seeded samples of 1,000 calls', () => {
    const truth = trueMeanUs();
    let covered = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const interval = meanInterval(histogramOf(lognormalDraws(seed, 1_000)))!;
      if (interval.low <= truth && truth <= interval.high) covered++;
    }
    assert.ok(covered >= 366 && covered <= 392, `${covered}/400 covered`);
  });
});

describe('confidence interval of throughput', () => {
  it('closed loop: the mean latency interval, inverted (throughput ∝ 1 / mean latency)', () => {
    const h = histogramOf([1_000, 1_000, 2_000, 2_000]);
    const mean = meanInterval(h)!;
    const interval = throughputInterval(800, h, 'closed')!;
    near(interval.estimate, 800, 'estimate');
    near(interval.low, (800 * 1_500) / mean.high, 'low');
    near(interval.high, (800 * 1_500) / mean.low, 'high');
  });

  it('closed loop: relative half-width ≈ 1.96·cv/√n', () => {
    const h = histogramOf(lognormalDraws(4, 10_000));
    const cv = h.stdDeviation / h.mean;
    const interval = throughputInterval(1_000, h, 'closed')!;
    near((interval.high - interval.low) / 2 / 1_000, (1.96 * cv) / Math.sqrt(10_000), 'relative half-width', 0.01);
  });

  it('closed loop: covers the true rate of a sequential caller in about 95% of 400 seeded runs', () => {
    // One caller, n calls back to back: calls/s = n / Σ latency; the true rate is 1 / E[latency].
    const truth = 1e6 / trueMeanUs();
    let covered = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const draws = lognormalDraws(seed, 1_000);
      const measured = (draws.length * 1e6) / draws.reduce((a, b) => a + b, 0);
      const interval = throughputInterval(measured, histogramOf(draws), 'closed')!;
      if (interval.low <= truth && truth <= interval.high) covered++;
    }
    assert.ok(covered >= 366 && covered <= 392, `${covered}/400 covered`);
  });

  it('open model: Poisson counts, throughput · e^(∓1.96/√n)', () => {
    const h = histogramOf(new Array<number>(100).fill(1_000));
    const interval = throughputInterval(500, h, 'open')!;
    near(interval.low, 500 / Math.exp(0.196), 'low', 1e-4);
    near(interval.high, 500 * Math.exp(0.196), 'high', 1e-4);
  });

  it('is null without calls or without a rate', () => {
    assert.equal(throughputInterval(100, createHistogram(), 'closed'), null);
    assert.equal(throughputInterval(0, histogramOf([1_000]), 'open'), null);
  });

  it('is open above when a single call leaves the mean unbounded', () => {
    assert.deepEqual(throughputInterval(10, histogramOf([1_000]), 'closed'), { estimate: 10, low: 0, high: Infinity });
  });
});
