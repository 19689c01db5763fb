import * as hdr from 'hdr-histogram-js';
import type { Histogram } from './histogram.js';

/**
 * How many recorded values are at or below each bound (µs, ascending): the cumulative buckets of a Prometheus
 * histogram read from an HDR one. A recorded value is placed by its HDR bucket's highest equivalent value, so a value
 * within the histogram's resolution (0.1%) of a bound may fall on either side of it — as every HDR figure does.
 */
export function cumulativeCounts(histogram: Histogram, boundsUs: readonly number[]): number[] {
  const perBound = boundsUs.map(() => 0);
  if (histogram.totalCount === 0) return perBound;
  if (!(histogram instanceof hdr.JsHistogram)) throw new TypeError('cumulativeCounts: only JavaScript HDR histograms are read');
  const iterator = histogram.recordedValuesIterator;
  iterator.reset();
  let bound = 0;
  while (iterator.hasNext()) {
    const step = iterator.next();
    while (bound < boundsUs.length && step.valueIteratedTo > boundsUs[bound]!) bound++;
    if (bound === boundsUs.length) break;
    perBound[bound]! += step.countAtValueIteratedTo;
  }
  for (let i = 1; i < perBound.length; i++) perBound[i]! += perBound[i - 1]!;
  return perBound;
}
