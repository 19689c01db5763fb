/**
 * Sharding: one run split over N processes or machines, each running its exact share of every workload, so that the
 * union of the shards is exactly the single-machine run (k6's striped execution segments). Pure arithmetic on
 * indices: a workload type's descriptor says how its plan splits (workloads/), using only these rules.
 *
 * - Arrivals of an open-model schedule: shard i takes the global arrivals k ≡ i (mod N) (0-based k), so the arrival
 *   times interleave exactly as on one machine.
 * - Counts (calls in flight, iterations, caps, warmup calls): ⌊C/N⌋ each, one more for the first C mod N shards.
 * - Virtual users of a ramp (1-based v): user v belongs to shard (v − 1) mod N.
 */
export interface Shard {
  /** 0-based: 0 … count − 1. */
  readonly index: number;
  /** How many shards split the run (1: not sharded). */
  readonly count: number;
}

/** The whole run: one shard of one. */
export const WHOLE_RUN: Shard = Object.freeze({ index: 0, count: 1 });

export function isSharded(shard: Shard): boolean {
  return shard.count > 1;
}

/** This shard's share of a count C: ⌊C/N⌋, plus one for the first C mod N shards. The shares sum to C exactly. */
export function shareOfCount(total: number, shard: Shard): number {
  const base = Math.floor(total / shard.count);
  return base + (shard.index < total % shard.count ? 1 : 0);
}

/** Whether global arrival k (0-based) of an open-model schedule is this shard's. */
export function ownsArrival(k: number, shard: Shard): boolean {
  return k % shard.count === shard.index;
}

/** The global index of this shard's j-th arrival (0-based j): k = j·N + i. */
export function globalArrival(j: number, shard: Shard): number {
  return j * shard.count + shard.index;
}

/** The shard a ramp's virtual user v (1-based) belongs to. */
export function shardOfUser(user: number, count: number): number {
  return (user - 1) % count;
}

/** The global (1-based) number of this shard's w-th virtual user (0-based w): v = w·N + i + 1. */
export function globalUser(localIndex: number, shard: Shard): number {
  return localIndex * shard.count + shard.index + 1;
}

/** `i/N` as written on the command line (`--shard 2/3`, MCP_BENCH_SHARD): the shard, or why it is not one. */
export function parseShard(text: string): Shard | { readonly problem: string } {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!match) return { problem: 'expected i/N, e.g. 0/3 (shard i of N, counting from 0)' };
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1) return { problem: 'N must be at least 1' };
  if (index >= count) return { problem: `i must be below N (0 … ${count - 1})` };
  return { index, count };
}
