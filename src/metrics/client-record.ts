import type { Outcome } from '../client/outcome.js';
import type { ClientPolicies } from '../client/policies.js';
import type { CallTrace } from '../client/trace.js';
import { createHistogram, recordUs, type Histogram } from '../stats/histogram.js';

/** Which client features a workload has switched on: what gets recorded, and what the table shows. */
export interface ClientFeatures {
  readonly retry: boolean;
  readonly cache: boolean;
  readonly dedup: boolean;
  readonly breaker: boolean;
  readonly rateLimit: boolean;
  readonly concurrency: boolean;
  readonly endpoints: number;
  readonly sessions: number;
}

export function clientFeatures(policies: ClientPolicies, endpoints: number): ClientFeatures {
  return {
    retry: policies.retry !== null,
    cache: policies.cache !== null,
    dedup: policies.dedup !== null,
    breaker: policies.breaker !== null,
    rateLimit: policies.rateLimit !== null,
    concurrency: policies.concurrency !== null,
    endpoints,
    sessions: policies.sessions,
  };
}

export function anyClientFeature(f: ClientFeatures): boolean {
  return f.retry || f.cache || f.dedup || f.breaker || f.rateLimit || f.concurrency || f.endpoints > 1 || f.sessions > 1;
}

/**
 * What the client layers did for one operation, read from each call's trace. Histograms exist only for the
 * features switched on, so a plain workload records nothing here.
 */
export class ClientOperationRecord {
  /** Latency of each attempt (a logical call may make several). */
  readonly attemptHistogram: Histogram | null;
  /** attemptsPerCall[n] = calls that made n attempts (0: answered by cache/dedup or rejected). */
  readonly attemptsPerCall: number[] = [];
  attempts = 0;
  /** Calls whose first attempt succeeded (success rate before retries). */
  firstAttemptOk = 0;
  backoffUs = 0;
  cacheHits = 0;
  cacheMisses = 0;
  readonly cacheHitHistogram: Histogram | null;
  readonly cacheMissHistogram: Histogram | null;
  dedupJoins = 0;
  dedupRepeats = 0;
  readonly queueWaitHistogram: Histogram | null;
  readonly rateWaitHistogram: Histogram | null;
  readonly endpointCalls: number[];
  readonly sessionCalls: number[];

  constructor(readonly features: ClientFeatures) {
    this.attemptHistogram = features.retry ? createHistogram() : null;
    this.cacheHitHistogram = features.cache ? createHistogram() : null;
    this.cacheMissHistogram = features.cache ? createHistogram() : null;
    this.queueWaitHistogram = features.concurrency ? createHistogram() : null;
    this.rateWaitHistogram = features.rateLimit ? createHistogram() : null;
    this.endpointCalls = new Array<number>(features.endpoints).fill(0);
    this.sessionCalls = new Array<number>(features.sessions).fill(0);
  }

  record(latencyUs: number, trace: CallTrace): void {
    this.attemptsPerCall[trace.attempts] = (this.attemptsPerCall[trace.attempts] ?? 0) + 1;
    this.attempts += trace.attempts;
    if (trace.firstOutcome?.kind === 'ok') this.firstAttemptOk++;
    this.backoffUs += trace.backoffUs;
    if (trace.cache === 'hit') {
      this.cacheHits++;
      if (this.cacheHitHistogram) recordUs(this.cacheHitHistogram, latencyUs);
    } else if (trace.cache === 'miss') {
      this.cacheMisses++;
      if (this.cacheMissHistogram) recordUs(this.cacheMissHistogram, latencyUs);
    }
    if (trace.dedup === 'joined') this.dedupJoins++;
    else if (trace.dedup === 'repeat') this.dedupRepeats++;
    if (this.queueWaitHistogram) recordUs(this.queueWaitHistogram, trace.queueWaitUs);
    if (this.rateWaitHistogram) recordUs(this.rateWaitHistogram, trace.rateWaitUs);
    if (trace.endpoint >= 0 && trace.endpoint < this.endpointCalls.length) this.endpointCalls[trace.endpoint]!++;
    if (trace.session >= 0 && trace.session < this.sessionCalls.length) this.sessionCalls[trace.session]!++;
  }

  /** Adds another record of the same features (another round): exact, like one record fed every call of both. */
  mergeFrom(other: ClientOperationRecord): void {
    const add = (into: Histogram | null, from: Histogram | null): void => {
      if (into && from) into.add(from);
    };
    other.attemptsPerCall.forEach((n, attempts) => {
      this.attemptsPerCall[attempts] = (this.attemptsPerCall[attempts] ?? 0) + (n ?? 0);
    });
    this.attempts += other.attempts;
    this.firstAttemptOk += other.firstAttemptOk;
    this.backoffUs += other.backoffUs;
    this.cacheHits += other.cacheHits;
    this.cacheMisses += other.cacheMisses;
    this.dedupJoins += other.dedupJoins;
    this.dedupRepeats += other.dedupRepeats;
    add(this.attemptHistogram, other.attemptHistogram);
    add(this.cacheHitHistogram, other.cacheHitHistogram);
    add(this.cacheMissHistogram, other.cacheMissHistogram);
    add(this.queueWaitHistogram, other.queueWaitHistogram);
    add(this.rateWaitHistogram, other.rateWaitHistogram);
    other.endpointCalls.forEach((n, i) => {
      if (i < this.endpointCalls.length) this.endpointCalls[i]! += n;
    });
    other.sessionCalls.forEach((n, i) => {
      if (i < this.sessionCalls.length) this.sessionCalls[i]! += n;
    });
  }

  recordAttempt(latencyUs: number, _outcome: Outcome): void {
    if (this.attemptHistogram) recordUs(this.attemptHistogram, latencyUs);
  }
}
