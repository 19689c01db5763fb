/** Values a scenario gets when it leaves a field out. */
export const DEFAULTS = {
  /** Scenario seed; workload i gets seed + i unless it sets its own. */
  seed: 1,
  /** Per-call timeout when neither the operation, its client block, its workload nor the scenario sets one. */
  timeoutUs: 30_000_000,
  weight: 1,
  /** ramping-rate: the rate before the first stage (and during warmup). */
  startRatePerSec: 0,
  /** ramping-concurrency: calls in flight before the first stage (and during warmup). */
  startConcurrency: 1,
  /**
   * Open-model workloads (constant-rate, ramping-rate) without maxInFlight may keep this many seconds of arrivals at
   * their peak rate in flight, and never fewer than `min`: max(100, ceil(peak rate × 10 s)). Generous on purpose, so
   * arrivals are dropped only when the server falls ten seconds behind, not because of a cautious default.
   */
  maxInFlight: { seconds: 10, min: 100 },
  /** `engine: autocannon` without `pipelining`: one request per connection at a time. */
  pipelining: 1,
  builtin: { transport: 'stdio', latencyUs: 0, jitterUs: 0, failRate: 0, seed: 1 },
  /**
   * Settings of each client layer switched on without them, keyed as written in the file and in resolved units
   * (µs, bytes, calls per second). rateLimit.rate and concurrency.max have no default: they must be given;
   * rateLimit.burst defaults to max(1, round(rate / 10)).
   */
  client: {
    retry: {
      attempts: 3,
      backoff: 'exponential',
      base: 100_000,
      max: 5_000_000,
      multiplier: 2,
      jitter: 'full',
      on: ['timeout', 'transport', 'rate-limited', 'unavailable'],
      respectRetryAfter: true,
    },
    cache: {
      ttl: 300_000_000,
      maxEntries: 1_000,
      maxBytes: 50_000_000,
      tools: [],
      readOnly: false,
      force: false,
      resources: false,
      prompts: false,
    },
    dedup: { inFlight: true, window: 0 },
    breaker: { failures: 5, window: 10_000_000, cooldown: 30_000_000, halfOpenProbes: 1 },
    rateLimit: { queue: 10_000 },
    concurrency: { queue: 1_000 },
    sessions: 1,
    /** With any client block; the plain client (no block) does not reconnect. */
    reconnect: true,
    balance: 'round-robin',
    compression: null,
  },
} as const;

/** The default maxInFlight of an open-model workload whose rate peaks at `peakRatePerSec` (see DEFAULTS.maxInFlight). */
export function defaultMaxInFlight(peakRatePerSec: number): number {
  const { seconds, min } = DEFAULTS.maxInFlight;
  return Math.max(min, Math.ceil(peakRatePerSec * seconds));
}
