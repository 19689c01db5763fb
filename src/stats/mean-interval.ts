import type { Histogram } from './histogram.js';
import { Z_975, type Interval } from './interval.js';
import { tQuantile975 } from './ratio-interval.js';

/**
 * Intervals of the mean latency and of throughput, from a histogram's count, mean and standard deviation.
 * Both assume independent calls (see quantile-interval.ts); the mean's relies on the central limit theorem too,
 * which heavy tails slow down, so for small n it is rougher than the distribution-free percentile intervals.
 */

/**
 * Mean ± t·s/√n, s the sample standard deviation (HDR's stdDeviation divides by n; corrected to n − 1), t Student's
 * 97.5% quantile (the normal's beyond 30 degrees of freedom). One call has no spread to measure: open interval.
 */
export function meanInterval(histogram: Histogram): Interval | null {
  const n = histogram.totalCount;
  if (n === 0) return null;
  const mean = histogram.mean;
  if (n < 2) return { estimate: mean, low: 0, high: Infinity };
  const sd = histogram.stdDeviation * Math.sqrt(n / (n - 1));
  const half = (tQuantile975(n - 1) * sd) / Math.sqrt(n);
  return { estimate: mean, low: Math.max(0, mean - half), high: mean + half };
}

/** How a workload makes its calls: a closed loop waits for answers; an open model sends on a schedule. */
export type LoadModel = 'closed' | 'open';

/**
 * The interval of a measured throughput (calls/s).
 *
 * Closed loop (sequential, concurrent, ramping-concurrency): c callers each wait for an answer before the next
 * call, so throughput = c / mean latency (Little's law) and its relative noise is the mean latency's: the renewal
 * central limit theorem gives a relative standard error of cv/√n (cv = sd/mean), whether the run was fixed in
 * calls or in time. The interval is the mean's, inverted: throughput · mean / [mean.high, mean.low].
 * Assumes independent latencies and a steady c; a ramp's changing c adds noise this does not see.
 *
 * Open model (constant-rate, ramping-rate): the schedule sets the pace, and the count of completions is at most
 * Poisson-noisy: relative standard error 1/√n, applied on the log scale (throughput · e^(∓1.96/√n)). This is an
 * upper bound on the noise of a paced schedule; a fall in achieved throughput there means dropped arrivals.
 */
export function throughputInterval(throughputPerSec: number, histogram: Histogram, model: LoadModel): Interval | null {
  const n = histogram.totalCount;
  if (n === 0 || !(throughputPerSec > 0)) return null;
  if (model === 'open') {
    const spread = Math.exp(Z_975 / Math.sqrt(n));
    return { estimate: throughputPerSec, low: throughputPerSec / spread, high: throughputPerSec * spread };
  }
  const mean = meanInterval(histogram);
  if (mean === null || !(mean.estimate > 0)) return null;
  const scale = throughputPerSec * mean.estimate;
  return {
    estimate: throughputPerSec,
    low: mean.high === Infinity ? 0 : scale / mean.high,
    high: mean.low > 0 ? scale / mean.low : Infinity,
  };
}
