import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { orderStatisticRanks } from '../../../src/stats/order-statistics.js';

/** P(low ≤ B < high) for B ~ Binomial(n, q), open ends taken as 0 and n + 1: the exact coverage of the ranks. */
function coverage(n: number, q: number, low: number | null, high: number | null): number {
  const logFactorial = [0];
  for (let i = 1; i <= n; i++) logFactorial.push(logFactorial[i - 1]! + Math.log(i));
  const from = low ?? 0;
  const to = (high ?? n + 1) - 1;
  let total = 0;
  for (let k = from; k <= to; k++) {
    total += Math.exp(logFactorial[n]! - logFactorial[k]! - logFactorial[n - k]! + k * Math.log(q) + (n - k) * Math.log(1 - q));
  }
  return total;
}

describe('order-statistic ranks of a quantile', () => {
  it('gives the textbook ranks 40 and 61 for the median of 100', () => {
    assert.deepEqual(orderStatisticRanks(100, 0.5), { low: 40, high: 61 });
  });

  it('covers the quantile with at least 95% where the ranks come from the exact binomial', () => {
    for (const n of [1, 2, 5, 10, 20, 50, 100, 300, 400, 1_000, 3_000, 5_000]) {
      for (const q of [0.5, 0.9, 0.95, 0.99, 0.999]) {
        if (n * q * (1 - q) >= 25) continue; // the normal branch, checked below
        const { low, high } = orderStatisticRanks(n, q);
        const covered = coverage(n, q, low, high);
        assert.ok(covered >= 0.95 - 1e-9, `n=${n} q=${q}: ranks ${low}..${high} cover ${covered}`);
        assert.ok(covered < 0.995 || low === null || high === null, `n=${n} q=${q}: needlessly wide (${covered})`);
      }
    }
  });

  it('stays close to 95% where the normal approximation picks the ranks', () => {
    for (const [n, q] of [[100, 0.5], [1_000, 0.9], [3_000, 0.99], [10_000, 0.99], [40_000, 0.999], [2_000, 0.5]] as const) {
      const { low, high } = orderStatisticRanks(n, q);
      const covered = coverage(n, q, low, high);
      assert.ok(covered >= 0.945 && covered <= 0.975, `n=${n} q=${q}: ranks ${low}..${high} cover ${covered}`);
    }
  });

  it('agrees within one rank with the exact ranks at the switch-over to the normal approximation', () => {
    // n·q·(1−q) = 25 at n = 2,525 for q = 0.99: ranks just below use the exact branch, just above the normal one.
    const below = orderStatisticRanks(2_524, 0.99);
    const above = orderStatisticRanks(2_526, 0.99);
    assert.ok(Math.abs((above.low ?? 0) - (below.low ?? 0) - 2) <= 1, `${JSON.stringify({ below, above })}`);
    assert.ok(Math.abs((above.high ?? 0) - (below.high ?? 0) - 2) <= 1, `${JSON.stringify({ below, above })}`);
  });

  it('leaves the upper end open when too few calls lie beyond the quantile', () => {
    // 0.99^n > 2.5% up to n = 367: with so few calls, the slowest may still lie below the true p99.
    assert.equal(orderStatisticRanks(100, 0.99).high, null);
    assert.equal(orderStatisticRanks(367, 0.99).high, null);
    assert.equal(orderStatisticRanks(368, 0.99).high, 368);
    assert.ok(orderStatisticRanks(100, 0.99).low! >= 95);
  });

  it('leaves both ends open for a single call, and the lower end open for a low quantile of few calls', () => {
    assert.deepEqual(orderStatisticRanks(1, 0.5), { low: null, high: null });
    assert.equal(orderStatisticRanks(5, 0.5).low, null); // 0.5^5 = 3.1% > 2.5%
    assert.equal(orderStatisticRanks(6, 0.5).low, 1);
  });

  it('mirrors: the ranks of q and of 1 − q are reflections of each other', () => {
    for (const n of [7, 50, 500, 5_000]) {
      for (const q of [0.01, 0.1, 0.3]) {
        const low = orderStatisticRanks(n, q);
        const high = orderStatisticRanks(n, 1 - q);
        assert.equal(low.low === null ? null : n + 1 - low.low, high.high, `n=${n} q=${q}`);
        assert.equal(low.high === null ? null : n + 1 - low.high, high.low, `n=${n} q=${q}`);
      }
    }
  });

  it('refuses what is not a quantile of some calls', () => {
    assert.deepEqual(orderStatisticRanks(0, 0.5), { low: null, high: null });
    assert.deepEqual(orderStatisticRanks(100, 0), { low: null, high: null });
    assert.deepEqual(orderStatisticRanks(100, 1), { low: null, high: null });
  });
});
