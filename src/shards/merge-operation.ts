/**
 * One operation (or a workload's total) of every shard as one: histograms added in a 64-bit accumulator and the
 * percentiles read again from it, max the largest exact shard max (a decoded histogram's max is its bucket's top),
 * counts and errors by code summed, the error rate recomputed. Linear in the shards.
 */
import { addEncodedHistograms, encodeHistogram, latencyStats, round2, type LatencyStats } from '../stats/histogram.js';
import type { OperationSummary } from '../summary/summary.js';
import { errorRateOf, sumChecks } from '../summary/checks.js';
import { mergeClientFigures } from './merge-client.js';
import { mergeProgressSummaries } from '../summary/progress.js';
import { bytesOf } from '../summary/payload-bytes.js';

/** A latency figure of one shard: its stats and, in reports that store it, its encoded histogram. */
export interface LatencyPart {
  readonly stats: LatencyStats;
  readonly histogram: string | undefined;
  readonly count: number;
}

/**
 * Latency figures of shards as one. Exact when every part with calls stores its histogram; otherwise (a report from
 * before histograms were stored) each figure is the highest shard's (never better than a shard saw) and `exact` false.
 */
export function mergeLatency(parts: readonly LatencyPart[]): { stats: LatencyStats; histogram: string | undefined; exact: boolean } {
  const measured = parts.filter((part) => part.count > 0 || part.stats.max > 0);
  const maxUs = measured.reduce((max, part) => Math.max(max, part.stats.max), 0);
  const encoded = measured.flatMap((part) => (part.histogram === undefined ? [] : [part.histogram]));
  if (encoded.length === measured.length) {
    const sum = addEncodedHistograms(parts.flatMap((part) => (part.histogram === undefined ? [] : [part.histogram])));
    return { stats: latencyStats(sum, maxUs), histogram: encodeHistogram(sum), exact: true };
  }
  const highest = (pick: (s: LatencyStats) => number): number => measured.reduce((m, part) => Math.max(m, pick(part.stats)), 0);
  const stats: LatencyStats = {
    p50: highest((s) => s.p50),
    p90: highest((s) => s.p90),
    p95: highest((s) => s.p95),
    p99: highest((s) => s.p99),
    p999: highest((s) => s.p999),
    min: measured.reduce((m, part) => Math.min(m, part.stats.min), measured[0]?.stats.min ?? 0),
    max: maxUs,
    mean: highest((s) => s.mean),
    stdev: highest((s) => s.stdev),
  };
  return { stats, histogram: undefined, exact: false };
}

/** How a merged operation's throughput is figured (workload-wide: merge-workload.ts decides). */
export type ThroughputRule = (parts: readonly OperationSummary[]) => number;

/** Every shard's time-bounded window is the same: the shards' rates add up. */
export const sumOfRates: ThroughputRule = (parts) => round2(parts.reduce((sum, part) => sum + part.throughputPerSec, 0));

/** Shards that ran side by side for different times: every call over the longest shard's window. */
export function callsOver(durationUs: number): ThroughputRule {
  return (parts) => (durationUs > 0 ? round2((parts.reduce((sum, part) => sum + part.count, 0) * 1_000_000) / durationUs) : 0);
}

/** `parts`: the same operation of each shard, in shard order. `inexact` is told each figure that could not be exact. */
export function mergeOperation(parts: readonly OperationSummary[], throughput: ThroughputRule, inexact: (figure: string) => void): OperationSummary {
  const first = parts[0]!;
  const count = sum(parts, (p) => p.count);
  const ok = sum(parts, (p) => p.ok);
  const latency = mergeLatency(parts.map((p) => ({ stats: p.latencyUs, histogram: p.histogram, count: p.count })));
  const client = mergeClientFigures(parts, inexact);
  const checks = sumChecks(parts);
  return {
    name: first.name,
    ...(first.signature !== undefined && { signature: first.signature }),
    count,
    ok,
    errors: sumCounts(parts.map((p) => p.errors)),
    errorRate: errorRateOf({ count, ok, checks }),
    ...(checks && { checks }),
    ...(first.journey && { journey: first.journey }),
    ...(first.step && { step: first.step }),
    throughputPerSec: throughput(parts),
    latencyUs: latency.stats,
    histogram: latency.histogram ?? first.histogram,
    warmupCalls: sum(parts, (p) => p.warmupCalls),
    ...(client && { client }),
    ...serviceTime(parts, inexact),
    ...(parts.some((p) => p.dropped !== undefined) && { dropped: sum(parts, (p) => p.dropped ?? 0) }),
    ...progressOf(parts),
    ...bytesOf(parts),
  };
}

/** Progress figures of the shards that have them (summary/progress.ts), added exactly. */
function progressOf(parts: readonly OperationSummary[]): Pick<OperationSummary, 'progress'> {
  const progress = mergeProgressSummaries(parts.flatMap((p) => (p.progress ? [p.progress] : [])));
  return progress ? { progress } : {};
}

function serviceTime(parts: readonly OperationSummary[], inexact: (figure: string) => void): Pick<OperationSummary, 'serviceTimeUs' | 'serviceTimeHistogram'> {
  const timed = parts.filter((p) => p.serviceTimeUs !== undefined);
  if (timed.length === 0) return {};
  const merged = mergeLatency(timed.map((p) => ({ stats: p.serviceTimeUs!, histogram: p.serviceTimeHistogram, count: p.count })));
  if (!merged.exact) inexact('service time');
  return { serviceTimeUs: merged.stats, ...(merged.histogram !== undefined && { serviceTimeHistogram: merged.histogram }) };
}

export function sum<T>(items: readonly T[], pick: (item: T) => number): number {
  return items.reduce((total, item) => total + pick(item), 0);
}

/** Counts by key (errors by code, set-up calls by method), added. */
export function sumCounts(records: readonly Readonly<Record<string, number>>[]): Record<string, number> {
  const total: Record<string, number> = {};
  for (const record of records) for (const [key, n] of Object.entries(record)) total[key] = (total[key] ?? 0) + n;
  return total;
}
