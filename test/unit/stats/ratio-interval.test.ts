import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ratioFromRounds, tQuantile975 } from '../../../src/stats/ratio-interval.js';

const close = (actual: number | null, expected: number, label: string): void =>
  assert.ok(actual !== null && Math.abs(actual - expected) < 1e-6, `${label}: ${actual} vs ${expected}`);

describe('ratio from paired rounds', () => {
  it('gives a zero-width interval when every round has the same ratio', () => {
    const estimate = ratioFromRounds([1.25, 1.25, 1.25, 1.25]);
    close(estimate.ratio, 1.25, 'ratio');
    close(estimate.low, 1.25, 'low');
    close(estimate.high, 1.25, 'high');
    assert.equal(estimate.significant, true);
    assert.deepEqual(ratioFromRounds([1, 1, 1]), { ratio: 1, low: 1, high: 1, significant: false });
  });

  it('is the t-interval on log ratios: 5 rounds with logs 0.1 … 0.5', () => {
    // Mean log 0.3, sample variance 0.025, t(4) = 2.776 → half-width 2.776 · √(0.025 / 5) = 0.1962925.
    const estimate = ratioFromRounds([0.1, 0.2, 0.3, 0.4, 0.5].map(Math.exp));
    close(estimate.ratio, Math.exp(0.3), 'ratio');
    close(estimate.low, Math.exp(0.3 - 0.1962925), 'low'); // 1.109276
    close(estimate.high, Math.exp(0.3 + 0.1962925), 'high'); // 1.642591
    assert.equal(estimate.significant, true);
  });

  it('says no significant difference when the interval contains 1', () => {
    // Geometric mean of 0.9, 1.1, 0.95, 1.05, 1.0 ≈ 0.998; logs spread ±0.1 → interval around 1.
    const estimate = ratioFromRounds([0.9, 1.1, 0.95, 1.05, 1.0]);
    assert.ok(estimate.low! < 1 && estimate.high! > 1);
    assert.equal(estimate.significant, false);
  });

  it('is symmetric on the log scale: B/A and A/B give reciprocal intervals', () => {
    const ratios = [1.3, 1.1, 1.2, 1.4];
    const forward = ratioFromRounds(ratios);
    const backward = ratioFromRounds(ratios.map((r) => 1 / r));
    close(backward.ratio, 1 / forward.ratio!, 'ratio');
    close(backward.low, 1 / forward.high!, 'low');
    close(backward.high, 1 / forward.low!, 'high');
  });

  it('gives no interval for one round, and no ratio for none', () => {
    assert.deepEqual(ratioFromRounds([2]), { ratio: 2, low: null, high: null, significant: null });
    assert.deepEqual(ratioFromRounds([]), { ratio: null, low: null, high: null, significant: null });
  });

  it('leaves out rounds without a meaningful ratio (0, negative, NaN, Infinity)', () => {
    assert.deepEqual(ratioFromRounds([0, -1, Number.NaN, Infinity, 2]), { ratio: 2, low: null, high: null, significant: null });
    assert.deepEqual(ratioFromRounds([0, 1.5, 1.5]), ratioFromRounds([1.5, 1.5]));
  });
});

describe('Student t 97.5% quantile', () => {
  it('reads the table to 30 degrees of freedom, then a series within 0.001 of the exact quantile', () => {
    assert.equal(tQuantile975(1), 12.706);
    assert.equal(tQuantile975(4), 2.776);
    assert.equal(tQuantile975(30), 2.042);
    // Exact values: t(0.975; 31) = 2.0395, 40 = 2.0211, 60 = 2.0003, 99 = 1.9842.
    for (const [v, exact] of [[31, 2.0395], [40, 2.0211], [60, 2.0003], [99, 1.9842]] as const) {
      assert.ok(Math.abs(tQuantile975(v) - exact) < 0.001, `t(${v}) = ${tQuantile975(v)}`);
    }
    assert.ok(Number.isNaN(tQuantile975(0)));
  });
});
