/**
 * What the workload loops call for one entry of the mix: a plain call, a templated one, a checked one, a journey of
 * steps, for a tenant, routed to an endpoint group. The loops own *when* (schedules, phases, latency from the
 * scheduled start, recording of the entry's row); the performer owns *what* is sent and through which caller, and
 * records the rows the loop does not know of (a journey's steps).
 */
import type { CallOptions, Caller } from '../client/caller.js';
import type { Outcome } from '../client/outcome.js';
import type { OperationPlan } from '../operations/operation.js';
import type { CallTrace } from '../client/trace.js';
import type { DataUse } from './data-rows.js';

/**
 * The caller (client stack) call number `seq` of row `index` goes through: its tenant's stack for its operation's
 * group (traffic/routes.ts). It may note the tenant on the trace.
 */
export type CallerFor = (index: number, seq: number, trace: CallTrace) => Caller;

export interface Performer {
  /**
   * Performs mix entry `index` (a row of the workload's operations that the mix draws: never a journey's step) as
   * call number `seq` of the workload. `seq` is global over shards and counts warmup calls too: one machine's calls
   * are 0, 1, 2, …; shard i of N sends only numbers it owns, so every call of a sharded run has its own. `measured`:
   * whether rows the performer records itself (a journey's steps) are measured or warmup. Never throws.
   */
  perform(index: number, seq: number, options: CallOptions, measured: boolean): Promise<Outcome>;
  /**
   * True when call number `seq` cannot be made because its input ran out (a data file read `once` with
   * `exhausted: stop`): the loop stops scheduling new calls, as at the end of its bound.
   */
  ended(seq: number): boolean;
  /** What the workload did with each data file it reads, read once when it ends (absent or empty: none). */
  dataUse?(): readonly DataUse[];
}

/** The performer of a mix where every entry sends the same request each time through one caller. */
export function plainPerformer(operations: readonly OperationPlan[], caller: Caller): Performer {
  const requests = operations.map((op) => op.request);
  return {
    perform: (index, _seq, options) => caller.call(requests[index]!, options),
    ended: () => false,
  };
}
