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

/** One shard of a merged run, as the per-shard table shows it. */
export interface ShardRow {
  readonly index: number;
  /** The report file it was read from (as named on the command line), or the worker that wrote it. */
  readonly file: string;
  readonly startedAt: string;
  readonly startOffsetUs: number | null;
  readonly late: boolean;
  /** Measured calls and failed calls over every workload of the shard. */
  readonly calls: number;
  readonly errors: number;
  /** The sum of its workloads' throughput (calls/s). */
  readonly throughputPerSec: number;
  /** The worst p99 of its workloads' totals, µs. */
  readonly p99Us: number;
  /** mcp-bench's own figures on that shard, when sampled: the most loaded workload's. */
  readonly harness?: { readonly saturated: boolean; readonly cpuPercent: number };
}

/** What a merged report says about the shards it was merged from (absent on a report that is no merge). */
export interface ShardsSummary {
  /** How many shards the run had (the reports' `shard.count`, or `--expect-shards`). */
  readonly count: number;
  readonly planHash: string;
  readonly startAt: string | null;
  /** The shards merged, by index. */
  readonly rows: readonly ShardRow[];
  /** Indices of shards with no report (only with --allow-partial; the merged report is then partial). */
  readonly missing: readonly number[];
}
