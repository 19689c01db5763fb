import type { RampStage } from './bound.js';

/**
 * How many calls a ramping closed loop keeps in flight at `elapsedUs`: linear between stage targets, rounded to the
 * nearest whole call; null once the stages are over. Pure, table-tested.
 */
export function concurrencyAt(startConcurrency: number, stages: readonly RampStage[], elapsedUs: number): number | null {
  let from = startConcurrency;
  let startUs = 0;
  for (const stage of stages) {
    if (elapsedUs < startUs + stage.durationUs) {
      const progress = (elapsedUs - startUs) / stage.durationUs;
      return Math.round(from + (stage.target - from) * progress);
    }
    startUs += stage.durationUs;
    from = stage.target;
  }
  return null;
}

/** The most calls the stages ever ask for: how many workers to start. */
export function peakConcurrency(startConcurrency: number, stages: readonly RampStage[]): number {
  return Math.max(startConcurrency, ...stages.map((stage) => stage.target));
}
