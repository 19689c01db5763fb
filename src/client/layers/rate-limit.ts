import { SMALL_COUNT_BOUND } from '../../input/bounds.js';
import type { Random } from '../../random/seeded.js';
import type { McpRequest } from '../request.js';
import type { Clock } from '../../time/clock.js';
import { rate, wholeNumber } from '../../input/fields.js';
import { RATE_EXPECTED } from '../../input/units.js';
import type { CallOptions, Caller, Layer } from '../caller.js';
import type { EmitEvent } from '../events.js';
import type { Outcome } from '../outcome.js';
import { declareLayer, missing, required } from './declaration.js';
import { traceWaitFigures } from './figures.js';
import { queueOption, rejectedLine } from './queue.js';
import { TokenBucket } from './token-bucket.js';

export interface RateLimitPolicy {
  /** Tokens added per second. */
  readonly perSecond: number;
  /** Bucket size (≥ 1). */
  readonly burst: number;
  /** Calls allowed to wait for a token; more are rejected (`rejected:rate-limited`). */
  readonly queue: number;
}

const RATE_LIMITED: Outcome = Object.freeze({ kind: 'rejected', reason: 'rate-limited' });

/**
 * Admits calls at `perSecond` with bursts of up to `burst`. A call without a token reserves the next one and
 * sleeps until it is due (reservations are FIFO); at most `queue` calls wait at once, and a call that would be one
 * more is rejected (`rejected:rate-limited`) without taking a token. The wait goes into `trace.rateWaitUs`. A
 * rejected call's `trace.admission` waits until the bucket holds a token again (a closed-loop worker then tries again,
 * instead of spinning).
 */
export class RateLimitLayer implements Layer {
  readonly name = 'rate-limit';
  private readonly bucket: TokenBucket;
  private waiting = 0;
  private admitted = 0;
  private waited = 0;
  private rejected = 0;
  private waitUs = 0;

  constructor(
    private readonly policy: RateLimitPolicy,
    private readonly inner: Caller,
    private readonly deps: { readonly clock: Clock; readonly random?: Random; readonly emit?: EmitEvent },
  ) {
    this.bucket = new TokenBucket(policy.perSecond, Math.max(1, policy.burst), deps.clock.nowUs());
  }

  async call(request: McpRequest, options: CallOptions): Promise<Outcome> {
    const nowUs = this.deps.clock.nowUs();
    if (!this.bucket.tryTake(nowUs)) {
      if (this.waiting >= this.policy.queue) {
        this.rejected++;
        options.trace.admission = this.untilToken;
        return RATE_LIMITED;
      }
      await this.wait(this.bucket.reserve(nowUs), options);
    }
    this.admitted++;
    return this.inner.call(request, options);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  /** CallTrace.admission of a rejected call: bound once, so a rejection allocates nothing. */
  private readonly untilToken = (signal: AbortSignal): Promise<void> => {
    const tokens = this.bucket.available(this.deps.clock.nowUs());
    return this.deps.clock.sleepUs(tokens >= 1 ? 0 : ((1 - tokens) * 1_000_000) / this.policy.perSecond, signal);
  };

  stats(): Readonly<Record<string, number>> {
    return { admitted: this.admitted, waited: this.waited, rejected: this.rejected, waitUs: this.waitUs };
  }

  private async wait(delayUs: number, options: CallOptions): Promise<void> {
    this.waiting++;
    this.waited++;
    const startUs = this.deps.clock.nowUs();
    await this.deps.clock.sleepUs(delayUs);
    const waitedUs = this.deps.clock.nowUs() - startUs;
    this.waiting--;
    options.trace.rateWaitUs += waitedUs;
    this.waitUs += waitedUs;
  }
}

/** A bucket of a tenth of a second's calls, at least one, unless `burst` says otherwise. */
export const defaultBurst = (perSecond: number): number => Math.max(1, Math.round(perSecond / 10));

/** `rate` has no default: it must be given (a rule says so). */
export const rateLimitDeclaration = declareLayer({
  key: 'rateLimit',
  name: 'rate-limit',
  options: {
    rate: rate().optional(),
    burst: wholeNumber({ min: 1, hint: 'burst is how many calls may go at once after a quiet spell; 1 means none bunch up', max: SMALL_COUNT_BOUND }).optional(),
    queue: queueOption().optional(),
  },
  aliases: ['rate', 'rateLimiter'],
  defaults: { queue: 10_000 },
  rules: [
    {
      fields: ['rate'],
      at: 'rate',
      check: ({ rate: perSecond }) => (perSecond === undefined ? missing(RATE_EXPECTED, 'e.g. rateLimit: { rate: 200/s }') : undefined),
    },
  ],
  policy: (settings): RateLimitPolicy => {
    const perSecond = required(settings.rate, 'rateLimit.rate');
    return { perSecond, burst: settings.burst ?? defaultBurst(perSecond), queue: settings.queue };
  },
  computed: { burst: ['rate'] },
  build: (policy, inner, deps) => new RateLimitLayer(policy, inner, deps),
  figures: traceWaitFigures('rateLimitWaitUs', 'rate wait p50/p99', (trace) => trace.rateWaitUs),
  line: rejectedLine,
});
