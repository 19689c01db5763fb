/**
 * Merging shard reports into the report of the whole run, exactly: histograms added (in a 64-bit accumulator),
 * counts summed, maxima from the exact shard maxima. Used by `mcp-bench merge` and by `run --workers` alike.
 * (Contract fixed here; the body is being built: issue 12.)
 */
import type { RunSummary } from '../summary/summary.js';

/** One shard's report as read, and how it was named (for messages and the per-shard table). */
export interface ShardReport {
  readonly file: string;
  readonly summary: RunSummary;
}

export interface MergeOptions {
  /** How many shards the run had; absent: taken from the reports' own `shard.count`. */
  readonly expectShards?: number;
  /** Merge what is there when shards are missing or late (the result is marked partial and says which). */
  readonly allowPartial?: boolean;
}

export type MergeOutcome =
  | { readonly ok: true; readonly summary: RunSummary }
  /** Why the reports cannot be merged: each problem names the file(s) and what is wrong, with a hint. */
  | { readonly ok: false; readonly problems: readonly string[] };

export function mergeShards(reports: readonly ShardReport[], options: MergeOptions = {}): MergeOutcome {
  void options;
  return { ok: false, problems: [`merging ${reports.length} shard reports is not built yet`] };
}
