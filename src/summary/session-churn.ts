/**
 * The report's sessions block of a session-churn workload, from what its executor recorded (metrics/session-churn.ts),
 * and its exact merge over shards: histograms added, counts summed, sessions/s over the longest shard's span (the
 * shards run over the same window), the RSS growth from the shards that have one (named in `rssGrowth.from`).
 */
import { mergeFailedToOpen, mergeRssAtClose, mergeRssGrowth, sumSessionCounts, type RssAtClose, type RssGrowth, type SessionChurnRecord } from '../metrics/session-churn.js';
import { addEncodedHistograms, encodeHistogram, latencyStats, round2, type LatencyStats } from '../stats/histogram.js';

export interface SessionChurnSummary {
  /** Measured sessions opened (warmup ones are in `warmupSessions` only). */
  readonly opened: number;
  /** Closed during the run, their close timed. */
  readonly closed: number;
  /** Left open on purpose (`close: false`): closed untimed when the workload ended, or past `maxOpen`. */
  readonly leftOpen: number;
  /** Of `leftOpen`, closed early (oldest first) because `maxOpen` newer ones were left open; absent in older reports. */
  readonly evicted?: number;
  /** Measured sessions that failed to open, by error code (`transport:ECONNREFUSED`, `timeout`). */
  readonly failedToOpen: Readonly<Record<string, number>>;
  /** Sessions arriving at a rate: arrivals dropped because `maxInFlight` sessions were in flight. */
  readonly dropped: number;
  readonly warmupSessions: number;
  /** Spawn/connect → initialized (closed: from the session's start; open model: from its scheduled start), µs. */
  readonly openUs: LatencyStats;
  readonly openHistogram: string;
  /** Close requested → done (HTTP: the DELETE answered; stdio: the process ended), µs. */
  readonly closeUs: LatencyStats;
  readonly closeHistogram: string;
  /** Measured sessions opened per second of the measured span. */
  readonly sessionsPerSec: number;
  /** The measured span sessionsPerSec is over (µs). */
  readonly spanUs: number;
  /** Calls made in measured sessions. */
  readonly calls: number;
  /** calls / opened (0 when none opened). */
  readonly callsPerSession: number;
  /** The shared server's RSS growth per 1,000 sessions opened (least squares over the measured phase), or null. */
  readonly rssGrowth: RssGrowth | null;
  /** A server process per session (stdio): its RSS just before close, averaged; null otherwise. */
  readonly rssAtClose: RssAtClose | null;
}

export function summarizeSessionChurn(record: SessionChurnRecord, spanUs: number): SessionChurnSummary {
  return {
    opened: record.opened,
    closed: record.closed,
    leftOpen: record.leftOpen,
    evicted: record.evicted,
    failedToOpen: record.failedToOpen,
    dropped: record.dropped,
    warmupSessions: record.warmupSessions,
    openUs: latencyStats(record.openUs),
    openHistogram: encodeHistogram(record.openUs),
    closeUs: latencyStats(record.closeUs),
    closeHistogram: encodeHistogram(record.closeUs),
    ...rates(record.opened, record.calls, spanUs),
    rssGrowth: record.rssGrowth,
    rssAtClose: record.rssAtClose,
  };
}

function rates(opened: number, calls: number, spanUs: number): Pick<SessionChurnSummary, 'sessionsPerSec' | 'spanUs' | 'calls' | 'callsPerSession'> {
  return {
    sessionsPerSec: spanUs > 0 ? round2((opened * 1_000_000) / spanUs) : 0,
    spanUs: Math.round(spanUs),
    calls,
    callsPerSession: opened > 0 ? round2(calls / opened) : 0,
  };
}

/** The shards' blocks as one (the counting rules are metrics/session-churn.ts's); `labels` name the shards (`shard 0/2`). */
export function mergeSessionChurnSummaries(parts: readonly SessionChurnSummary[], labels: readonly string[]): SessionChurnSummary | undefined {
  if (parts.length === 0) return undefined;
  const counts = sumSessionCounts(parts);
  const openUs = addEncodedHistograms(parts.map((p) => p.openHistogram));
  const closeUs = addEncodedHistograms(parts.map((p) => p.closeHistogram));
  return {
    opened: counts.opened,
    closed: counts.closed,
    leftOpen: counts.leftOpen,
    evicted: counts.evicted,
    failedToOpen: mergeFailedToOpen(parts.map((p) => p.failedToOpen)),
    dropped: counts.dropped,
    warmupSessions: counts.warmupSessions,
    // The exact maxima are the largest of the parts' (a decoded histogram's max is its bucket's top).
    openUs: latencyStats(openUs, Math.max(...parts.map((p) => p.openUs.max))),
    openHistogram: encodeHistogram(openUs),
    closeUs: latencyStats(closeUs, Math.max(...parts.map((p) => p.closeUs.max))),
    closeHistogram: encodeHistogram(closeUs),
    ...rates(counts.opened, counts.calls, Math.max(...parts.map((p) => p.spanUs))),
    rssGrowth: mergeRssGrowth(parts.map((p) => p.rssGrowth), labels),
    rssAtClose: mergeRssAtClose(parts.map((p) => p.rssAtClose)),
  };
}
