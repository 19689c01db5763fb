import type { Random } from '../../random/seeded.js';
import type { McpRequest } from '../request.js';
import type { Clock } from '../../time/clock.js';
import type { CallOptions, Caller, Layer } from '../caller.js';
import type { Outcome } from '../outcome.js';
import type { BalanceStrategy } from '../policies.js';
import { isExplorationTurn, pickChild, type BalanceState } from './balance-pick.js';

export interface BalancerDeps {
  readonly clock: Clock;
  readonly random?: Random;
  /** The trace field that records the chosen index: `endpoint` across endpoints, `session` within a pool. */
  readonly traceField?: 'endpoint' | 'session';
  /** Weight of the newest latency in `fastest`'s EWMA (0..1]. */
  readonly alpha?: number;
  /** `fastest`: every `exploreEvery`-th call goes to the least recently picked child (0: never). */
  readonly exploreEvery?: number;
}

/** A balancer with no children cannot send anything; the plan guarantees at least one, so this is a guard. */
const NO_CHILD: Outcome = Object.freeze({ kind: 'transport', code: 'no-endpoint' });

export const DEFAULT_EWMA_ALPHA = 0.2;
export const DEFAULT_EXPLORE_EVERY = 20;

/**
 * Spreads calls over children (endpoints, or the sessions of one pool) by a strategy; see `pickChild`. For
 * `fastest`, each child's latency EWMA is fed by every call it ends; a call that failed without an answer (timeout,
 * transport, rejection) counts as taking at least the call's timeout, so a child that fails fast never looks fast;
 * and the sample of an exploration call replaces the child's average, so one probe is enough to bring a recovered
 * child back (a lucky fast probe of a still-slow child costs about one slow call before its next sample pushes it
 * out again). `random` is accepted with the stack's common deps but unused: every strategy is deterministic.
 */
export class Balancer implements Layer {
  readonly name = 'balancer';
  private readonly state: { -readonly [K in keyof BalanceState]: BalanceState[K] };
  private readonly outstanding: Int32Array;
  private readonly latencyEwmaUs: Float64Array;
  private readonly lastPicked: Float64Array;
  private readonly calls: Float64Array;
  private readonly traceField: 'endpoint' | 'session';
  private readonly alpha: number;
  /** Only `fastest` reads latencies, so the others skip measuring. */
  private readonly measured: boolean;

  constructor(
    private readonly children: readonly Caller[],
    strategy: BalanceStrategy,
    private readonly deps: BalancerDeps,
  ) {
    const count = children.length;
    this.outstanding = new Int32Array(count);
    this.latencyEwmaUs = new Float64Array(count).fill(Number.NaN);
    this.lastPicked = new Float64Array(count).fill(-1);
    this.calls = new Float64Array(count);
    this.traceField = deps.traceField ?? 'endpoint';
    this.alpha = deps.alpha ?? DEFAULT_EWMA_ALPHA;
    this.measured = strategy === 'fastest';
    this.state = {
      strategy,
      outstanding: this.outstanding,
      latencyEwmaUs: this.latencyEwmaUs,
      lastPicked: this.lastPicked,
      sequence: 0,
      exploreEvery: deps.exploreEvery ?? DEFAULT_EXPLORE_EVERY,
    };
  }

  async call(request: McpRequest, options: CallOptions): Promise<Outcome> {
    const exploring = isExplorationTurn(this.state);
    const index = pickChild(this.state);
    const child = this.children[index];
    if (child === undefined) return NO_CHILD;
    this.lastPicked[index] = this.state.sequence++;
    this.calls[index] = (this.calls[index] ?? 0) + 1;
    options.trace[this.traceField] = index;
    this.outstanding[index] = (this.outstanding[index] ?? 0) + 1;
    const startUs = this.deps.clock.nowUs();
    try {
      const outcome = await child.call(request, options);
      if (this.measured) this.measure(index, this.deps.clock.nowUs() - startUs, outcome, options.timeoutUs, exploring);
      return outcome;
    } finally {
      this.outstanding[index] = (this.outstanding[index] ?? 1) - 1;
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.children.map((child) => child.close()));
  }

  stats(): Readonly<Record<string, number>> {
    const stats: Record<string, number> = {};
    this.calls.forEach((calls, index) => {
      stats[`child${index}`] = calls;
    });
    return stats;
  }

  /** Feeds `fastest`'s EWMA; an exploration probe's sample replaces the child's stale average. */
  private measure(index: number, latencyUs: number, outcome: Outcome, timeoutUs: number, exploring: boolean): void {
    const answered = outcome.kind === 'ok' || outcome.kind === 'tool-error' || outcome.kind === 'rpc-error';
    const sampleUs = answered ? latencyUs : Math.max(latencyUs, timeoutUs);
    const previous = this.latencyEwmaUs[index] ?? Number.NaN;
    const fresh = exploring || Number.isNaN(previous);
    this.latencyEwmaUs[index] = fresh ? sampleUs : previous + this.alpha * (sampleUs - previous);
  }
}
