/**
 * What a shard's report says about its place in a sharded run (`--shard i/N`, `--workers N`): which share it ran, the
 * plan every shard must share, and how its start lined up with the synchronised start. `mcp-bench merge` reads it to
 * refuse shards of different plans or with missing or repeated indices.
 */
export interface ShardRunInfo {
  /** 0-based: this report ran share `index` of `count`. */
  readonly index: number;
  readonly count: number;
  /** The plan's fingerprint (scenario/plan-hash.ts): every shard of one run has the same. */
  readonly planHash: string;
  /** The synchronised start as planned (ISO time), or null when none was given. */
  readonly startAt: string | null;
  /**
   * How long after `startAt` this shard's first workload really started (wall clock, µs; negative: early), or null
   * without a start time. Latency is measured on each shard's own monotonic clock: skew shifts phase, never latency.
   */
  readonly startOffsetUs: number | null;
  /** True when this shard missed the start by more than `--max-late`: its load did not overlap the others' as planned. */
  readonly late: boolean;
}
