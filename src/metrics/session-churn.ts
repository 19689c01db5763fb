/**
 * What a session-churn workload records about its sessions, beside the calls' own rows (recorder.ts): how long
 * opening (spawn/connect → initialized) and closing (DELETE answered, process ended) took, as HDR histograms (µs);
 * sessions opened, closed, left open (and of those, closed early past `maxOpen`), failed to open (by error code), dropped (open model: the cap on
 * sessions in flight was reached); the calls made in measured sessions; and the server's RSS against the sessions
 * opened, whose least-squares slope × 1,000 is the RSS growth per 1,000 sessions — a session leak as a number.
 */
import { createHistogram, mergeHistograms, recordUs, type Histogram } from '../stats/histogram.js';
import { leastSquaresSlope, type Point } from '../stats/slope.js';

/** RSS growth of the server the sessions share: bytes per 1,000 sessions opened, fitted over `samples` readings. */
export interface RssGrowth {
  readonly bytesPer1000Sessions: number;
  readonly samples: number;
  /** A merged figure: which parts had one (`round 1`, `shard 0/2`); the figure is their samples-weighted mean. */
  readonly from?: readonly string[];
}

/** The sessions' figures of one run (or merged rounds). Warmup sessions are in none of them but `warmupSessions`. */
export interface SessionChurnRecord {
  readonly openUs: Histogram;
  readonly closeUs: Histogram;
  readonly opened: number;
  /** Closed during the run, their close timed (close: true). */
  readonly closed: number;
  /** Left open by the workload (close: false): closed untimed when it ended, or when `maxOpen` newer ones were. */
  readonly leftOpen: number;
  /** Of `leftOpen`, those closed before the end (oldest first) because `maxOpen` sessions were left open after them. */
  readonly evicted: number;
  readonly failedToOpen: Readonly<Record<string, number>>;
  /** Open model: session arrivals dropped because `maxInFlight` sessions were in flight. */
  readonly dropped: number;
  /** Calls made in measured sessions (their rows are the operations'). */
  readonly calls: number;
  readonly warmupSessions: number;
  /** Null: no shared server process was sampled (remote target, stdio's process per session, too few samples). */
  readonly rssGrowth: RssGrowth | null;
  /** A server process per session (stdio): its RSS just before it was closed, averaged over the sessions read. */
  readonly rssAtClose: RssAtClose | null;
}

/** The mean RSS of the session processes read just before they closed. */
export interface RssAtClose {
  readonly meanBytes: number;
  readonly sessions: number;
}

/** Readings kept at most: beyond, every other one is dropped and readings are taken half as often. */
const MAX_RSS_SAMPLES = 512;

export class SessionChurnRecorder {
  readonly openUs = createHistogram();
  readonly closeUs = createHistogram();
  opened = 0;
  closed = 0;
  leftOpen = 0;
  evicted = 0;
  dropped = 0;
  calls = 0;
  warmupSessions = 0;
  private readonly failed = new Map<string, number>();
  private readonly rss: Point[] = [];
  /** Take an RSS reading every `rssEvery` measured sessions opened (doubles when the readings are thinned). */
  private rssEvery = 1;
  private rssAtClose = { sum: 0, sessions: 0 };

  recordOpened(latencyUs: number): void {
    this.opened++;
    recordUs(this.openUs, latencyUs);
  }

  recordClosed(latencyUs: number): void {
    this.closed++;
    recordUs(this.closeUs, latencyUs);
  }

  recordOpenFailure(code: string): void {
    this.failed.set(code, (this.failed.get(code) ?? 0) + 1);
  }

  /** Whether an RSS reading is due now that `finished` measured sessions were closed (or left open). */
  rssDue(finished: number): boolean {
    return finished % this.rssEvery === 0;
  }

  /** The shared server's RSS once `sessions` measured sessions had been opened. */
  recordRss(sessions: number, rssBytes: number): void {
    this.rss.push({ x: sessions, y: rssBytes });
    if (this.rss.length < MAX_RSS_SAMPLES) return;
    const kept = this.rss.filter((_p, i) => i % 2 === 1);
    this.rss.length = 0;
    this.rss.push(...kept);
    this.rssEvery *= 2;
  }

  recordRssAtClose(rssBytes: number): void {
    this.rssAtClose.sum += rssBytes;
    this.rssAtClose.sessions++;
  }

  finish(): SessionChurnRecord {
    const slope = leastSquaresSlope(this.rss);
    const { sum, sessions } = this.rssAtClose;
    return {
      openUs: this.openUs,
      closeUs: this.closeUs,
      opened: this.opened,
      closed: this.closed,
      leftOpen: this.leftOpen,
      evicted: this.evicted,
      failedToOpen: Object.fromEntries(this.failed),
      dropped: this.dropped,
      calls: this.calls,
      warmupSessions: this.warmupSessions,
      rssGrowth: slope === null ? null : { bytesPer1000Sessions: Math.round(slope * 1000), samples: this.rss.length },
      rssAtClose: sessions === 0 ? null : { meanBytes: Math.round(sum / sessions), sessions },
    };
  }
}

/** Several runs' figures as one (rounds, or shards): histograms added, counts summed, growth merged (mergeRssGrowth). */
export function mergeSessionChurn(records: readonly SessionChurnRecord[], labels: readonly string[]): SessionChurnRecord | null {
  if (records.length === 0) return null;
  return {
    openUs: mergeHistograms(records.map((r) => r.openUs)),
    closeUs: mergeHistograms(records.map((r) => r.closeUs)),
    ...sumSessionCounts(records),
    failedToOpen: mergeFailedToOpen(records.map((r) => r.failedToOpen)),
    rssGrowth: mergeRssGrowth(records.map((r) => r.rssGrowth), labels),
    rssAtClose: mergeRssAtClose(records.map((r) => r.rssAtClose)),
  };
}

/** The counts a merge sums (the report's sessions block has them too; `evicted` is absent from older reports). */
export interface SessionCounts {
  readonly opened: number;
  readonly closed: number;
  readonly leftOpen: number;
  readonly evicted: number;
  readonly dropped: number;
  readonly calls: number;
  readonly warmupSessions: number;
}

/** The parts' counts summed: the one merge rule for rounds (records) and shards (report blocks). */
export function sumSessionCounts(parts: readonly (Omit<SessionCounts, 'evicted'> & { readonly evicted?: number })[]): SessionCounts {
  const sum = (pick: (p: (typeof parts)[number]) => number | undefined): number => parts.reduce((n, p) => n + (pick(p) ?? 0), 0);
  return {
    opened: sum((p) => p.opened),
    closed: sum((p) => p.closed),
    leftOpen: sum((p) => p.leftOpen),
    evicted: sum((p) => p.evicted),
    dropped: sum((p) => p.dropped),
    calls: sum((p) => p.calls),
    warmupSessions: sum((p) => p.warmupSessions),
  };
}

/** Failed opens by error code, summed code by code. */
export function mergeFailedToOpen(parts: readonly Readonly<Record<string, number>>[]): Record<string, number> {
  const merged: Record<string, number> = {};
  for (const part of parts) for (const [code, n] of Object.entries(part)) merged[code] = (merged[code] ?? 0) + n;
  return merged;
}

/** The session processes' mean RSS at close over all parts: the parts' means weighted by the sessions each read. */
export function mergeRssAtClose(parts: readonly (RssAtClose | null)[]): RssAtClose | null {
  const having = parts.flatMap((a) => (a ? [a] : []));
  const sessions = having.reduce((n, a) => n + a.sessions, 0);
  if (sessions === 0) return null;
  return { meanBytes: Math.round(having.reduce((n, a) => n + a.meanBytes * a.sessions, 0) / sessions), sessions };
}

/**
 * A slope cannot be rebuilt from parts without their readings: the merged figure is the samples-weighted mean of the
 * parts that have one, naming them (`from`), so a reader knows which servers it describes. Null when none has one.
 */
export function mergeRssGrowth(parts: readonly (RssGrowth | null | undefined)[], labels: readonly string[]): RssGrowth | null {
  if (parts.length === 1) return parts[0] ?? null; // one part: its own figure, nothing to name
  const having = parts.flatMap((g, i) => (g ? [{ g, label: labels[i] ?? `part ${i + 1}` }] : []));
  const samples = having.reduce((n, h) => n + h.g.samples, 0);
  if (having.length === 0 || samples === 0) return null;
  const weighted = having.reduce((n, h) => n + h.g.bytesPer1000Sessions * h.g.samples, 0);
  return { bytesPer1000Sessions: Math.round(weighted / samples), samples, from: having.map((h) => h.label) };
}
