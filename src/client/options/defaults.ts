/**
 * Settings of each client layer switched on without them, keyed as written in the file and in resolved units
 * (µs, bytes, calls per second). rateLimit.rate and concurrency.max have no default: they must be given;
 * rateLimit.burst defaults to max(1, round(rate / 10)).
 */
export const CLIENT_DEFAULTS = {
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
} as const;
