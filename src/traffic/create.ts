/**
 * The performer of one workload, from its plan and what the runner opened for it. One place decides what a call
 * becomes: templates and data rows (scope), checks and captures, journeys, tenants and routes.
 */
import type { Caller } from '../client/caller.js';
import type { WorkloadRecorder } from '../metrics/recorder.js';
import type { OperationPlan } from '../operations/operation.js';
import type { Shard } from '../schedule/shard.js';
import type { Clock } from '../time/clock.js';
import { plainPerformer, type CallerFor, type Performer } from './performer.js';
import type { DataPlan } from './data-block.js';
import { CallData } from './call-data.js';
import { trafficPerformer } from './traffic-performer.js';
import { routedCaller, type RouteCallers } from './routes.js';

/** What a workload's performer is made of. */
export interface PerformerInputs {
  readonly operations: readonly OperationPlan[];
  readonly seed: number;
  readonly shard: Shard;
  /** The workload's client stack (its default endpoints, no tenant). */
  readonly caller: Caller;
  readonly recorder: WorkloadRecorder;
  readonly clock: Clock;
  /** The workload's data file (`data:`), if it reads one. */
  readonly data?: DataPlan | undefined;
  /** Tenants and endpoint groups: a stack per (tenant, group) (traffic/routes.ts); absent: `caller` for every call. */
  readonly routes?: RouteCallers;
}

export function createPerformer(inputs: PerformerInputs): Performer {
  const { operations, data } = inputs;
  const callerFor = callerChoice(inputs);
  // A call's row: its tenant's file's, else the workload's (call-data.ts).
  const rows = CallData.of(data, inputs.routes?.tenants ?? [], inputs.seed);
  // The plain fast paths: the same request every call, nothing to read in the answer.
  if (rows === null && !operations.some((op) => op.journey || op.expect || op.template)) {
    return callerFor === null ? plainPerformer(operations, inputs.caller) : routedPerformer(operations, callerFor);
  }
  const { caller, recorder, clock, shard } = inputs;
  return trafficPerformer({ operations, callerFor: callerFor ?? (() => caller), recorder, clock, shard }, rows);
}

/** Which stack a call goes through, when tenants or groups give a choice (routes.ts); null: always `caller`. */
function callerChoice(inputs: PerformerInputs): CallerFor | null {
  const routed = inputs.routes ? routedCaller(inputs.operations, inputs.routes, inputs.seed) : null;
  return routed ? (index, seq, trace) => routed.callerFor(index, seq, trace) : null;
}

/** Each call through its tenant's stack for its operation's group (routes.ts). */
function routedPerformer(operations: readonly OperationPlan[], callerFor: CallerFor): Performer {
  const requests = operations.map((op) => op.request);
  return {
    perform: (index, seq, options) => callerFor(index, seq, options.trace).call(requests[index]!, options),
    ended: () => false,
  };
}
