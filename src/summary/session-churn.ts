/**
 * The report's sessions block of a session-churn workload, from what its executor recorded (metrics/session-churn.ts),
 * and its exact merge over shards: histograms added, counts summed, sessions/s over the longest shard's span (the
 * shards run over the same window), the RSS growth from the shards that have one (named in `rssGrowth.from`).
 */
import { mergeRssGrowth, type RssGrowth, type SessionChurnRecord } from '../metrics/session-churn.js';
import { addEncodedHistograms, encodeHistogram, latencyStats, round2, type LatencyStats } from '../stats/histogram.js';

export interface SessionChurnSummary {
  /** Measured sessions opened (warmup ones are in `warmupSessions` only). */
  readonly opened: number;
  /** Closed during the run, their close timed. */
  readonly closed: number;
  /** Left open on purpose (`close: false`) and closed only when the workload ended, untimed. */
  readonly leftOpen: number;
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
  readonly rssAtClose: { readonly meanBytes: number; readonly sessions: number } | null;
}

export function summarizeSessionChurn(record: SessionChurnRecord, spanUs: number): SessionChurnSummary {
  return {
    opened: record.opened,
    closed: record.closed,
    leftOpen: record.leftOpen,
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

/** The shards' blocks as one; `labels` name the shards (`shard 0/2`) for the growth figure's `from`. */
export function mergeSessionChurnSummaries(parts: readonly SessionChurnSummary[], labels: readonly string[]): SessionChurnSummary | undefined {
  if (parts.length === 0) return undefined;
  const sum = (pick: (p: SessionChurnSummary) => number): number => parts.reduce((n, p) => n + pick(p), 0);
  const failedToOpen: Record<string, number> = {};
  for (const p of parts) for (const [code, n] of Object.entries(p.failedToOpen)) failedToOpen[code] = (failedToOpen[code] ?? 0) + n;
  const openUs = addEncodedHistograms(parts.map((p) => p.openHistogram));
  const closeUs = addEncodedHistograms(parts.map((p) => p.closeHistogram));
  const atClose = parts.flatMap((p) => (p.rssAtClose ? [p.rssAtClose] : []));
  const atCloseSessions = atClose.reduce((n, a) => n + a.sessions, 0);
  const opened = sum((p) => p.opened);
  return {
    opened,
    closed: sum((p) => p.closed),
    leftOpen: sum((p) => p.leftOpen),
    failedToOpen,
    dropped: sum((p) => p.dropped),
    warmupSessions: sum((p) => p.warmupSessions),
    // The exact maxima are the largest of the parts' (a decoded histogram's max is its bucket's top).
    openUs: latencyStats(openUs, Math.max(...parts.map((p) => p.openUs.max))),
    openHistogram: encodeHistogram(openUs),
    closeUs: latencyStats(closeUs, Math.max(...parts.map((p) => p.closeUs.max))),
    closeHistogram: encodeHistogram(closeUs),
    ...rates(opened, sum((p) => p.calls), Math.max(...parts.map((p) => p.spanUs))),
    rssGrowth: mergeRssGrowth(parts.map((p) => p.rssGrowth), labels),
    rssAtClose: atCloseSessions === 0 ? null : { meanBytes: Math.round(atClose.reduce((n, a) => n + a.meanBytes * a.sessions, 0) / atCloseSessions), sessions: atCloseSessions },
  };
}
