import { CALLS_IN_FLIGHT_BOUND, SMALL_COUNT_BOUND } from '../../input/bounds.js';
import type { Random } from '../../random/seeded.js';
import type { McpRequest } from '../request.js';
import type { Clock } from '../../time/clock.js';
import { duration, wholeNumber } from '../../input/fields.js';
import type { CallOptions, Caller, Layer } from '../caller.js';
import type { BreakerState, EmitEvent } from '../events.js';
import type { Outcome } from '../outcome.js';
import { AdmissionWaiters } from './admission.js';
import { counter, declareLayer } from './declaration.js';

export interface BreakerPolicy {
  /** Failures within `windowUs` that open the breaker. */
  readonly failures: number;
  readonly windowUs: number;
  /** How long the breaker stays open before letting probes through. */
  readonly cooldownUs: number;
  /** Calls let through while half-open; all must succeed to close. */
  readonly halfOpenProbes: number;
}

const BREAKER_OPEN: Outcome = Object.freeze({ kind: 'rejected', reason: 'breaker-open' });

/**
 * What the breaker counts: a failure says the target is unwell (timeout, transport, JSON-RPC error); a success says
 * it answered (ok, or a tool error: the tool ran and said no); a rejection by a layer below says nothing.
 */
function verdictOf(outcome: Outcome): 'failure' | 'success' | 'neutral' {
  switch (outcome.kind) {
    case 'timeout':
    case 'transport':
    case 'rpc-error':
    case 'auth':
      return 'failure';
    case 'rejected':
      return 'neutral';
    default:
      return 'success';
  }
}

/**
 * A circuit breaker. Closed: calls pass; it opens when `failures` failures fall within a rolling `windowUs` (a
 * failure leaves the window at exactly `windowUs` of age). Open: calls are rejected at once (`rejected:breaker-open`,
 * no attempt). `cooldownUs` after opening it is half-open: up to `halfOpenProbes` calls pass; when all of them
 * succeed it closes, and any probe failure opens it again for a new cooldown. Outcomes of calls let through in an
 * earlier phase (a call admitted while closed that ends after the breaker opened) change nothing.
 *
 * A rejection points `trace.admission` at when the breaker may admit a call again: open, the end of the cooldown
 * (the first caller back is the probe, on time); half-open with every probe place taken, the probes' verdict. A
 * closed-loop worker waits for it instead of spinning on rejections; the library API ignores it.
 */
export class BreakerLayer implements Layer {
  readonly name = 'breaker';
  private state: BreakerState = 'closed';
  /** Bumped at every state change, so late outcomes from an earlier phase are recognised. */
  private phase = 0;
  /** Times of the last `failures` failures while closed: a ring, `failureHead` is the oldest. */
  private readonly failureTimes: Float64Array;
  private readonly probes: number;
  private failureCount = 0;
  private failureHead = 0;
  private openedAtUs = 0;
  /** Probes let through in this half-open phase (a probe a layer below rejected gives its place back). */
  private probesAdmitted = 0;
  private probeSuccesses = 0;
  private opens = 0;
  private rejected = 0;
  private closedOpenUs = 0;
  /** Callers rejected while half-open, waiting for the probes' verdict (or a probe place given back). */
  private readonly waiters = new AdmissionWaiters();

  constructor(
    private readonly policy: BreakerPolicy,
    private readonly inner: Caller,
    private readonly deps: { readonly clock: Clock; readonly random?: Random; readonly emit?: EmitEvent },
  ) {
    this.failureTimes = new Float64Array(Math.max(1, policy.failures));
    this.probes = Math.max(1, policy.halfOpenProbes);
  }

  async call(request: McpRequest, options: CallOptions): Promise<Outcome> {
    this.refresh(this.deps.clock.nowUs());
    if (this.state === 'open' || (this.state === 'half-open' && this.probesAdmitted >= this.probes)) {
      this.rejected++;
      options.trace.admission = this.untilAdmits;
      return BREAKER_OPEN;
    }
    const phase = this.phase;
    const probe = this.state === 'half-open';
    if (probe) this.probesAdmitted++;
    const outcome = await this.inner.call(request, options);
    if (phase === this.phase) this.record(verdictOf(outcome), probe);
    return outcome;
  }

  close(): Promise<void> {
    this.waiters.wakeAll();
    return this.inner.close();
  }

  /** CallTrace.admission of a rejected call: bound once, so a rejection allocates nothing. */
  private readonly untilAdmits = (signal: AbortSignal): Promise<void> => {
    const nowUs = this.deps.clock.nowUs();
    this.refresh(nowUs);
    if (this.state === 'open') return this.deps.clock.sleepUs(this.openedAtUs + this.policy.cooldownUs - nowUs, signal);
    if (this.state === 'closed' || this.probesAdmitted < this.probes) return Promise.resolve();
    return this.waiters.wait(signal);
  };

  stats(): Readonly<Record<string, number | string>> {
    const nowUs = this.deps.clock.nowUs();
    const open = this.state === 'open';
    const cooledDown = open && nowUs - this.openedAtUs >= this.policy.cooldownUs;
    const currentOpenUs = open ? Math.min(nowUs - this.openedAtUs, this.policy.cooldownUs) : 0;
    return {
      state: cooledDown ? 'half-open' : this.state,
      opens: this.opens,
      rejected: this.rejected,
      openUs: this.closedOpenUs + currentOpenUs,
    };
  }

  /** Open becomes half-open once the cooldown has passed (checked when a call arrives). */
  private refresh(nowUs: number): void {
    if (this.state === 'open' && nowUs - this.openedAtUs >= this.policy.cooldownUs) {
      this.closedOpenUs += this.policy.cooldownUs;
      this.probesAdmitted = 0;
      this.probeSuccesses = 0;
      this.transition('half-open');
    }
  }

  private record(verdict: 'failure' | 'success' | 'neutral', probe: boolean): void {
    const nowUs = this.deps.clock.nowUs();
    if (probe) {
      if (verdict === 'failure') this.open(nowUs);
      else if (verdict === 'neutral') this.givePlaceBack();
      else if (++this.probeSuccesses >= this.probes) this.closeCircuit();
    } else if (verdict === 'failure' && this.noteFailure(nowUs)) {
      this.open(nowUs);
    }
  }

  /** A probe a layer below rejected: its place goes to another caller, so those waiting for one may try. */
  private givePlaceBack(): void {
    this.probesAdmitted--;
    this.waiters.wakeAll();
  }

  /** Adds a failure to the window; true when the window now holds `failures` of them. */
  private noteFailure(nowUs: number): boolean {
    const capacity = this.failureTimes.length;
    if (this.failureCount < capacity) {
      this.failureTimes[(this.failureHead + this.failureCount) % capacity] = nowUs;
      this.failureCount++;
    } else {
      this.failureTimes[this.failureHead] = nowUs;
      this.failureHead = (this.failureHead + 1) % capacity;
    }
    const oldestUs = this.failureTimes[this.failureHead] ?? nowUs;
    return this.failureCount === capacity && nowUs - oldestUs < this.policy.windowUs;
  }

  private open(nowUs: number): void {
    this.openedAtUs = nowUs;
    this.opens++;
    this.transition('open');
  }

  private closeCircuit(): void {
    this.failureCount = 0;
    this.failureHead = 0;
    this.transition('closed');
  }

  private transition(to: BreakerState): void {
    const from = this.state;
    this.state = to;
    this.phase++;
    this.waiters.wakeAll();
    this.deps.emit?.({ type: 'breaker', from, to });
  }
}

/** The breaker records nothing per operation: its rejections are outcomes, its state and opens are counters. */
export const breakerDeclaration = declareLayer({
  key: 'breaker',
  name: 'breaker',
  options: {
    failures: wholeNumber({ min: 1, hint: 'failures is how many failures within window open the breaker', max: SMALL_COUNT_BOUND }).optional(),
    window: duration({ positive: true }).optional(),
    cooldown: duration({ positive: true, zeroHint: 'a breaker that never stays open does nothing' }).optional(),
    halfOpenProbes: wholeNumber({ min: 1, hint: 'probes are the calls let through to test a recovering server', max: CALLS_IN_FLIGHT_BOUND }).optional(),
  },
  aliases: ['circuitBreaker'],
  defaults: { failures: 5, window: 10_000_000, cooldown: 30_000_000, halfOpenProbes: 1 },
  policy: (settings): BreakerPolicy => ({
    failures: settings.failures,
    windowUs: settings.window,
    cooldownUs: settings.cooldown,
    halfOpenProbes: settings.halfOpenProbes,
  }),
  build: (policy, inner, deps) => new BreakerLayer(policy, inner, deps),
  line: (stats, f) => {
    const opened = `opened ${counter(stats, 'opens')}×, open ${f.latency(counter(stats, 'openUs'))}`;
    return `breaker: ${stats['state']}, ${opened}, rejected ${f.count(counter(stats, 'rejected'))}`;
  },
});
