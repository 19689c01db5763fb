import { CALLS_IN_FLIGHT_BOUND } from '../../input/bounds.js';
import type { Random } from '../../random/seeded.js';
import type { McpRequest } from '../request.js';
import type { Clock } from '../../time/clock.js';
import { wholeNumber } from '../../input/fields.js';
import type { CallOptions, Caller, Layer } from '../caller.js';
import type { EmitEvent } from '../events.js';
import type { Outcome } from '../outcome.js';
import { AdmissionWaiters } from './admission.js';
import { declareLayer, missing, required } from './declaration.js';
import { Fifo } from './fifo.js';
import { traceWaitFigures } from './figures.js';
import { queueOption, rejectedLine } from './queue.js';

export interface ConcurrencyPolicy {
  /** Calls in flight at most. */
  readonly max: number;
  /** Calls allowed to wait for a slot; more are rejected (`rejected:queue-full`). */
  readonly queue: number;
}

const QUEUE_FULL: Outcome = Object.freeze({ kind: 'rejected', reason: 'queue-full' });

/**
 * At most `max` calls in flight. A call finding no free slot waits in a FIFO queue of at most `queue` calls; one
 * more is rejected (`rejected:queue-full`). A finishing call hands its slot straight to the first waiter, so a
 * newcomer never overtakes the queue. The wait goes into `trace.queueWaitUs`. The only per-call state kept is a
 * waiting call's wake-up function, and there are never more of those than `queue`. A rejected call's
 * `trace.admission` waits for the next slot to free (a closed-loop worker then tries again, instead of spinning).
 */
export class ConcurrencyLayer implements Layer {
  readonly name = 'concurrency';
  private readonly max: number;
  private readonly waiters = new Fifo<() => void>();
  /** Rejected callers waiting for room (CallTrace.admission): woken whenever a slot frees. */
  private readonly rejectedWaiters = new AdmissionWaiters();
  private inFlight = 0;
  private admitted = 0;
  private queued = 0;
  private rejected = 0;
  private maxQueued = 0;
  private waitUs = 0;

  constructor(
    private readonly policy: ConcurrencyPolicy,
    private readonly inner: Caller,
    private readonly deps: { readonly clock: Clock; readonly random?: Random; readonly emit?: EmitEvent },
  ) {
    this.max = Math.max(1, policy.max);
  }

  async call(request: McpRequest, options: CallOptions): Promise<Outcome> {
    if (this.inFlight < this.max) {
      this.inFlight++;
    } else if (this.waiters.length < this.policy.queue) {
      await this.waitForSlot(options);
    } else {
      this.rejected++;
      options.trace.admission = this.untilRoom;
      return QUEUE_FULL;
    }
    this.admitted++;
    try {
      return await this.inner.call(request, options);
    } finally {
      this.release();
    }
  }

  close(): Promise<void> {
    this.rejectedWaiters.wakeAll();
    return this.inner.close();
  }

  /** CallTrace.admission of a rejected call: bound once, so a rejection allocates nothing. */
  private readonly untilRoom = (signal: AbortSignal): Promise<void> =>
    this.inFlight < this.max || this.waiters.length < this.policy.queue ? Promise.resolve() : this.rejectedWaiters.wait(signal);

  stats(): Readonly<Record<string, number>> {
    return {
      admitted: this.admitted,
      queued: this.queued,
      rejected: this.rejected,
      maxQueued: this.maxQueued,
      waitUs: this.waitUs,
    };
  }

  /** Resolves once a finishing call has handed this one its slot (the in-flight count is unchanged by a handoff). */
  private async waitForSlot(options: CallOptions): Promise<void> {
    this.queued++;
    const startUs = this.deps.clock.nowUs();
    await new Promise<void>((resolve) => {
      this.waiters.push(resolve);
      if (this.waiters.length > this.maxQueued) this.maxQueued = this.waiters.length;
    });
    const waitedUs = this.deps.clock.nowUs() - startUs;
    options.trace.queueWaitUs += waitedUs;
    this.waitUs += waitedUs;
  }

  private release(): void {
    const next = this.waiters.shift();
    if (next === undefined) this.inFlight--;
    else next();
    this.rejectedWaiters.wakeAll();
  }
}

/** `max` has no default: it must be given (a rule says so). */
export const concurrencyDeclaration = declareLayer({
  key: 'concurrency',
  name: 'concurrency',
  options: {
    max: wholeNumber({ min: 1, hint: 'max is how many calls may be in flight; to lift the limit write concurrency: false', max: CALLS_IN_FLIGHT_BOUND }).optional(),
    queue: queueOption().optional(),
  },
  aliases: ['maxConcurrency'],
  defaults: { queue: 1_000 },
  rules: [
    {
      fields: ['max'],
      at: 'max',
      check: ({ max }) => (max === undefined ? missing('a whole number ≥ 1', 'e.g. concurrency: { max: 32 }') : undefined),
    },
  ],
  policy: (settings): ConcurrencyPolicy => ({ max: required(settings.max, 'concurrency.max'), queue: settings.queue }),
  build: (policy, inner, deps) => new ConcurrencyLayer(policy, inner, deps),
  counters: { maxQueued: 'max' },
  figures: traceWaitFigures('queueWaitUs', 'queue wait p50/p99', (trace) => trace.queueWaitUs),
  line: rejectedLine,
});
