import * as hdr from 'hdr-histogram-js';

/**
 * Latency histograms: integer microseconds in HDR histograms with 3 significant digits (0.1% resolution), so
 * memory stays flat whatever the number of calls, and histograms merge exactly across operations and shards.
 */
export type Histogram = hdr.Histogram;

export interface LatencyStats {
  readonly p50: number;
  readonly p90: number;
  readonly p95: number;
  readonly p99: number;
  readonly p999: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  readonly stdev: number;
}

/** Every histogram's settings but its bucket size and precision: whole µs, up to a minute before it resizes. */
const RANGE = { autoResize: true, lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000 } as const;

/** How many significant digits a histogram keeps (HDR's choices). */
export type SignificantDigits = 1 | 2 | 3 | 4 | 5;

/** Significant digits of a latency histogram: 0.1% resolution. */
export const LATENCY_DIGITS: SignificantDigits = 3;

/**
 * Significant digits of a timeline interval's histogram: 1% resolution, enough to plot p50/p99 over time, and an
 * encoded interval costs about a third of a 3-digit one (0.15–0.9 KB of base64 against 0.2–3 KB: a long run's report
 * stores one per second).
 */
export const INTERVAL_DIGITS: SignificantDigits = 2;

/** A recording histogram: 32-bit buckets (a run records far fewer than 2³² calls per bucket). */
export function createHistogram(significantDigits: SignificantDigits = LATENCY_DIGITS): Histogram {
  return hdr.build({ ...RANGE, bitBucketSize: 32, numberOfSignificantValueDigits: significantDigits });
}

/**
 * A histogram to add others into (shard reports, timelines): 64-bit buckets (exact to 2⁵³), since 32-bit ones wrap
 * silently past 2³² and many shards' counts add up. Same settings as the histograms it adds, so buckets line up.
 */
export function createAccumulator(significantDigits: SignificantDigits = LATENCY_DIGITS): Histogram {
  return hdr.build({ ...RANGE, bitBucketSize: 64, numberOfSignificantValueDigits: significantDigits });
}

/** Records one latency, rounded to a whole microsecond (negative clock skew clamps to 0). */
export function recordUs(histogram: Histogram, latencyUs: number): void {
  histogram.recordValue(latencyUs > 0 ? Math.round(latencyUs) : 0);
}

export function mergeHistograms(histograms: readonly Histogram[]): Histogram {
  const merged = createHistogram();
  for (const h of histograms) merged.add(h);
  return merged;
}

/**
 * Percentiles and moments of a histogram; all zero for an empty one (callers check `totalCount`). `maxUs`: the exact
 * largest value, when known apart from the histogram: a decoded histogram's max is the top of its bucket, so a merge
 * passes the largest exact max of its parts.
 */
export function latencyStats(histogram: Histogram, maxUs: number = histogram.maxValue): LatencyStats {
  if (histogram.totalCount === 0) {
    return { p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, min: 0, max: 0, mean: 0, stdev: 0 };
  }
  // A percentile is reported as the top of its bucket (within 0.1%); capping it at the exact max keeps a table from
  // showing p99.9 above max.
  const max = maxUs;
  const at = (percentile: number): number => latencyAtPercentile(histogram, percentile, max);
  return {
    p50: at(50),
    p90: at(90),
    p95: at(95),
    p99: at(99),
    p999: at(99.9),
    min: histogram.getValueAtPercentile(0),
    max,
    mean: round2(histogram.mean),
    stdev: round2(histogram.stdDeviation),
  };
}

/**
 * The latency at `percentile` (0–100) as every report figure reads it: the top of its bucket, capped at the exact max
 * (so p99.9 never shows above max). The one reading of a percentile: tables, plots and markers all come from here.
 */
export function latencyAtPercentile(histogram: Histogram, percentile: number, maxUs: number = histogram.maxValue): number {
  return Math.min(histogram.getValueAtPercentile(percentile), maxUs);
}

export function encodeHistogram(histogram: Histogram): string {
  return hdr.encodeIntoCompressedBase64(histogram);
}

/**
 * Decodes into 64-bit buckets: a report's histogram may be a merge of shards whose buckets passed 2³² (decoded into 32
 * bits they would wrap). Its precision is the encoded one. Its max is the top of the max's bucket, not the exact max.
 */
export function decodeHistogram(encoded: string): Histogram {
  return hdr.decodeFromCompressedBase64(encoded, 64, false);
}

/**
 * Encoded histograms (of shards, of intervals) added bucket by bucket into one 64-bit accumulator of their precision
 * (the first's; they share it). Linear in their number. Its max is a bucket top: readers pass the exact max apart.
 */
export function addEncodedHistograms(encoded: readonly string[]): Histogram {
  let sum: Histogram | null = null;
  for (const text of encoded) {
    const histogram = decodeHistogram(text);
    sum ??= createAccumulator(histogram.numberOfSignificantValueDigits as SignificantDigits);
    sum.add(histogram);
  }
  return sum ?? createAccumulator();
}

/** Rounds to two decimals (report figures that are not whole microseconds: means, rates). */
export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
