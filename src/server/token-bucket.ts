/** Answer of `TokenBucket.take`: a token was taken, or how long until one will be there. */
export type Take = { readonly taken: true } | { readonly taken: false; readonly waitUs: number };

/** Tolerance for floating-point refill arithmetic (a billionth of a token, far below one µs of refill). */
const EPSILON = 1e-9;
/** Float noise ignored when rounding a wait up to whole µs (a nanosecond). */
const WAIT_TOLERANCE_US = 1e-3;

/**
 * A token bucket on an injected clock: it refills continuously at `ratePerSec` tokens per second and holds at most
 * one second's worth (at least 1), so a burst of `capacity` calls passes at once and the long-run rate never
 * exceeds `ratePerSec`. It starts full.
 */
export class TokenBucket {
  /** Largest burst: one second's worth of tokens, at least 1. */
  readonly capacity: number;
  private tokens: number;
  private lastUs: number;

  constructor(
    private readonly ratePerSec: number,
    private readonly nowUs: () => number,
  ) {
    if (!(ratePerSec > 0) || !Number.isFinite(ratePerSec)) {
      throw new RangeError(`TokenBucket: rate must be a finite number > 0; got ${ratePerSec}`);
    }
    this.capacity = Math.max(1, ratePerSec);
    this.tokens = this.capacity;
    this.lastUs = nowUs();
  }

  /** Takes one token when there is one; otherwise takes nothing and says how long until there will be one. */
  take(): Take {
    this.refill();
    if (this.tokens >= 1 - EPSILON) {
      this.tokens = Math.max(0, this.tokens - 1);
      return { taken: true };
    }
    const waitUs = ((1 - this.tokens) * 1_000_000) / this.ratePerSec;
    return { taken: false, waitUs: Math.max(1, Math.ceil(waitUs - WAIT_TOLERANCE_US)) };
  }

  private refill(): void {
    const now = this.nowUs();
    const elapsedUs = Math.max(0, now - this.lastUs);
    this.lastUs = Math.max(this.lastUs, now);
    this.tokens = Math.min(this.capacity, this.tokens + (elapsedUs * this.ratePerSec) / 1_000_000);
  }
}

/**
 * The `Retry-After` value for a wait: whole seconds (RFC 9110 has no fractions), rounded up, at least 1. A client
 * may retry sooner: the bucket refills continuously, and the refusal body carries the precise wait in milliseconds.
 */
export function retryAfterSeconds(waitUs: number): number {
  return Math.max(1, Math.ceil(waitUs / 1_000_000));
}
