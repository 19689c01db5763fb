/**
 * The report's progress figures of one operation (operation `progress: true`; metrics/progress.ts records them):
 * calls that asked, notifications heard and per call, time to first progress and the gaps between notifications
 * (stats and encoded HDR histograms, so shards merge exactly). Absent on operations that never asked.
 */
import type { ProgressRecord } from '../metrics/progress.js';
import { addEncodedHistograms, encodeHistogram, latencyStats, round2, type Histogram, type LatencyStats } from '../stats/histogram.js';

export interface ProgressSummary {
  /** Measured calls that sent a progress token. */
  readonly calls: number;
  /** Progress notifications those calls heard. */
  readonly notifications: number;
  /** notifications / calls (0 when no call asked). */
  readonly perCall: number;
  /** Calls that heard at least one notification (the count of firstProgressUs). */
  readonly callsWithProgress: number;
  /** From a call's start to its first progress notification, integer µs. */
  readonly firstProgressUs: LatencyStats;
  readonly firstProgressHistogram: string;
  /** Gaps between consecutive progress notifications of one call (the count of gapUs). */
  readonly gaps: number;
  readonly gapUs: LatencyStats;
  readonly gapHistogram: string;
}

export function summarizeProgress(record: ProgressRecord): ProgressSummary {
  return figures(record.calls, record.notifications, record.firstProgress, record.firstProgress.maxValue, record.gaps, record.gaps.maxValue);
}

/** The same operation's progress in several shards' reports as one: counts summed, histograms added. */
export function mergeProgressSummaries(parts: readonly ProgressSummary[]): ProgressSummary | null {
  if (parts.length === 0) return null;
  const sum = (pick: (p: ProgressSummary) => number): number => parts.reduce((n, p) => n + pick(p), 0);
  const max = (pick: (p: ProgressSummary) => number): number => parts.reduce((m, p) => Math.max(m, pick(p)), 0);
  const first = addEncodedHistograms(parts.map((p) => p.firstProgressHistogram));
  const gaps = addEncodedHistograms(parts.map((p) => p.gapHistogram));
  return figures(sum((p) => p.calls), sum((p) => p.notifications), first, max((p) => p.firstProgressUs.max), gaps, max((p) => p.gapUs.max));
}

function figures(calls: number, notifications: number, first: Histogram, firstMaxUs: number, gaps: Histogram, gapMaxUs: number): ProgressSummary {
  return {
    calls,
    notifications,
    perCall: calls > 0 ? round2(notifications / calls) : 0,
    callsWithProgress: first.totalCount,
    firstProgressUs: latencyStats(first, firstMaxUs),
    firstProgressHistogram: encodeHistogram(first),
    gaps: gaps.totalCount,
    gapUs: latencyStats(gaps, gapMaxUs),
    gapHistogram: encodeHistogram(gaps),
  };
}
