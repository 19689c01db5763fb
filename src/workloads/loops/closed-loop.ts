import type { Outcome } from '../../client/outcome.js';
import { CallTrace } from '../../client/trace.js';
import type { WorkloadBase } from '../plan.js';
import { ClosedLoopSchedule } from '../../schedule/closed-loop.js';
import { EventLoopTurns } from '../../time/turns.js';
import type { ExecutionContext, ExecutionResult } from '../executor.js';
import { weightedPicker } from '../../schedule/mix.js';
import { CompletionWindow } from './completion-window.js';
import { plainPerformer, type Performer } from '../../traffic/performer.js';

/**
 * Whether worker `index` may start a call now (ramping concurrency): `run`, `wait` (asked again a little later), or
 * `stop` (the ramp is over). `measureStartUs` is null during warmup.
 */
export type WorkerGate = (index: number, nowUs: number, measureStartUs: number | null) => 'run' | 'wait' | 'stop';

/** How often a parked worker asks the gate again. */
const GATE_POLL_US = 2_000;

/**
 * N workers, each starting its next call as soon as its previous one completes. Latency is completion minus send;
 * warmup calls are made but not recorded. A fatal transport outcome stops every worker; in-flight calls finish.
 *
 * Calls that resolve without I/O (cache hits, an open breaker's rejections) would let the workers run on microtasks
 * alone, starving signals, timers and the progress line: every worker awaits one shared `EventLoopTurns`, so the
 * event loop gets a turn at least every 5 ms. A call a layer rejected at once because of its own state (an open
 * breaker, a full limiter: `CallTrace.admission`) is recorded, then its worker waits until that layer may admit a call
 * again (or the run stops, or its measured duration ends) instead of asking again at once: a caller does not hammer a
 * fast-failing client in a tight loop, and a closed loop with no think time would otherwise record fast-fail
 * rejections as fast as a core can make them — a figure of the loop, not of the client.
 */
export async function runClosedLoop(
  workload: WorkloadBase,
  concurrency: number,
  context: ExecutionContext,
  gate?: WorkerGate,
): Promise<ExecutionResult> {
  const loop = new ClosedLoop(workload, context, gate);
  const { stopSignal } = context;
  const onStop = (): void => loop.schedule.stop();
  stopSignal.addEventListener('abort', onStop, { once: true });
  if (stopSignal.aborted) loop.schedule.stop();
  const workers = Array.from({ length: concurrency }, (_, index) => runWorker(loop, index));
  const abandoned = await untilDoneOrAbandoned(Promise.all(workers), context.abandonSignal);
  stopSignal.removeEventListener('abort', onStop);
  if (abandoned) loop.recording = false;
  const { window } = loop;
  const result = {
    measureStartUs: loop.schedule.measureStartUs,
    measureEndUs: loop.measureEndUs,
    fatal: loop.fatal,
    interrupted: stopSignal.aborted,
    ...(window && !stopSignal.aborted && loop.fatal === null && { window: { durationUs: window.durationUs, completions: window.completions } }),
  };
  return abandoned ? { ...result, abandonedCalls: loop.inFlight } : result;
}

/** What the workers of one closed loop share. */
class ClosedLoop {
  readonly schedule: ClosedLoopSchedule;
  readonly window: CompletionWindow | null;
  readonly pick: () => number;
  /** One budget for all workers: when it is spent, they all wait for the same turn of the event loop. */
  readonly turns: EventLoopTurns;
  readonly performer: Performer;
  /** Calls started by this loop so far, warmup included: the local count c of call number seq = c·N + i. */
  started = 0;
  measureEndUs: number | null = null;
  fatal: Outcome | null = null;
  inFlight = 0;
  /** False once the grace period ran out: calls completing afterwards are not recorded. */
  recording = true;
  // Parked workers all wait for the same next poll: one timer and one stop listener however many are parked.
  private poll: Promise<void> | null = null;

  constructor(
    readonly workload: WorkloadBase,
    readonly context: ExecutionContext,
    readonly gate: WorkerGate | undefined,
  ) {
    const { clock } = context;
    this.schedule = new ClosedLoopSchedule(workload.warmup, workload.measure, clock.nowUs());
    this.window = workload.measure.kind === 'duration' ? new CompletionWindow(workload.operations.length, workload.measure.us) : null;
    this.pick = weightedPicker(workload.operations, context.random);
    this.turns = new EventLoopTurns(clock);
    this.performer = context.performer ?? plainPerformer(workload.operations, context.caller);
  }

  /** The next call's number in the workload, global over shards (Performer.perform's `seq`). */
  nextSeq(): number {
    const { index, count } = this.workload.callNumbers ?? this.workload.shard;
    return this.started++ * count + index;
  }

  nextPoll(): Promise<void> {
    return (this.poll ??= this.context.clock.sleepUs(GATE_POLL_US, this.context.stopSignal).then(() => void (this.poll = null)));
  }

  /**
   * Waits for a layer's admission (CallTrace.admission), cut short by the stop signal or the end of a duration-bounded
   * measured phase (a breaker's 30 s cooldown must not outlast a 10 s run). Rare (once per rejection that set it), so
   * it may allocate.
   */
  async waitForAdmission(admission: (signal: AbortSignal) => Promise<void>): Promise<void> {
    const { clock, stopSignal } = this.context;
    const deadlineUs = this.schedule.measureDeadlineUs;
    if (deadlineUs === Number.POSITIVE_INFINITY) return admission(stopSignal);
    const cut = new AbortController();
    const onStop = (): void => cut.abort();
    stopSignal.addEventListener('abort', onStop, { once: true });
    if (stopSignal.aborted) cut.abort();
    await Promise.race([admission(cut.signal), clock.sleepUs(deadlineUs - clock.nowUs(), cut.signal)]);
    cut.abort();
    stopSignal.removeEventListener('abort', onStop);
  }

  /** Records a completed call (measured or warmup) and stops the loop on a fatal outcome. */
  complete(index: number, startUs: number, outcome: Outcome, trace: CallTrace, measured: boolean): void {
    const { recorder } = this.context;
    const endUs = this.context.clock.nowUs();
    this.window?.add(index, endUs);
    if (measured) {
      recorder.record(index, endUs - startUs, outcome, trace, endUs);
      if (this.measureEndUs === null || endUs > this.measureEndUs) this.measureEndUs = endUs;
    } else {
      recorder.recordWarmup(index);
    }
    if (this.fatal === null && this.context.isFatal(outcome)) {
      this.fatal = outcome;
      this.schedule.stop();
    }
  }
}

/** One worker: its next call as soon as the previous one completed, until the schedule, the gate or a stop says so. */
async function runWorker(loop: ClosedLoop, workerIndex: number): Promise<void> {
  const { clock, recorder, stopSignal } = loop.context;
  const { schedule, gate, turns, performer } = loop;
  // Each worker owns one trace and one options object per operation: nothing is allocated per call here.
  const trace = new CallTrace();
  const options = loop.workload.operations.map((op) => ({ timeoutUs: op.timeoutUs, trace }));
  let index = 0;
  let measuring = false;
  if (recorder.tracksClient) {
    trace.onAttempt = (latencyUs, outcome) => {
      if (measuring) recorder.recordAttempt(index, latencyUs, outcome);
    };
  }
  for (;;) {
    const startUs = clock.nowUs();
    const turn = turns.due(startUs);
    if (turn !== null) {
      await turn;
      continue;
    }
    if (gate) {
      schedule.settle(startUs);
      const allowed = gate(workerIndex, startUs, schedule.measureStartUs);
      if (allowed === 'stop') return;
      if (allowed === 'wait') {
        await loop.nextPoll();
        if (stopSignal.aborted) return;
        continue;
      }
    }
    const decision = schedule.next(startUs);
    if (decision.stop) return;
    const seq = loop.nextSeq();
    if (performer.ended(seq)) {
      schedule.stop();
      return;
    }
    if (loop.window && !loop.window.isOpen && schedule.measureStartUs !== null) loop.window.open(schedule.measureStartUs);
    index = loop.pick();
    measuring = decision.phase === 'measure';
    trace.reset();
    loop.inFlight++;
    const outcome = await performer.perform(index, seq, options[index]!, measuring);
    loop.inFlight--;
    if (!loop.recording) return;
    loop.complete(index, startUs, outcome, trace, measuring);
    if (trace.admission !== null) await loop.waitForAdmission(trace.admission);
  }
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
