/**
 * One run of a journey: its steps in order through the caller, each step's request from its template with the
 * journey's captures so far (`scope.vars`), each step's answer judged (checks, captures) and its row recorded here
 * (the loop records the journey's row: end to end, on the timeline). The first step that does not succeed ends the
 * journey, and its outcome is the journey's; later steps are not reached (a step row's count is the journeys that got
 * that far, so the report derives "not reached" from the counts).
 *
 * Each step reuses the call's CallTrace, reset before it; the journey's trace ends with the first step's send time
 * (the open model's service time of the journey runs from it). With client layers on, a measured step's attempts are
 * recorded on its own row.
 */
import type { CallOptions } from '../client/caller.js';
import type { Outcome } from '../client/outcome.js';
import type { WorkloadRecorder } from '../metrics/recorder.js';
import type { OperationPlan } from '../operations/operation.js';
import type { TemplateScope } from '../operations/template.js';
import type { Shard } from '../schedule/shard.js';
import type { Clock } from '../time/clock.js';
import { judgeAnswer } from './checked-call.js';
import type { CallerFor } from './performer.js';

/** What every journey of a workload runs with. */
export interface JourneyContext {
  readonly operations: readonly OperationPlan[];
  /** The stack a call goes through (its tenant's, for the step's group). */
  readonly callerFor: CallerFor;
  readonly recorder: WorkloadRecorder;
  readonly clock: Clock;
  readonly shard: Shard;
}

export async function runJourney(
  context: JourneyContext,
  index: number,
  seq: number,
  row: TemplateScope['row'],
  options: CallOptions,
  measured: boolean,
): Promise<Outcome> {
  const { operations, callerFor, recorder, clock } = context;
  const steps = operations[index]!.journey!.steps;
  const vars: Record<string, unknown> = {};
  const scope: TemplateScope = { seq, shard: context.shard, row, vars };
  const { trace } = options;
  const outerAttempt = trace.onAttempt;
  let firstSentUs = -1;
  let outcome: Outcome | null = null;
  for (const stepIndex of steps) {
    const step = operations[stepIndex]!;
    trace.reset();
    trace.onAttempt = measured && recorder.tracksClient ? (latencyUs, attempt) => recorder.recordAttempt(stepIndex, latencyUs, attempt) : null;
    const request = step.template ? step.template.instantiate(scope) : step.request;
    const caller = callerFor(stepIndex, seq, trace);
    const startUs = clock.nowUs();
    const answer = await caller.call(request, { timeoutUs: step.timeoutUs, trace });
    const endUs = clock.nowUs();
    const sentUs = trace.sentUs >= 0 ? trace.sentUs : startUs;
    if (firstSentUs < 0) firstSentUs = sentUs;
    outcome = judgeAnswer(step, answer, vars);
    recorder.recordStep(stepIndex, endUs - startUs, endUs - sentUs, outcome, trace, measured);
    if (outcome.kind !== 'ok') break;
  }
  trace.onAttempt = outerAttempt;
  trace.sentUs = firstSentUs;
  return outcome!;
}
