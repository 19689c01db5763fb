import { SMALL_COUNT_BOUND } from '../../input/bounds.js';
import { z } from 'zod';
import type { Random } from '../../random/seeded.js';
import type { McpRequest } from '../request.js';
import type { Clock } from '../../time/clock.js';
import { field, listOf, numberAtLeast, duration, wholeNumber } from '../../input/fields.js';
import { didYouMean, listWords } from '../../input/suggest.js';
import { formatDuration } from '../../input/units.js';
import { createHistogram, latencyStats, recordUs } from '../../stats/histogram.js';
import type { CallOptions, Caller, Layer } from '../caller.js';
import type { EmitEvent } from '../events.js';
import { errorKey, retryClassOf, RETRY_CLASSES, type Outcome, type RetryClass } from '../outcome.js';
import type { CallTrace } from '../trace.js';
import { retryDelayUs } from './backoff.js';
import { counter, declareFigures, declareLayer, type FigureRecord, type FigureSchemas } from './declaration.js';
import { ratio } from './figures.js';

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

/**
 * Retries a call while its outcome's retry class is in `policy.on` and attempts remain, sleeping the backoff (or
 * the server's Retry-After) on the injected clock between attempts. Returns the last attempt's outcome. `ok` and
 * client rejections have no retry class, so they are never retried; a tool error only when `on` lists it.
 * The `retry` event's `attempt` is the number of the attempt about to be made (2 for the first retry).
 */
export class RetryLayer implements Layer {
  readonly name = 'retry';
  private readonly retryOn: ReadonlySet<RetryClass>;
  private readonly random: Random;
  private calls = 0;
  private retries = 0;
  private retriedCalls = 0;
  private exhausted = 0;
  private backoffUs = 0;

  constructor(
    private readonly policy: RetryPolicy,
    private readonly inner: Caller,
    private readonly deps: { readonly clock: Clock; readonly random?: Random; readonly emit?: EmitEvent },
  ) {
    this.retryOn = new Set(policy.on);
    this.random = deps.random ?? Math.random;
  }

  async call(request: McpRequest, options: CallOptions): Promise<Outcome> {
    this.calls++;
    let outcome = await this.inner.call(request, options);
    let attempts = 1;
    while (this.shouldRetry(outcome)) {
      if (attempts >= this.policy.attempts) {
        this.exhausted++;
        break;
      }
      if (attempts === 1) this.retriedCalls++;
      const delayUs = retryDelayUs(this.policy, attempts, outcome, this.random);
      this.deps.emit?.({ type: 'retry', attempt: attempts + 1, delayUs, cause: errorKey(outcome) });
      await this.deps.clock.sleepUs(delayUs);
      options.trace.backoffUs += delayUs;
      this.backoffUs += delayUs;
      this.retries++;
      attempts++;
      outcome = await this.inner.call(request, options);
    }
    return outcome;
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  stats(): Readonly<Record<string, number>> {
    return {
      calls: this.calls,
      retries: this.retries,
      retriedCalls: this.retriedCalls,
      exhausted: this.exhausted,
      backoffUs: Math.round(this.backoffUs),
    };
  }

  private shouldRetry(outcome: Outcome): boolean {
    const retryClass = retryClassOf(outcome);
    return retryClass !== null && this.retryOn.has(retryClass);
  }
}

const RETRY_CLASS_EXPECTED = `one of ${listWords(RETRY_CLASSES)}`;
const retryClass = () =>
  field(RETRY_CLASS_EXPECTED, (value) => {
    const known = RETRY_CLASSES.find((name) => name === value);
    if (known !== undefined) return { ok: true, value: known as RetryClass };
    const hint = typeof value === 'string' ? didYouMean(value, RETRY_CLASSES) : undefined;
    return { ok: false, expected: RETRY_CLASS_EXPECTED, ...(hint ? { hint } : {}) };
  });

const retryFiguresSchema = ({ count, share, counts, wholeUs, latencyStats: stats }: FigureSchemas) =>
  z.object({
    attempts: count.describe('Attempts made (calls answered by cache, dedup or a rejection made none).'),
    amplification: z
      .number()
      .nonnegative()
      .describe('attempts / calls that reached the retry layer (calls answered by cache or dedup, or rejected before it, are not counted).'),
    attemptsPerCall: counts.describe('Calls by the number of attempts they made: { "1": 940, "2": 55, "3": 5 } ("0": never reached the retry layer).'),
    /** Of the calls that reached the retry layer: the share whose first attempt succeeded, and whose last did. */
    successRateFirstAttempt: share,
    successRate: share,
    backoffUs: wholeUs,
    attemptLatencyUs: stats.describe("Latency of single attempts, apart from the logical call's latency."),
  });

export type RetryFigures = z.output<ReturnType<typeof retryFiguresSchema>>;

/** The calls that reached the retry layer (made at least one attempt): what amplification is over. */
export function callsThroughRetry(figures: Pick<RetryFigures, 'attemptsPerCall'>): number {
  return Object.entries(figures.attemptsPerCall).reduce((sum, [attempts, n]) => (attempts === '0' ? sum : sum + n), 0);
}

/** Per operation: attempts per call and each attempt's latency (the attempt layer writes them), backoff slept. */
export class RetryRecord implements FigureRecord<RetryFigures> {
  /** Latency of each attempt (a logical call may make several). */
  readonly attemptHistogram = createHistogram();
  /** attemptsPerCall[n] = calls that made n attempts (0: answered by cache/dedup or rejected). */
  readonly attemptsPerCall: number[] = [];
  attempts = 0;
  /** Calls whose first attempt succeeded (success rate before retries). */
  firstAttemptOk = 0;
  /** Calls whose last attempt succeeded (success rate after retries). */
  lastAttemptOk = 0;
  backoffUs = 0;

  record(_latencyUs: number, trace: CallTrace): void {
    this.attemptsPerCall[trace.attempts] = (this.attemptsPerCall[trace.attempts] ?? 0) + 1;
    this.attempts += trace.attempts;
    if (trace.firstOutcome?.kind === 'ok') this.firstAttemptOk++;
    if (trace.lastOutcome?.kind === 'ok') this.lastAttemptOk++;
    this.backoffUs += trace.backoffUs;
  }

  attempt(latencyUs: number): void {
    recordUs(this.attemptHistogram, latencyUs);
  }

  mergeFrom(other: RetryRecord): void {
    other.attemptsPerCall.forEach((n, attempts) => {
      this.attemptsPerCall[attempts] = (this.attemptsPerCall[attempts] ?? 0) + (n ?? 0);
    });
    this.attempts += other.attempts;
    this.firstAttemptOk += other.firstAttemptOk;
    this.lastAttemptOk += other.lastAttemptOk;
    this.backoffUs += other.backoffUs;
    this.attemptHistogram.add(other.attemptHistogram);
  }

  /**
   * Every figure is over the calls that reached the retry layer (made an attempt): a cache hit, a dedup join or a
   * call rejected above it made none, and counting it would read as less than one attempt per call (0.00× while the
   * layer made 32 attempts for 28 calls, issue 11).
   */
  summarize(): RetryFigures {
    const calls = this.attemptsPerCall.reduce((sum, n, attempts) => (attempts > 0 ? sum + (n ?? 0) : sum), 0);
    return {
      attempts: this.attempts,
      amplification: ratio(this.attempts, calls),
      attemptsPerCall: Object.fromEntries(this.attemptsPerCall.flatMap((n, attempts) => (n ? [[String(attempts), n]] : []))),
      successRateFirstAttempt: ratio(this.firstAttemptOk, calls),
      successRate: ratio(this.lastAttemptOk, calls),
      backoffUs: Math.round(this.backoffUs),
      attemptLatencyUs: latencyStats(this.attemptHistogram),
    };
  }
}

export const retryDeclaration = declareLayer({
  key: 'retry',
  name: 'retry',
  options: {
    attempts: wholeNumber({ min: 1, hint: 'attempts counts the first call too: 1 means no retries, 3 up to two', max: SMALL_COUNT_BOUND }).optional(),
    backoff: z.enum(['exponential', 'linear', 'constant']).optional(),
    base: duration({ positive: false }).optional(),
    max: duration({ positive: false }).optional(),
    multiplier: numberAtLeast({ min: 1, hint: 'below 1 the delays would shrink; for a fixed delay write backoff: constant' }).optional(),
    jitter: z.enum(['none', 'full', 'equal']).optional(),
    on: listOf(retryClass(), 1).optional(),
    respectRetryAfter: z.boolean().optional(),
  },
  aliases: ['retries'],
  defaults: {
    attempts: 3,
    backoff: 'exponential',
    base: 100_000,
    max: 5_000_000,
    multiplier: 2,
    jitter: 'full',
    on: ['timeout', 'transport', 'rate-limited', 'unavailable'],
    respectRetryAfter: true,
  },
  rules: [
    {
      fields: ['base', 'max'],
      at: 'max',
      check: ({ base, max }) =>
        typeof base === 'number' && typeof max === 'number' && max < base
          ? {
              message: `max (${formatDuration(max)}) is below base (${formatDuration(base)})`,
              hint: 'max caps every delay, so it must be at least base: raise max or lower base',
            }
          : undefined,
    },
  ],
  policy: (settings): RetryPolicy => ({
    attempts: settings.attempts,
    backoff: settings.backoff,
    baseUs: settings.base,
    maxUs: settings.max,
    multiplier: settings.multiplier,
    jitter: settings.jitter,
    on: settings.on,
    respectRetryAfter: settings.respectRetryAfter,
  }),
  build: (policy, inner, deps) => new RetryLayer(policy, inner, deps),
  figures: declareFigures({
    key: 'retry',
    schema: retryFiguresSchema,
    create: () => new RetryRecord(),
    columns: [
      { head: 'attempts/call', cell: (r) => r.amplification.toFixed(2) },
      { head: 'ok 1st try → final', cell: (r, f) => `${f.percent(r.successRateFirstAttempt)} → ${f.percent(r.successRate)}` },
      { head: 'attempt p50', cell: (r, f) => f.latency(r.attemptLatencyUs.p50) },
      { head: 'attempt p99', cell: (r, f) => f.latency(r.attemptLatencyUs.p99) },
    ],
  }),
  line: (stats, f) => {
    const n = (key: string): number => counter(stats, key);
    return `retry: ${f.counted(n('retries'), 'retry', 'retries')} over ${f.counted(n('retriedCalls'), 'call')}, ${f.count(n('exhausted'))} gave up`;
  },
});
