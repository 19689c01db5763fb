/**
 * Merging shard reports into the report of the whole run, exactly: histograms added (in a 64-bit accumulator),
 * counts summed, maxima from the exact shard maxima. Used by `mcp-bench merge` and by `run --workers` alike.
 * The checks are checks.ts's, a workload's merge merge-workload.ts's; here the run as a whole: its times, status,
 * warnings, the per-shard table (`shards`).
 *
 * Thresholds are not judged here (gate/ comes after shards/): each workload keeps the first shard's threshold results
 * as the list of what to judge, and gate/threshold-eval.ts `rejudgeThresholds` judges them again on the merged figures
 * (`mcp-bench merge` and `run --workers` do): a p99 every shard passes may fail on the whole.
 */
import { erroredCalls } from '../summary/checks.js';
import { worstHarnessOf } from '../summary/merge-runs.js';
import type { ShardRow, ShardRunInfo, ShardsSummary } from '../summary/shard-info.js';
import type { RunSummary } from '../summary/summary.js';
import { checkShards, type CheckedShards, type ShardReport } from './checks.js';
import { mergeWorkload } from './merge-workload.js';
import { sum } from './merge-operation.js';

export type { ShardReport } from './checks.js';

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
  const checked = checkShards(reports, options);
  if (!checked.ok) return { ok: false, problems: checked.problems };
  return { ok: true, summary: mergeChecked(checked.checked) };
}

function mergeChecked(checked: CheckedShards): RunSummary {
  const summaries = checked.shards.map((s) => s.summary);
  const first = summaries[0]!;
  const inexact = new Set<string>();
  const labels = summaries.map((s, i) => (s.shard ? `shard ${s.shard.index}/${s.shard.count}` : `shard ${i}`));
  const workloads = first.workloads.map((_, i) => mergeWorkload(summaries.map((s) => s.workloads[i]!), (figure) => inexact.add(figure), labels));
  const abortedBy = summaries.find((s) => s.gate.abortedBy !== null)?.gate.abortedBy ?? null;
  const { shard: _dropped, ...rest } = first;
  return {
    ...rest,
    startedAt: earliest(summaries.map((s) => s.startedAt)),
    finishedAt: latest(summaries.map((s) => s.finishedAt)),
    workloads,
    partial: checked.missing.length > 0 || summaries.some((s) => s.partial || s.shard?.late === true),
    interrupted: summaries.some((s) => s.interrupted),
    failure: summaries.find((s) => s.failure !== null)?.failure ?? null,
    warnings: warningsOf(checked, inexact),
    // Judged again by rejudgeThresholds; until then the counts say nothing was judged on the merged figures.
    gate: { passed: abortedBy === null, thresholds: { passed: 0, failed: 0 }, baseline: null, abortedBy },
    comparison: null,
    harness: { floor: summaries.find((s) => s.harness.floor !== null)?.harness.floor ?? null },
    shards: shardsBlock(checked),
  };
}

/** The partial merge's warnings, each shard's own (once, naming the shard), and the figures that could not be exact. */
function warningsOf(checked: CheckedShards, inexact: ReadonlySet<string>): string[] {
  const own = ownWarnings(checked);
  const comparisons = checked.shards.filter((s) => s.summary.comparison !== null);
  return [
    ...checked.warnings,
    ...new Set(own),
    ...(comparisons.length > 0 ? ['the shards\' variant comparisons are not merged (each covers one shard); compare merged reports with mcp-bench compare'] : []),
    ...(inexact.size > 0 ? [`not exact in this merge (a shard's report stores no histogram for it): ${[...inexact].join(', ')}`] : []),
  ];
}

/**
 * Each shard's own warnings, once: a text every merged shard gave is said once for all of them ("every shard: …"),
 * one only some gave names them ("shards 0/3, 2/3: …").
 */
function ownWarnings(checked: CheckedShards): string[] {
  const byText = new Map<string, string[]>();
  for (const s of checked.shards) {
    for (const text of new Set(s.summary.warnings)) byText.set(text, [...(byText.get(text) ?? []), `${s.info.index}/${checked.count}`]);
  }
  return [...byText].map(([text, names]) =>
    names.length === checked.shards.length && names.length > 1 ? `every shard: ${text}` : `shard${names.length > 1 ? 's' : ''} ${names.join(', ')}: ${text}`,
  );
}

function shardsBlock(checked: CheckedShards): ShardsSummary {
  const info: ShardRunInfo = checked.shards[0]!.info;
  return {
    count: checked.count,
    planHash: info.planHash,
    startAt: info.startAt,
    rows: checked.shards.map((s) => shardRow(s.file, s.info, s.summary)),
    missing: checked.missing,
  };
}

/** One shard's line in the per-shard table: its calls, errors, calls/s and worst p99 over its workloads. */
export function shardRow(file: string, info: ShardRunInfo, summary: RunSummary): ShardRow {
  const totals = summary.workloads.map((w) => w.total);
  const harness = worstHarnessOf(summary.workloads.flatMap((w) => (w.harness ? [w.harness] : [])));
  return {
    index: info.index,
    file,
    startedAt: summary.startedAt,
    startOffsetUs: info.startOffsetUs,
    late: info.late,
    calls: sum(totals, (t) => t.count),
    errors: sum(totals, (t) => erroredCalls(t)), // a failed check is no error, as in the merged total
    throughputPerSec: Math.round(sum(totals, (t) => t.throughputPerSec) * 100) / 100,
    p99Us: Math.max(0, ...totals.map((t) => t.latencyUs.p99)),
    ...(harness && { harness: { saturated: harness.saturated, cpuPercent: harness.cpuPercent } }),
  };
}

function earliest(times: readonly string[]): string {
  return times.reduce((a, b) => (Date.parse(b) < Date.parse(a) ? b : a));
}

function latest(times: readonly string[]): string {
  return times.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
}
