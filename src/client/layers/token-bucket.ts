/**
 * A token bucket of `burst` tokens refilled at `perSecond`, with time passed in (µs). A token may be reserved
 * ahead of time: the bucket goes into debt and the reservation says how long to wait, so reservations are served
 * in the order they were made (FIFO) with no queue to keep, and the long-run rate is exactly `perSecond`.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAtUs: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    nowUs: number,
  ) {
    this.tokens = burst;
    this.updatedAtUs = nowUs;
  }

  /** Tokens available at `nowUs` (negative: owed to earlier reservations). */
  available(nowUs: number): number {
    this.refill(nowUs);
    return this.tokens;
  }

  /** Takes a token now if there is one (true), or takes nothing (false). */
  tryTake(nowUs: number): boolean {
    this.refill(nowUs);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Takes a token, in debt if need be; returns how long until it is really there (0: now). */
  reserve(nowUs: number): number {
    this.refill(nowUs);
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : (-this.tokens * 1_000_000) / this.perSecond;
  }

  private refill(nowUs: number): void {
    const elapsedUs = nowUs - this.updatedAtUs;
    if (elapsedUs <= 0) return;
    this.tokens = Math.min(this.burst, this.tokens + (elapsedUs * this.perSecond) / 1_000_000);
    this.updatedAtUs = nowUs;
  }
}
