import type { Histogram } from './histogram.js';
import { type Interval } from './interval.js';
import { orderStatisticRanks } from './order-statistics.js';

/**
 * The 95% confidence interval of a latency percentile, read off an HDR histogram. Distribution-free: the ends are
 * the order statistics at the ranks order-statistics.ts picks (≈ n·q ∓ 1.96·√(n·q·(1−q)), exact for small n), so
 * no assumption about the shape of the latency distribution is made. What is assumed: the calls are independent
 * draws from one distribution. Drift during a run (a warming cache, a noisy neighbour) breaks that, and the interval
 * is then too narrow; interleaved rounds (`compare.rounds`) are the tool for drift.
 *
 * Values are as the histogram holds them: the top of their 0.1%-wide bucket, capped at the exact max, the same rule
 * latencyStats uses, so the estimate equals the report's figure and both runs' values are bucketed alike.
 */
export function quantileInterval(histogram: Histogram, percentile: number): Interval | null {
  const n = histogram.totalCount;
  if (n === 0 || !(percentile > 0 && percentile < 100)) return null;
  const max = histogram.maxValue;
  const estimate = Math.min(histogram.getValueAtPercentile(percentile), max);
  const ranks = orderStatisticRanks(n, percentile / 100);
  // Asking for rank − ½ out of n makes HDR's ceil(p·n) land on the rank itself, safe from floating-point error.
  const valueAtRank = (rank: number): number => Math.min(histogram.getValueAtPercentile((100 * (rank - 0.5)) / n), max);
  return {
    estimate,
    low: ranks.low === null ? 0 : Math.min(valueAtRank(ranks.low), estimate),
    high: ranks.high === null ? Infinity : Math.max(valueAtRank(ranks.high), estimate),
  };
}
