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
import type { DataPlan } from './data-block.js';
import { DataRows } from './data-rows.js';
import { templatedPerformer } from './templated-performer.js';

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
}

export function createPerformer(inputs: PerformerInputs): Performer {
  const { operations, data } = inputs;
  // The plain fast path: nothing to instantiate per call.
  if (data === undefined && operations.every((op) => op.template === undefined)) return plainPerformer(operations, inputs.caller);
  return templatedPerformer(operations, inputs.caller, inputs.shard, data === undefined ? null : new DataRows(data));
}
