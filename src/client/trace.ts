import type { Outcome } from './outcome.js';
import { CallBytes } from './call-bytes.js';
import { ProgressTrace } from './progress-trace.js';

/**
 * What the layers of the client stack did with one logical call, written by the layers as the call passes through
 * and read by the recorder when it ends. The executor owns one per worker and resets it before each call, so the
 * hot path allocates nothing; the library API uses a fresh one per call.
 */
export class CallTrace {
  /** Attempts sent towards the server (0 when answered by the cache or a dedup join, or rejected). */
  attempts = 0;
  /** Outcome of the first attempt (success before retries), or null when no attempt was made. */
  firstOutcome: Outcome | null = null;
  /** Outcome of the last attempt (what the retry layer returned), or null when no attempt was made. */
  lastOutcome: Outcome | null = null;
  cache: 'none' | 'hit' | 'miss' = 'none';
  /** `joined`: coalesced with an identical call in flight; `repeat`: answered from the idempotency window. */
  dedup: 'none' | 'leader' | 'joined' | 'repeat' = 'none';
  /** Time spent waiting in the concurrency limiter's queue. */
  queueWaitUs = 0;
  /** Time spent waiting for a rate-limit token. */
  rateWaitUs = 0;
  /** Time slept between attempts (backoff, Retry-After). */
  backoffUs = 0;
  /** Time spent waiting for a pooled session with room (client/pool/pool.ts). */
  poolWaitUs = 0;
  /** Index of the endpoint the last attempt went to (-1: none). */
  endpoint = -1;
  /** Index of the session (within its endpoint) the last attempt used (-1: none). */
  session = -1;
  /**
   * When the call's first attempt actually went out (clock µs), if a layer knows better than the executor (a queue
   * or a busy connection may hold a call back); -1 when unknown. The open model's service time runs from here.
   */
  sentUs = -1;
  /**
   * Set by a layer that rejected the call at once because of its own state (an open circuit breaker): waits until
   * that layer may admit a call again (or `signal` aborts). A closed-loop worker awaits it before its next call instead
   * of asking again at once; null when no layer said so. A bound method of the layer: setting it allocates nothing.
   */
  admission: ((signal: AbortSignal) => Promise<void>) | null = null;
  /**
   * The tenant this call is made for (its index in the workload's `tenants`), set by the performer (traffic/routes.ts)
   * so the recorder also counts the call in the tenant's own rows; -1: no tenant.
   */
  tenant = -1;
  /** Called once per attempt with its latency and outcome (per-attempt histograms). */
  onAttempt: ((latencyUs: number, outcome: Outcome) => void) | null = null;
  /** Progress notifications of a call that asked for them (operation `progress: true`; progress-trace.ts). */
  readonly progress = new ProgressTrace();
  /** Bytes of the call's requests and answers, on the wire and decoded, as its transport counted them (call-bytes.ts). */
  readonly bytes = new CallBytes();

  reset(): void {
    this.attempts = 0;
    this.firstOutcome = null;
    this.lastOutcome = null;
    this.cache = 'none';
    this.dedup = 'none';
    this.queueWaitUs = 0;
    this.rateWaitUs = 0;
    this.backoffUs = 0;
    this.poolWaitUs = 0;
    this.endpoint = -1;
    this.session = -1;
    this.sentUs = -1;
    this.admission = null;
    this.tenant = -1;
    this.progress.reset();
    this.bytes.reset();
  }
}
