import type { Bound, RampStage } from './bound.js';

/**
 * When the open model's calls arrive: `arrivalUs(k)` is the time of the k-th arrival (k = 0, 1, …) from the
 * schedule's origin, or null once the schedule is over. Pure: no clock, no state, so it is table-tested exactly.
 */
export interface ArrivalSchedule {
  arrivalUs(k: number): number | null;
  /** Where the schedule ends (µs from its origin): the next phase starts there. */
  readonly endUs: number;
}

/**
 * How many arrivals a schedule has in all: the first k whose `arrivalUs(k)` is null (arrival times only grow, so an
 * exponential then binary search finds it in O(log n) calls). The open model numbers measured calls after the warmup's.
 */
export function countArrivals(schedule: ArrivalSchedule): number {
  if (schedule.arrivalUs(0) === null) return 0;
  let high = 1;
  while (schedule.arrivalUs(high) !== null) {
    if (high >= Number.MAX_SAFE_INTEGER / 2) return high;
    high *= 2;
  }
  let low = high / 2; // arrivalUs(low) is not null, arrivalUs(high) is
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (schedule.arrivalUs(middle) === null) high = middle;
    else low = middle;
  }
  return high;
}

/** Calls at a constant rate: the k-th at k / rate, bounded by a duration or a number of arrivals. */
export function constantArrivals(ratePerSec: number, bound: Bound): ArrivalSchedule {
  const intervalUs = 1_000_000 / ratePerSec;
  if (bound.kind === 'iterations') {
    return { arrivalUs: (k) => (k < bound.count ? k * intervalUs : null), endUs: bound.count * intervalUs };
  }
  return { arrivalUs: (k) => (k * intervalUs < bound.us ? k * intervalUs : null), endUs: bound.us };
}

interface StageSpan {
  readonly startUs: number;
  readonly durationUs: number;
  /** Rates at the stage's start and end, per µs. */
  readonly fromPerUs: number;
  readonly toPerUs: number;
  /** Arrivals due before the stage starts (the cumulative count, fractional). */
  readonly before: number;
}

/**
 * Calls at a rate ramped linearly through stages (k6's ramping-arrival-rate): the rate r(t) is piecewise linear, the
 * cumulative count N(t) its integral, and the k-th arrival is at the t where N(t) = k, solved exactly per stage.
 */
export function rampingArrivals(startRatePerSec: number, stages: readonly RampStage[]): ArrivalSchedule {
  const spans: StageSpan[] = [];
  let startUs = 0;
  let before = 0;
  let from = startRatePerSec / 1_000_000;
  for (const stage of stages) {
    const to = stage.target / 1_000_000;
    spans.push({ startUs, durationUs: stage.durationUs, fromPerUs: from, toPerUs: to, before });
    before += ((from + to) / 2) * stage.durationUs;
    startUs += stage.durationUs;
    from = to;
  }
  const total = before;
  const endUs = startUs;
  return {
    endUs,
    arrivalUs(k) {
      if (k >= total) return null;
      const span = spans.find((s) => k < s.before + ((s.fromPerUs + s.toPerUs) / 2) * s.durationUs);
      if (!span) return null;
      const at = span.startUs + offsetWithin(span, k - span.before);
      return at < endUs ? at : null;
    },
  };
}

/** Solves n = from·t + (to − from)·t² / (2D) for t in [0, D]: how far into the stage the n-th arrival falls. */
function offsetWithin(span: StageSpan, n: number): number {
  const a = (span.toPerUs - span.fromPerUs) / (2 * span.durationUs);
  const b = span.fromPerUs;
  if (n <= 0) return 0;
  if (Math.abs(a) < 1e-18) return n / b;
  const root = (-b + Math.sqrt(b * b + 4 * a * n)) / (2 * a);
  return Math.min(Math.max(root, 0), span.durationUs);
}
