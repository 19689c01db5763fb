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

/** What a workload's performer is made of. */
export interface PerformerInputs {
  readonly operations: readonly OperationPlan[];
  readonly seed: number;
  readonly shard: Shard;
  /** The workload's client stack (its default endpoints, no tenant). */
  readonly caller: Caller;
  readonly recorder: WorkloadRecorder;
  readonly clock: Clock;
}

export function createPerformer(inputs: PerformerInputs): Performer {
  return plainPerformer(inputs.operations, inputs.caller);
}
