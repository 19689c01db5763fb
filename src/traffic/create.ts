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
import { judgeAnswer } from './checked-call.js';
import { runJourney } from './journey-run.js';

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
  const { operations } = inputs;
  if (!operations.some((op) => op.journey || op.expect || op.template)) return plainPerformer(operations, inputs.caller);
  return trafficPerformer(inputs);
}

const NO_VARS: Readonly<Record<string, unknown>> = Object.freeze({});

/** Templates, checks and journeys: each entry as its operation says; an entry without any of them as plainly as ever. */
function trafficPerformer(inputs: PerformerInputs): Performer {
  const { operations, caller, shard } = inputs;
  return {
    perform: (index, seq, options, measured) => {
      const op = operations[index]!;
      if (op.journey) return runJourney(inputs, index, seq, options, measured);
      const request = op.template ? op.template.instantiate({ seq, shard, row: null, vars: NO_VARS }) : op.request;
      const answer = caller.call(request, options);
      return op.expect ? answer.then((outcome) => judgeAnswer(op, outcome, null)) : answer;
    },
    ended: () => false,
    notes: () => [],
  };
}
