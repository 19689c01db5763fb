import type { CallOptions } from '../../client/caller.js';
import type { Outcome } from '../../client/outcome.js';
import { CallTrace } from '../../client/trace.js';
import type { OperationPlan } from '../../operations/operation.js';
import type { ArrivalSchedule } from '../../schedule/arrivals.js';
import { EventLoopTurns } from '../../time/turns.js';
import type { ExecutionContext, ExecutionResult } from '../executor.js';
import { weightedPicker } from '../../schedule/mix.js';
import { CompletionWindow } from './completion-window.js';
import { untilDoneOrAbandoned } from './closed-loop.js';

export interface OpenLoopShape {
  readonly operations: readonly OperationPlan[];
  /** Warmup arrivals (not measured), then the measured ones, which start where warmup ends. */
  readonly warmup: ArrivalSchedule | null;
  readonly measure: ArrivalSchedule;
  readonly maxInFlight: number;
}

interface Phase {
  readonly schedule: ArrivalSchedule;
  readonly originUs: number;
  readonly measured: boolean;
}

/**
 * The open model (wrk2, k6 arrival-rate): calls start when the schedule says, whether or not earlier ones finished.
 * A call's latency runs from its *scheduled* start, so a server stall is charged to every call that should have
 * started during it (coordinated-omission correction); its service time (actual send → answer) is kept apart, and so
 * is how late the generator sent it. An arrival that finds `maxInFlight` calls in flight is dropped and counted.
 * When the generator falls behind, every overdue arrival is sent (or dropped) at once rather than the schedule
 * sliding; such a catch-up never sleeps, so it gives the event loop a turn every few milliseconds (EventLoopTurns):
 * signals, timers, answers and the writes of the calls it sent go on meanwhile, and a stop acts within a turn.
 */
export async function runOpenLoop(shape: OpenLoopShape, context: ExecutionContext): Promise<ExecutionResult> {
  const { clock, recorder, stopSignal, caller } = context;
  const pick = weightedPicker(shape.operations, context.random);
  const startUs = clock.nowUs();
  const turns = new EventLoopTurns(clock);
  const phases: Phase[] = [];
  if (shape.warmup) phases.push({ schedule: shape.warmup, originUs: startUs, measured: false });
  phases.push({ schedule: shape.measure, originUs: startUs + (shape.warmup?.endUs ?? 0), measured: true });
  const window = new CompletionWindow(shape.operations.length, shape.measure.endUs);
  window.open(phases.at(-1)!.originUs);

  let inFlight = 0;
  let fatal: Outcome | null = null;
  let measureEndUs: number | null = null;
  const counts = { scheduled: 0, sent: 0, dropped: 0 };
  let drained: (() => void) | null = null;
  /** True once the grace period ran out: calls completing afterwards are not recorded. */
  let abandoned = false;

  const fire = (index: number, scheduledUs: number, measured: boolean): void => {
    inFlight++;
    const handoffUs = clock.nowUs();
    const options = callOptions(shape.operations[index]!, index, measured, context);
    void caller.call(shape.operations[index]!.request, options).then((outcome) => {
      if (abandoned) return;
      const endUs = clock.nowUs();
      window.add(index, endUs);
      if (measured) {
        const sentUs = options.trace.sentUs >= 0 ? options.trace.sentUs : handoffUs;
        recorder.record(index, endUs - scheduledUs, outcome, options.trace, endUs);
        recorder.recordService(index, endUs - sentUs, sentUs - scheduledUs);
        if (measureEndUs === null || endUs > measureEndUs) measureEndUs = endUs;
      } else {
        recorder.recordWarmup(index);
      }
      if (fatal === null && context.isFatal(outcome)) fatal = outcome;
      if (--inFlight === 0) drained?.();
    });
  };

  for (const phase of phases) {
    for (let k = 0; ; k++) {
      const at = phase.schedule.arrivalUs(k);
      if (at === null || stopSignal.aborted || fatal) break;
      const scheduledUs = phase.originUs + at;
      const nowUs = clock.nowUs();
      if (nowUs < scheduledUs) await clock.sleepUntilUs(scheduledUs, stopSignal);
      else {
        // Overdue: nothing here awaits I/O, so the event loop gets its turn on a budget.
        const turn = turns.due(nowUs);
        if (turn) await turn;
      }
      if (stopSignal.aborted || fatal) break;
      const index = pick();
      if (phase.measured) counts.scheduled++;
      if (inFlight >= shape.maxInFlight) {
        if (phase.measured) {
          counts.dropped++;
          recorder.recordDropped(index);
        }
        continue;
      }
      if (phase.measured) counts.sent++;
      fire(index, scheduledUs, phase.measured);
    }
  }
  const measureOriginUs = phases.at(-1)!.originUs;
  const stopped = stopSignal.aborted || fatal !== null;
  const spanUs = stopped ? Math.max(0, Math.min(clock.nowUs() - measureOriginUs, shape.measure.endUs)) : shape.measure.endUs;
  if (inFlight > 0) abandoned = await untilDoneOrAbandoned(new Promise<void>((resolve) => (drained = resolve)), context.abandonSignal);
  const result = {
    measureStartUs: measureOriginUs,
    measureEndUs,
    fatal,
    interrupted: stopSignal.aborted,
    arrivals: { ...counts, spanUs },
    ...(!stopped && { window: { durationUs: window.durationUs, completions: window.completions } }),
  };
  return abandoned ? { ...result, abandonedCalls: inFlight } : result;
}

/**
 * Calls overlap in the open model, so each gets its own trace (where a layer may note when it really went out);
 * with client layers on, it also reports each attempt.
 */
function callOptions(op: OperationPlan, index: number, measured: boolean, context: ExecutionContext): CallOptions {
  const trace = new CallTrace();
  if (measured && context.recorder.tracksClient) {
    trace.onAttempt = (latencyUs, outcome) => context.recorder.recordAttempt(index, latencyUs, outcome);
  }
  return { timeoutUs: op.timeoutUs, trace };
}
