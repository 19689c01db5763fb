import { Z_975 } from './interval.js';

/**
 * Which order statistics bound a quantile, distribution-free. Of n independent calls, the number B that fall at or
 * below the true q-quantile is Binomial(n, q), and the r-th smallest call lies at or below the quantile exactly when
 * B ≥ r. So [x(low), x(high)) covers the quantile with probability P(low ≤ B < high), whatever the latency
 * distribution; the ranks are picked to leave at most 2.5% on each side.
 */

/** 1-based ranks; null when no rank of these n calls bounds that side (the interval is open there). */
export interface RankBounds {
  readonly low: number | null;
  readonly high: number | null;
}

/**
 * Below this binomial variance the normal approximation misplaces ranks by one or more (small n, or q near 0 or 1:
 * p99 from a few hundred calls), so the ranks come from the exact binomial distribution instead.
 */
const EXACT_BELOW_VARIANCE = 25;

/** Ranks of the 95% interval of the q-quantile (0 < q < 1) of n calls. */
export function orderStatisticRanks(n: number, q: number): RankBounds {
  if (!(n >= 1) || !(q > 0 && q < 1)) return { low: null, high: null };
  const variance = n * q * (1 - q);
  const ranks = variance < EXACT_BELOW_VARIANCE ? exactRanks(n, q) : normalRanks(n, q, Math.sqrt(variance));
  return {
    low: ranks.low >= 1 ? Math.min(ranks.low, n) : null,
    high: ranks.high <= n ? Math.max(ranks.high, 1) : null,
  };
}

/**
 * Normal approximation with continuity correction: low = ⌊nq + ½ − z·sd⌋, high = ⌈nq + ½ + z·sd⌉ (the brief's
 * n·q ∓ 1.96·√(n·q·(1−q)), rounded outwards).
 */
function normalRanks(n: number, q: number, sd: number): { low: number; high: number } {
  const centre = n * q + 0.5;
  return { low: Math.floor(centre - Z_975 * sd), high: Math.ceil(centre + Z_975 * sd) };
}

/**
 * Exact ranks. Works on the smaller tail probability p = min(q, 1 − q), reflecting B ↦ n − B for q > ½, so the
 * first binomial term (1 − p)^n cannot underflow: n·p·(1 − p) < 25 keeps it above e^−100.
 */
function exactRanks(n: number, q: number): { low: number; high: number } {
  if (q <= 0.5) {
    const tails = binomialTails(n, q);
    return { low: tails.lowCut, high: tails.highCut };
  }
  // B' = n − B ~ Binomial(n, 1 − q): P(B ≤ r − 1) = P(B' ≥ n − r + 1), P(B ≥ r) = P(B' ≤ n − r).
  const tails = binomialTails(n, 1 - q);
  return { low: n + 1 - tails.highCut, high: n + 1 - tails.lowCut };
}

/**
 * For X ~ Binomial(n, p): lowCut, the largest a with P(X ≤ a − 1) ≤ 2.5% (0 when even P(X = 0) is more), and
 * highCut, the smallest b with P(X ≥ b) ≤ 2.5% (n + 1 when even P(X = n) is more).
 */
function binomialTails(n: number, p: number): { lowCut: number; highCut: number } {
  const tail = 0.025;
  let pmf = Math.pow(1 - p, n);
  let cdf = pmf;
  let lowCut: number | null = cdf > tail ? 0 : null;
  for (let k = 0; k < n; k++) {
    if (cdf >= 1 - tail) return { lowCut: lowCut ?? k, highCut: k + 1 };
    pmf *= ((n - k) / (k + 1)) * (p / (1 - p));
    cdf += pmf;
    if (lowCut === null && cdf > tail) lowCut = k + 1;
  }
  return { lowCut: lowCut ?? n, highCut: n + 1 };
}
