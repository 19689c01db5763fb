import type { Outcome } from '../../client/outcome.js';
import { CallTrace } from '../../client/trace.js';
import type { WorkloadBase } from '../plan.js';
import { ClosedLoopSchedule } from '../../schedule/closed-loop.js';
import type { ExecutionContext, ExecutionResult } from '../executor.js';
import { weightedPicker } from '../../schedule/mix.js';
import { CompletionWindow } from './completion-window.js';

/**
 * N workers, each starting its next call as soon as its previous one completes. Latency is completion minus send;
 * warmup calls are made but not recorded. A fatal transport outcome stops every worker; in-flight calls finish.
 */
/**
 * Whether worker `index` may start a call now (ramping concurrency): `run`, `wait` (asked again a little later), or
 * `stop` (the ramp is over). `measureStartUs` is null during warmup.
 */
export type WorkerGate = (index: number, nowUs: number, measureStartUs: number | null) => 'run' | 'wait' | 'stop';

/** How often a parked worker asks the gate again. */
const GATE_POLL_US = 2_000;

export async function runClosedLoop(
  workload: WorkloadBase,
  concurrency: number,
  context: ExecutionContext,
  gate?: WorkerGate,
): Promise<ExecutionResult> {
  const { caller, clock, recorder, stopSignal } = context;
  const schedule = new ClosedLoopSchedule(workload.warmup, workload.measure, clock.nowUs());
  const window = workload.measure.kind === 'duration' ? new CompletionWindow(workload.operations.length, workload.measure.us) : null;
  const pick = weightedPicker(workload.operations, context.random);
  const operations = workload.operations;
  let measureEndUs: number | null = null;
  let fatal: Outcome | null = null;
  let inFlight = 0;
  /** False once the grace period ran out: calls completing afterwards are not recorded. */
  let recording = true;
  // Parked workers all wait for the same next poll: one timer and one stop listener however many are parked.
  let poll: Promise<void> | null = null;
  const nextPoll = (): Promise<void> => (poll ??= clock.sleepUs(GATE_POLL_US, stopSignal).then(() => void (poll = null)));
  const onStop = (): void => schedule.stop();
  stopSignal.addEventListener('abort', onStop, { once: true });
  if (stopSignal.aborted) schedule.stop();

  const worker = async (_: unknown, workerIndex: number): Promise<void> => {
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
      if (gate) {
        const allowed = gate(workerIndex, startUs, schedule.measureStartUs);
        if (allowed === 'stop') return;
        if (allowed === 'wait') {
          await nextPoll();
          if (stopSignal.aborted) return;
          continue;
        }
      }
      const decision = schedule.next(startUs);
      if (decision.stop) return;
      if (window && !window.isOpen && schedule.measureStartUs !== null) window.open(schedule.measureStartUs);
      index = pick();
      measuring = decision.phase === 'measure';
      const call = calls[index]!;
      trace.reset();
      inFlight++;
      const outcome = await caller.call(call.request, call.options);
      inFlight--;
      if (!recording) return;
      const endUs = clock.nowUs();
      window?.add(index, endUs);
      if (decision.phase === 'measure') {
        recorder.record(index, endUs - startUs, outcome, trace, endUs);
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

  const abandoned = await untilDoneOrAbandoned(Promise.all(Array.from({ length: concurrency }, worker)), context.abandonSignal);
  stopSignal.removeEventListener('abort', onStop);
  if (abandoned) recording = false;
  const result = {
    measureStartUs: schedule.measureStartUs,
    measureEndUs,
    fatal,
    interrupted: stopSignal.aborted,
    ...(window && !stopSignal.aborted && fatal === null && { window: { durationUs: window.durationUs, completions: window.completions } }),
  };
  return abandoned ? { ...result, abandonedCalls: inFlight } : result;
}

/** Resolves true if `abandon` aborts before `work` settles (the executor stops waiting), false when the work is done. */
export function untilDoneOrAbandoned(work: Promise<unknown>, abandon: AbortSignal | undefined): Promise<boolean> {
  if (!abandon) return work.then(() => false);
  if (abandon.aborted) return Promise.resolve(true);
  return new Promise<boolean>((resolve) => {
    const onAbandon = (): void => resolve(true);
    abandon.addEventListener('abort', onAbandon, { once: true });
    void work.then(() => {
      abandon.removeEventListener('abort', onAbandon);
      resolve(false);
    });
  });
}
