/**
 * The report's `auth` block of a workload: how often a token was fetched and why, how often that failed, and how long
 * each fetch took (µs, an HDR histogram) — token acquisition timed apart from the calls. Merged over rounds and
 * shards exactly: counts summed, histograms added. Never a token.
 */
import { addEncodedHistograms, createHistogram, encodeHistogram, latencyStats, recordUs, type Histogram, type LatencyStats } from '../../stats/histogram.js';

/** Why a token was fetched: the first one, a refresh before expiry, after the server answered 401. */
export type FetchReason = 'first' | 'refresh' | 'unauthorized';

export interface AuthSummary {
  /** Tokens got (first + refreshes + after a 401). */
  readonly fetched: number;
  /** Of those, refreshed before the old one expired (at 90% of its lifetime). */
  readonly refreshes: number;
  /** Of those, fetched because the server answered 401 to the token before. */
  readonly afterUnauthorized: number;
  /** Fetches that got no token (the token endpoint refused, discovery failed, the command failed). */
  readonly failures: number;
  /** Every fetch's time, successful or not, µs. */
  readonly fetchUs: LatencyStats;
  readonly fetchHistogram: string;
}

export class TokenStats {
  private readonly histogram: Histogram = createHistogram();
  private counts = { fetched: 0, refreshes: 0, afterUnauthorized: 0, failures: 0 };

  fetched(reason: FetchReason, tookUs: number): void {
    this.counts.fetched++;
    if (reason === 'refresh') this.counts.refreshes++;
    if (reason === 'unauthorized') this.counts.afterUnauthorized++;
    recordUs(this.histogram, tookUs);
  }

  failed(tookUs: number): void {
    this.counts.failures++;
    recordUs(this.histogram, tookUs);
  }

  summary(): AuthSummary {
    return { ...this.counts, fetchUs: latencyStats(this.histogram), fetchHistogram: encodeHistogram(this.histogram) };
  }
}

/** Blocks added together (several token sources of a workload, rounds, shards); undefined when there are none. */
export function mergeAuthSummaries(parts: readonly (AuthSummary | null | undefined)[]): AuthSummary | undefined {
  const present = parts.filter((part): part is AuthSummary => part !== null && part !== undefined);
  if (present.length === 0) return undefined;
  const histogram = addEncodedHistograms(present.map((part) => part.fetchHistogram));
  const sum = (key: 'fetched' | 'refreshes' | 'afterUnauthorized' | 'failures'): number => present.reduce((total, part) => total + part[key], 0);
  return {
    fetched: sum('fetched'),
    refreshes: sum('refreshes'),
    afterUnauthorized: sum('afterUnauthorized'),
    failures: sum('failures'),
    // The sum's max is a bucket top: the largest exact max of the parts is the max.
    fetchUs: latencyStats(histogram, Math.max(...present.map((part) => part.fetchUs.max))),
    fetchHistogram: encodeHistogram(histogram),
  };
}

/** `{ auth }` of the parts added together, or `{}` when none has one (so a report without auth stays as it was). */
export function authBlock(parts: readonly (AuthSummary | null | undefined)[]): { readonly auth?: AuthSummary } {
  const auth = mergeAuthSummaries(parts);
  return auth === undefined ? {} : { auth };
}
