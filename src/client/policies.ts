/**
 * The client block of a scenario, resolved: every layer's settings in plain numbers (µs, bytes, calls per second).
 * A layer set to null is not in the stack. The scenario's `client:` block and the library's `createClient(options)`
 * both resolve into this, through the same validation.
 */
import type { RetryClass } from './outcome.js';

export interface RetryPolicy {
  /** Total attempts, the first included (≥ 1). */
  readonly attempts: number;
  readonly backoff: 'exponential' | 'linear' | 'constant';
  /** Delay before the first retry. */
  readonly baseUs: number;
  /** Ceiling of any one delay. */
  readonly maxUs: number;
  /** Growth factor for exponential backoff (≥ 1). */
  readonly multiplier: number;
  /** `full`: uniform in [0, d]; `equal`: d/2 + uniform in [0, d/2]; `none`: d. */
  readonly jitter: 'none' | 'full' | 'equal';
  /** Which failures are retried. */
  readonly on: readonly RetryClass[];
  /** Honour a server's Retry-After (429/503) instead of the computed delay, capped at maxUs. */
  readonly respectRetryAfter: boolean;
}

export interface CachePolicy {
  readonly ttlUs: number;
  readonly maxEntries: number;
  readonly maxBytes: number;
  /** Tools cached by name. */
  readonly tools: readonly string[];
  /** Also cache every tool the server annotates `readOnlyHint: true`. */
  readonly readOnly: boolean;
  /** Allow caching listed tools the server does not annotate as read-only. */
  readonly force: boolean;
  /** Cache resources/read: all (true), none (false), or these URIs. */
  readonly resources: boolean | readonly string[];
  /** Cache prompts/get: all, none, or these prompt names. */
  readonly prompts: boolean | readonly string[];
}

export interface DedupPolicy {
  /** Coalesce identical calls while one is in flight. */
  readonly inFlight: boolean;
  /** After a call completes, answer identical calls from its outcome for this long (0: off). */
  readonly windowUs: number;
}

export interface BreakerPolicy {
  /** Failures within `windowUs` that open the breaker. */
  readonly failures: number;
  readonly windowUs: number;
  /** How long the breaker stays open before letting probes through. */
  readonly cooldownUs: number;
  /** Calls let through while half-open; all must succeed to close. */
  readonly halfOpenProbes: number;
}

export interface RateLimitPolicy {
  /** Tokens added per second. */
  readonly perSecond: number;
  /** Bucket size (≥ 1). */
  readonly burst: number;
  /** Calls allowed to wait for a token; more are rejected (`rejected:rate-limited`). */
  readonly queue: number;
}

export interface ConcurrencyPolicy {
  /** Calls in flight at most. */
  readonly max: number;
  /** Calls allowed to wait for a slot; more are rejected (`rejected:queue-full`). */
  readonly queue: number;
}

export type BalanceStrategy = 'round-robin' | 'least-outstanding' | 'fastest';

export interface ClientPolicies {
  readonly retry: RetryPolicy | null;
  readonly cache: CachePolicy | null;
  readonly dedup: DedupPolicy | null;
  readonly breaker: BreakerPolicy | null;
  readonly rateLimit: RateLimitPolicy | null;
  readonly concurrency: ConcurrencyPolicy | null;
  /** Sessions (connections) per endpoint. */
  readonly sessions: number;
  /**
   * Re-open a session whose transport closed or whose HTTP session expired (404), instead of treating the loss as
   * fatal. On for any scenario `client:` block (set `reconnect: false` to turn off); off for the plain client.
   */
  readonly reconnect: boolean;
  readonly balance: BalanceStrategy;
  /** gzip HTTP request bodies above 1 KiB. */
  readonly compression: 'gzip' | null;
}

/** No layer switched on: the plain client every workload gets unless its scenario says otherwise. */
export const PLAIN_CLIENT: ClientPolicies = Object.freeze({
  retry: null,
  cache: null,
  dedup: null,
  breaker: null,
  rateLimit: null,
  concurrency: null,
  sessions: 1,
  reconnect: false,
  balance: 'round-robin',
  compression: null,
});
