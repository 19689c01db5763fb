import type { CallOptions } from '../../client/caller.js';
import type { Outcome } from '../../client/outcome.js';
import { CallTrace } from '../../client/trace.js';
import type { OperationPlan } from '../../operations/operation.js';
import { seekableRandom } from '../../random/seeded.js';
import { countArrivals, type ArrivalSchedule } from '../../schedule/arrivals.js';
import { weightedPickerAt } from '../../schedule/mix.js';
import { shardSchedule } from '../../schedule/shard-arrivals.js';
import { globalArrival, type Shard } from '../../schedule/shard.js';
import { EventLoopTurns } from '../../time/turns.js';
import type { ExecutionContext, ExecutionResult } from '../executor.js';
import type { WorkloadBase } from '../plan.js';
import { CompletionWindow } from './completion-window.js';
import { untilDoneOrAbandoned } from './closed-loop.js';
import { plainPerformer } from '../../traffic/performer.js';

/** What the open loop reads of a plan: the mix, its seed, the shard it runs and the cap on calls in flight. */
export type OpenLoopPlan = Pick<WorkloadBase, 'operations' | 'seed' | 'shard'> & { readonly maxInFlight: number };

/** The global schedules (the shard strides them): warmup arrivals (not measured), then the measured ones. */
export interface OpenLoopSchedules {
  readonly warmup: ArrivalSchedule | null;
  /** Starts where warmup ends. */
  readonly measure: ArrivalSchedule;
}

interface Phase {
  /** This shard's view of the phase's global schedule: its j-th arrival is global arrival k = j·N + i. */
  readonly schedule: ArrivalSchedule;
  readonly shard: Shard;
  readonly originUs: number;
  readonly measured: boolean;
  /** The operation of global arrival k of this phase. */
  readonly pick: (k: number) => number;
  /** The call number (Performer's `seq`) of the phase's global arrival 0: warmup arrivals come first. */
  readonly firstSeq: number;
}

/**
 * The open model (wrk2, k6 arrival-rate): calls start when the schedule says, whether or not earlier ones finished.
 * A call's latency runs from its *scheduled* start, so a server stall is charged to every call that should have
 * started during it (coordinated-omission correction); its service time (actual send → answer) is kept apart, and so
 * is how late the generator sent it. An arrival that finds `maxInFlight` calls in flight is dropped and counted.
 * When the generator falls behind, every overdue arrival is sent (or dropped) at once rather than the schedule
 * sliding; such a catch-up never sleeps, so it gives the event loop a turn every few milliseconds (EventLoopTurns):
 * signals, timers, answers and the writes of the calls it sent go on meanwhile, and a stop acts within a turn.
 *
 * A shard (plan.shard) sends only its arrivals of the global schedules, k ≡ i (mod N), at their global times. The
 * operation of arrival k is a pure function of the phase and k (a seekable stream of the plan's seed: `mix` for
 * measured arrivals, `mix-warmup` for warmup ones, each phase counting k from 0), so whichever shard sends arrival k
 * sends what one machine would; the context's `random` is not used.
 */
export async function runOpenLoop(plan: OpenLoopPlan, schedules: OpenLoopSchedules, context: ExecutionContext): Promise<ExecutionResult> {
  const { clock, recorder, stopSignal } = context;
  const performer = context.performer ?? plainPerformer(plan.operations, context.caller);
  const startUs = clock.nowUs();
  const turns = new EventLoopTurns(clock);
  const phases = openLoopPhases(plan, schedules, startUs);
  const window = new CompletionWindow(plan.operations.length, schedules.measure.endUs);
  window.open(phases.at(-1)!.originUs);
  // The timeline starts where the global schedule's measured phase does, not at this shard's first arrival (k = i):
  // the shards' intervals then cover the same instants and merge interval by interval.
  if (recorder.timeline && !recorder.timeline.started) recorder.timeline.start(phases.at(-1)!.originUs);

  let inFlight = 0;
  let fatal: Outcome | null = null;
  let measureEndUs: number | null = null;
  const counts = { scheduled: 0, sent: 0, dropped: 0 };
  let drained: (() => void) | null = null;
  /** True once the grace period ran out: calls completing afterwards are not recorded. */
  let abandoned = false;
  /** True once the performer's input ran out (Performer.ended): no more arrivals are sent. */
  let ended = false;

  const fire = (index: number, seq: number, scheduledUs: number, measured: boolean): void => {
    inFlight++;
    const handoffUs = clock.nowUs();
    const options = callOptions(plan.operations[index]!, index, measured, context);
    void performer.perform(index, seq, options, measured).then((outcome) => {
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
    for (let j = 0; ; j++) {
      const at = phase.schedule.arrivalUs(j);
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
      const k = globalArrival(j, phase.shard);
      const seq = phase.firstSeq + k;
      if (performer.ended(seq)) {
        ended = true;
        break;
      }
      const index = phase.pick(k);
      if (phase.measured) counts.scheduled++;
      if (inFlight >= plan.maxInFlight) {
        if (phase.measured) {
          counts.dropped++;
          recorder.recordDropped(index);
        }
        continue;
      }
      if (phase.measured) counts.sent++;
      fire(index, seq, scheduledUs, phase.measured);
    }
    if (ended) break;
  }
  const measureOriginUs = phases.at(-1)!.originUs;
  const stopped = stopSignal.aborted || fatal !== null || ended;
  const spanUs = stopped ? Math.max(0, Math.min(clock.nowUs() - measureOriginUs, schedules.measure.endUs)) : schedules.measure.endUs;
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

/** The phases a shard walks: its view of each global schedule, from one origin, each with its own seekable mix. */
function openLoopPhases(plan: OpenLoopPlan, schedules: OpenLoopSchedules, startUs: number): Phase[] {
  const { operations, seed, shard } = plan;
  const phases: Phase[] = [];
  // Call numbers: the warmup's global arrivals first (0 … W − 1), then the measured ones (W, W + 1, …).
  const warmupCalls = schedules.warmup ? countArrivals(schedules.warmup) : 0;
  const phase = (schedule: ArrivalSchedule, originUs: number, measured: boolean): Phase => ({
    schedule: shardSchedule(schedule, shard),
    shard,
    originUs,
    measured,
    pick: weightedPickerAt(operations, seekableRandom(seed, measured ? 'mix' : 'mix-warmup')),
    firstSeq: measured ? warmupCalls : 0,
  });
  if (schedules.warmup) phases.push(phase(schedules.warmup, startUs, false));
  phases.push(phase(schedules.measure, startUs + (schedules.warmup?.endUs ?? 0), true));
  return phases;
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
