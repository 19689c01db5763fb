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

export function createHistogram(): Histogram {
  return hdr.build({
    bitBucketSize: 32,
    autoResize: true,
    lowestDiscernibleValue: 1,
    highestTrackableValue: 60_000_000,
    numberOfSignificantValueDigits: 3,
  });
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

/** Percentiles and moments of a histogram; all zero for an empty one (callers check `totalCount`). */
export function latencyStats(histogram: Histogram): LatencyStats {
  if (histogram.totalCount === 0) {
    return { p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, min: 0, max: 0, mean: 0, stdev: 0 };
  }
  // A percentile is reported as the top of its bucket (within 0.1%); capping it at the exact max keeps a table from
  // showing p99.9 above max.
  const max = histogram.maxValue;
  const at = (percentile: number): number => latencyAtPercentile(histogram, percentile);
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
export function latencyAtPercentile(histogram: Histogram, percentile: number): number {
  return Math.min(histogram.getValueAtPercentile(percentile), histogram.maxValue);
}

export function encodeHistogram(histogram: Histogram): string {
  return hdr.encodeIntoCompressedBase64(histogram);
}

export function decodeHistogram(encoded: string): Histogram {
  return hdr.decodeFromCompressedBase64(encoded, 32, false);
}

/** Rounds to two decimals (report figures that are not whole microseconds: means, rates). */
export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
