/**
 * The report's `subscriptions` block of a workload that subscribes to resources (metrics/resource-updates.ts): updates
 * received by URI and the change → receipt delay, and its exact merge over shards (counts summed, histograms added).
 */
import { sumByKey, type ResourceUpdateRecord } from '../metrics/resource-updates.js';
import { addEncodedHistograms, encodeHistogram, latencyStats, type Histogram, type LatencyStats } from '../stats/histogram.js';

export interface SubscriptionsSummary {
  /** `notifications/resources/updated` received, all URIs. */
  readonly received: number;
  /** The same, by URI. */
  readonly byUri: Readonly<Record<string, number>>;
  /** Of `received`, those the server stamped with when the change happened (their delay is in `delayUs`). */
  readonly stamped: number;
  /** Change (server's stamp) → receipt, µs; null when no update was stamped. Needs synchronised clocks across machines. */
  readonly delayUs: LatencyStats | null;
  /** The HDR histogram of delayUs, encoded, so reports merge exactly. */
  readonly delayHistogram: string;
}

export function summarizeSubscriptions(record: ResourceUpdateRecord): SubscriptionsSummary {
  return fromParts(record.byUri, record.stamped, record.delayUs, record.delayUs.maxValue);
}

/** The shards' blocks as one; undefined when none has one. */
export function mergeSubscriptionSummaries(parts: readonly SubscriptionsSummary[]): SubscriptionsSummary | undefined {
  if (parts.length === 0) return undefined;
  const delay = addEncodedHistograms(parts.map((p) => p.delayHistogram));
  // The exact maximum is the largest of the parts' (a decoded histogram's max is its bucket's top).
  const maxUs = Math.max(0, ...parts.map((p) => p.delayUs?.max ?? 0));
  return fromParts(sumByKey(parts.map((p) => p.byUri)), parts.reduce((n, p) => n + p.stamped, 0), delay, maxUs);
}

function fromParts(byUri: Readonly<Record<string, number>>, stamped: number, delay: Histogram, maxUs: number): SubscriptionsSummary {
  return {
    received: Object.values(byUri).reduce((n, c) => n + c, 0),
    byUri,
    stamped,
    delayUs: delay.totalCount > 0 ? latencyStats(delay, maxUs) : null,
    delayHistogram: encodeHistogram(delay),
  };
}
