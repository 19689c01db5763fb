import type { Outcome } from '../../client/outcome.js';
import { CallTrace } from '../../client/trace.js';
import type { WorkloadPlan } from '../../scenario/plan.js';
import { ClosedLoopSchedule } from '../../schedule/closed-loop.js';
import type { ExecutionContext, ExecutionResult } from '../executor.js';
import { weightedPicker } from '../mix.js';

/**
 * N workers, each starting its next call as soon as its previous one completes. Latency is completion minus send;
 * warmup calls are made but not recorded. A fatal transport outcome stops every worker; in-flight calls finish.
 */
export async function runClosedLoop(workload: WorkloadPlan, concurrency: number, context: ExecutionContext): Promise<ExecutionResult> {
  const { caller, clock, recorder, stopSignal } = context;
  const schedule = new ClosedLoopSchedule(workload.warmup, workload.measure, clock.nowUs());
  const pick = weightedPicker(workload.operations, context.random);
  const operations = workload.operations;
  let measureEndUs: number | null = null;
  let fatal: Outcome | null = null;
  const onStop = (): void => schedule.stop();
  stopSignal.addEventListener('abort', onStop, { once: true });
  if (stopSignal.aborted) schedule.stop();

  const worker = async (): Promise<void> => {
    // Each worker owns one trace and one options object per operation: nothing is allocated per call here.
    const trace = new CallTrace();
    const calls = operations.map((op) => ({ request: op.request, options: { timeoutUs: op.timeoutUs, trace } }));
    let index = 0;
    let measuring = false;
    if (recorder.tracksClient) {
      trace.onAttempt = (latencyUs, outcome) => {
        if (measuring) recorder.recordAttempt(index, latencyUs, outcome);
      };
    }
    for (;;) {
      const startUs = clock.nowUs();
      const decision = schedule.next(startUs);
      if (decision.stop) return;
      index = pick();
      measuring = decision.phase === 'measure';
      const call = calls[index]!;
      trace.reset();
      const outcome = await caller.call(call.request, call.options);
      const endUs = clock.nowUs();
      if (decision.phase === 'measure') {
        recorder.record(index, endUs - startUs, outcome, trace);
        if (measureEndUs === null || endUs > measureEndUs) measureEndUs = endUs;
      } else {
        recorder.recordWarmup(index);
      }
      if (fatal === null && context.isFatal(outcome)) {
        fatal = outcome;
        schedule.stop();
      }
    }
  };

  await Promise.all(Array.from({ length: concurrency }, worker));
  stopSignal.removeEventListener('abort', onStop);
  return { measureStartUs: schedule.measureStartUs, measureEndUs, fatal, interrupted: stopSignal.aborted };
}
