/** Options of the built-in reference server (`mcp-bench serve`). */
export interface ReferenceServerOptions {
  readonly latencyUs: number;
  readonly jitterUs: number;
  /** Fraction of calls (0..1) that fail with an injected error. */
  readonly failRate: number;
  /** Seed of the server's random source (jitter, failures), so runs repeat. */
  readonly seed: number;
  /** HTTP only: tools/call above this many per second are answered 429 with Retry-After (null: no limit). */
  readonly rateLimitPerSec?: number | null;
  /** HTTP only: fraction (0..1) of POSTs answered 503 with Retry-After. */
  readonly unavailableRate?: number;
  /** HTTP only: a Streamable HTTP session expires this long after it was created (404 afterwards; null: never). */
  readonly sessionTtlUs?: number | null;
  /** Bytes every session opened keeps for ever (session-leak.ts), so a session leak can be switched on; absent/0: none. */
  readonly leakPerSessionBytes?: number;
  /** Bytes every tools/call answered keeps for ever (call-leak.ts), so RSS climbs with calls; absent/0: none. */
  readonly leakPerCallBytes?: number;
  /**
   * Spawned by mcp-bench only (the built-in target): the server's Node runs with V8's --optimize-for-size, collecting
   * garbage early instead of growing its heap, so its RSS tracks live memory. A fresh Node heap otherwise grows by the
   * garbage of several hundred sessions before its first full collection, which a churn workload reads as growth.
   */
  readonly compactHeap?: boolean;
}
