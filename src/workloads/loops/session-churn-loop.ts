/**
 * The session-churn drivers: when sessions start. Closed: `concurrency` sessions at a time, each worker opening the
 * next as soon as its previous one is closed (ClosedLoopSchedule counts sessions). Open: sessions arrive at a rate on
 * a clock (constantArrivals), whether or not earlier ones are done, capped at `maxInFlight` sessions (an arrival
 * beyond is dropped and counted); a session's open latency runs from its scheduled start. Either way every session
 * still open when the workload ends — left open on purpose, or cut short by an interrupt or a fatal failure — is
 * closed before the executor returns.
 *
 * Numbers: session s is global over shards, warmup first (closed: local count c·N + i; open: the global arrival, as
 * the open loop numbers calls), and call j of session s is call number s·callsPerSession + j.
 */
import { constantArrivals, countArrivals } from '../../schedule/arrivals.js';
import { ClosedLoopSchedule } from '../../schedule/closed-loop.js';
import { shardSchedule } from '../../schedule/shard-arrivals.js';
import { globalArrival } from '../../schedule/shard.js';
import type { ExecutionContext, ExecutionResult } from '../executor.js';
import { ChurnSessions, type ChurnPlan } from './churn-sessions.js';
import { untilDoneOrAbandoned } from './closed-loop.js';

/** `concurrency` sessions at a time until the bound (iterations = sessions started). */
export async function runChurnClosed(plan: ChurnPlan, concurrency: number, context: ExecutionContext): Promise<ExecutionResult> {
  const { clock, stopSignal } = context;
  const churn = new ChurnSessions(plan, context);
  const schedule = new ClosedLoopSchedule(plan.warmup, plan.measure, clock.nowUs());
  const onStop = (): void => schedule.stop();
  stopSignal.addEventListener('abort', onStop, { once: true });
  if (stopSignal.aborted) schedule.stop();
  let started = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const startUs = clock.nowUs();
      const decision = schedule.next(startUs);
      if (decision.stop || churn.fatal !== null) return;
      const s = started++ * plan.shard.count + plan.shard.index;
      await churn.run(s, decision.phase === 'measure', startUs);
      if (churn.fatal !== null) schedule.stop();
    }
  };
  let abandoned = false;
  try {
    abandoned = await untilDoneOrAbandoned(Promise.all(Array.from({ length: concurrency }, worker)), context.abandonSignal);
    if (abandoned) churn.recording = false;
  } finally {
    stopSignal.removeEventListener('abort', onStop);
    await churn.closeAll();
  }
  return churn.result(schedule.measureStartUs, abandoned);
}

/** Sessions arriving at `ratePerSec` (warmup at the same rate), at most `maxInFlight` at once. */
export async function runChurnOpen(plan: ChurnPlan, ratePerSec: number, maxInFlight: number, context: ExecutionContext): Promise<ExecutionResult> {
  const { clock, stopSignal } = context;
  const churn = new ChurnSessions(plan, context);
  const startUs = clock.nowUs();
  const warmup = plan.warmup ? constantArrivals(ratePerSec, plan.warmup) : null;
  const measureOriginUs = startUs + (warmup?.endUs ?? 0);
  const phases = [
    ...(warmup ? [{ schedule: warmup, originUs: startUs, measured: false, firstSession: 0 }] : []),
    { schedule: constantArrivals(ratePerSec, plan.measure), originUs: measureOriginUs, measured: true, firstSession: warmup ? countArrivals(warmup) : 0 },
  ];
  const running = new Set<Promise<void>>();
  let abandoned = false;
  try {
    for (const phase of phases) {
      const schedule = shardSchedule(phase.schedule, plan.shard);
      for (let j = 0; ; j++) {
        const at = schedule.arrivalUs(j);
        if (at === null || stopSignal.aborted || churn.fatal !== null) break;
        const scheduledUs = phase.originUs + at;
        if (clock.nowUs() < scheduledUs) await clock.sleepUntilUs(scheduledUs, stopSignal);
        if (stopSignal.aborted || churn.fatal !== null) break;
        if (churn.sessionsInFlight >= maxInFlight) {
          if (phase.measured) churn.record.dropped++;
          continue;
        }
        const session = churn.run(phase.firstSession + globalArrival(j, plan.shard), phase.measured, scheduledUs);
        running.add(session);
        void session.then(() => running.delete(session));
      }
    }
    abandoned = await untilDoneOrAbandoned(Promise.all(running), context.abandonSignal);
    if (abandoned) churn.recording = false;
  } finally {
    await churn.closeAll();
  }
  return churn.result(measureOriginUs, abandoned);
}
