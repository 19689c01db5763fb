/** What the open-model workload types share: the cap on calls in flight, and how they head a report. */
import { count } from '../input/fields.js';
import { CALLS_IN_FLIGHT_BOUND } from '../input/bounds.js';
import { formatRate } from '../input/units.js';
import type { HeadlineFacts } from './descriptor.js';

export const OPEN_MODEL_HINT = 'open-model workloads start calls on a clock; limit calls in flight with maxInFlight';

/** An open-model workload's cap on calls in flight; without it, defaults.ts's defaultMaxInFlight of the peak rate. */
export const maxInFlightField = () =>
  count({ hint: 'maxInFlight caps the calls in flight; an arrival beyond it is dropped and counted', max: CALLS_IN_FLIGHT_BOUND }).optional();

/**
 * `constant-rate · target 500/s, sent 498/s` once measured: the schedule's rate against the rate calls were sent at
 * (the generator's own shortfall). Before that (not run, or driven by autocannon, which schedules nothing), the cap.
 */
export function openModelHeadline(type: string, facts: HeadlineFacts): string {
  const a = facts.arrivals;
  if (!a) return `${type} · at most ${facts.concurrency} in flight`;
  return `${type} · target ${formatRate(a.targetRatePerSec)}/s, sent ${formatRate(a.achievedRatePerSec)}/s`;
}
