import type { ArrivalSchedule } from './arrivals.js';
import { globalArrival, isSharded, type Shard } from './shard.js';

/** One arrival a shard sends: its global index, its time from the schedule's origin, and its operation. */
export interface PlannedArrival {
  readonly k: number;
  readonly atUs: number;
  readonly operation: number;
}

/**
 * A shard's view of a global arrival schedule: its j-th arrival (0-based) is the global arrival k = j·N + i, at the
 * global time, so the shards' arrivals interleave exactly as on one machine (k6's striped execution segments). The
 * end is the global one: every shard's measured phase starts where the global warmup ends.
 */
export function shardSchedule(schedule: ArrivalSchedule, shard: Shard): ArrivalSchedule {
  if (!isSharded(shard)) return schedule;
  return { endUs: schedule.endUs, arrivalUs: (j) => schedule.arrivalUs(globalArrival(j, shard)) };
}

/**
 * Every arrival a shard sends, in order, with the operation `pick(k)` draws for it: the open loop's plan, listed
 * (the loop walks the same `shardSchedule` and picks by the same k). For tests and for reasoning about a split; the
 * loop itself never builds the list.
 */
export function shardArrivals(schedule: ArrivalSchedule, shard: Shard, pick: (k: number) => number): PlannedArrival[] {
  const local = shardSchedule(schedule, shard);
  const arrivals: PlannedArrival[] = [];
  for (let j = 0; ; j++) {
    const atUs = local.arrivalUs(j);
    if (atUs === null) return arrivals;
    const k = globalArrival(j, shard);
    arrivals.push({ k, atUs, operation: pick(k) });
  }
}

/** How many arrivals the schedule has, counting no further than `limit` (an idle shard's message needs no more). */
export function arrivalsUpTo(schedule: ArrivalSchedule, limit: number): number {
  let k = 0;
  while (k < limit && schedule.arrivalUs(k) !== null) k++;
  return k;
}
