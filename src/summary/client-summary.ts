import type { ClientOperationRecord } from '../metrics/client-record.js';
import { latencyStats, type LatencyStats } from '../stats/histogram.js';

/** What the client layers did for one operation: only the parts of switched-on features are present. */
export interface ClientOperationSummary {
  readonly retry?: {
    /** Attempts made (calls answered by cache, dedup or a rejection made none). */
    readonly attempts: number;
    /** attempts / calls. */
    readonly amplification: number;
    /** Calls by the number of attempts they made: `{ "1": 940, "2": 55, "3": 5 }`. */
    readonly attemptsPerCall: Readonly<Record<string, number>>;
    /** Share of calls whose first attempt succeeded, and of calls that succeeded in the end. */
    readonly successRateFirstAttempt: number;
    readonly successRate: number;
    readonly backoffUs: number;
    /** Latency of single attempts, apart from the logical call's latency. */
    readonly attemptLatencyUs: LatencyStats;
  };
  readonly cache?: {
    readonly hits: number;
    readonly misses: number;
    readonly hitRatio: number;
    readonly hitLatencyUs: LatencyStats;
    readonly missLatencyUs: LatencyStats;
  };
  readonly dedup?: { readonly joins: number; readonly repeats: number };
  readonly queueWaitUs?: LatencyStats;
  readonly rateLimitWaitUs?: LatencyStats;
  /** Calls per endpoint and per session (index order), when there are several. */
  readonly endpointCalls?: readonly number[];
  readonly sessionCalls?: readonly number[];
}

export function summarizeClientOperation(record: ClientOperationRecord, count: number, ok: number): ClientOperationSummary {
  const f = record.features;
  const ratio = (n: number, d: number): number => (d === 0 ? 0 : round4(n / d));
  return {
    ...(record.attemptHistogram && {
      retry: {
        attempts: record.attempts,
        amplification: ratio(record.attempts, count),
        attemptsPerCall: Object.fromEntries(record.attemptsPerCall.flatMap((n, attempts) => (n ? [[String(attempts), n]] : []))),
        successRateFirstAttempt: ratio(record.firstAttemptOk, count),
        successRate: ratio(ok, count),
        backoffUs: Math.round(record.backoffUs),
        attemptLatencyUs: latencyStats(record.attemptHistogram),
      },
    }),
    ...(record.cacheHitHistogram && record.cacheMissHistogram && {
      cache: {
        hits: record.cacheHits,
        misses: record.cacheMisses,
        hitRatio: ratio(record.cacheHits, record.cacheHits + record.cacheMisses),
        hitLatencyUs: latencyStats(record.cacheHitHistogram),
        missLatencyUs: latencyStats(record.cacheMissHistogram),
      },
    }),
    ...(f.dedup && { dedup: { joins: record.dedupJoins, repeats: record.dedupRepeats } }),
    ...(record.queueWaitHistogram && { queueWaitUs: latencyStats(record.queueWaitHistogram) }),
    ...(record.rateWaitHistogram && { rateLimitWaitUs: latencyStats(record.rateWaitHistogram) }),
    ...(f.endpoints > 1 && { endpointCalls: [...record.endpointCalls] }),
    ...(f.sessions > 1 && { sessionCalls: [...record.sessionCalls] }),
  };
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
