import type { RampStage } from './bound.js';
import { globalUser, type Shard } from './shard.js';

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

/**
 * Ramping concurrency split over shards: a shard runs as many workers as it owns global users 1 … peak (user v
 * belongs to shard (v − 1) mod N: shareOfCount(peak)); its local worker w is global user v = w·N + i + 1 and runs
 * while v ≤ the global ramp's target, so at every instant the shards' running users sum to the target exactly.
 */
export function shardUserRuns(worker: number, shard: Shard, target: number): boolean {
  return globalUser(worker, shard) <= target;
}
