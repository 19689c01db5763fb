/**
 * The performer of one workload, from its plan and what the runner opened for it. One place decides what a call
 * becomes: templates and data rows (scope), checks and captures, journeys, tenants and routes.
 */
import type { Caller } from '../client/caller.js';
import type { WorkloadRecorder } from '../metrics/recorder.js';
import type { OperationPlan } from '../operations/operation.js';
import type { Shard } from '../schedule/shard.js';
import type { Clock } from '../time/clock.js';
import { plainPerformer, type Performer } from './performer.js';
import { routedCaller, type RouteCallers, type RoutedCaller } from './routes.js';

/** What a workload's performer is made of. */
export interface PerformerInputs {
  readonly operations: readonly OperationPlan[];
  readonly seed: number;
  readonly shard: Shard;
  /** The workload's client stack (its default endpoints, no tenant). */
  readonly caller: Caller;
  readonly recorder: WorkloadRecorder;
  readonly clock: Clock;
  /** Tenants and endpoint groups: a stack per (tenant, group) (traffic/routes.ts); absent: `caller` for every call. */
  readonly routes?: RouteCallers;
}

export function createPerformer(inputs: PerformerInputs): Performer {
  const routed = inputs.routes ? routedCaller(inputs.operations, inputs.routes, inputs.seed) : null;
  return routed ? routedPerformer(inputs.operations, routed) : plainPerformer(inputs.operations, inputs.caller);
}

/** Each call through its tenant's stack for its operation's group (routes.ts). */
function routedPerformer(operations: readonly OperationPlan[], routed: RoutedCaller): Performer {
  const requests = operations.map((op) => op.request);
  return {
    perform: (index, seq, options) => routed.callerFor(index, seq, options.trace).call(requests[index]!, options),
    ended: () => false,
    notes: () => [],
  };
}
