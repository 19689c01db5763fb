/**
 * What a shard's report says about its place in a sharded run (`--shard i/N`, `--start-at`), laid over the summary
 * once the run is done: the `shard` block (summary/shard-info.ts) and the warnings only a shard has. A run neither
 * sharded nor given a start time is left as it is.
 */
import { targetKind } from '../client/targets/registry.js';
import type { StartGate } from '../runner/start-gate.js';
import type { Plan } from '../scenario/plan.js';
import type { ShardRunInfo } from '../summary/shard-info.js';
import type { RunSummary } from '../summary/summary.js';

/** Thresholds are not judged on one shard's share (its throughput is 1/N of the run's): merge the shards first. */
export const THRESHOLDS_ON_MERGE = 'thresholds are judged on the merged result, not on one shard\'s share: run mcp-bench merge on every shard\'s report';

/** Whether the plan runs a share of a larger run (N > 1): its thresholds wait for the merge. */
export function isShardOfRun(plan: Plan): boolean {
  return (plan.shard?.count ?? 1) > 1;
}

/** The summary with its `shard` block and a shard's warnings, when the run was sharded or given a start time. */
export function withShardReport(summary: RunSummary, plan: Plan, gate: StartGate | null): RunSummary {
  const shard = plan.shard ?? { index: 0, count: 1 };
  if (shard.count === 1 && !plan.start) return summary;
  const late = gate?.late ?? false;
  const info: ShardRunInfo = {
    index: shard.index,
    count: shard.count,
    planHash: plan.planHash ?? '',
    startAt: plan.start ? new Date(plan.start.atEpochMs).toISOString() : null,
    startOffsetUs: gate?.startOffsetUs ?? null,
    late,
  };
  const warnings = [...(gate?.warnings ?? []), ...shardWarnings(plan), ...summary.warnings];
  return { ...summary, shard: info, partial: summary.partial || late, warnings: [...new Set(warnings)] };
}

/** What a share of a run (N > 1) must say: its thresholds wait for the merge; spawned servers each see 1/N of the load. */
function shardWarnings(plan: Plan): string[] {
  const count = plan.shard?.count ?? 1;
  if (count === 1) return [];
  const spawns = spawnedKinds(plan).length > 0
    ? [`each of the ${count} shards starts its own ${spawnedKinds(plan).join(' and ')} server: every server sees 1/${count} of the load, not one server all of it (point every shard at one http or sse server to load it with the whole run)`]
    : [];
  return [...(hasThresholds(plan) ? [THRESHOLDS_ON_MERGE] : []), ...spawns];
}

/** The kinds of target the plan's workloads spawn a server for (stdio, builtin), each named once. */
function spawnedKinds(plan: Plan): string[] {
  const workloads = [...plan.workloads, ...(plan.variants ?? []).flatMap((variant) => variant.workloads)];
  const kinds = workloads.flatMap((workload) => workload.endpoints.map((endpoint) => endpoint.kind));
  return [...new Set(kinds)].filter((kind) => targetKind(kind).spawnsServer).map((kind) => (kind === 'builtin' ? 'built-in' : kind));
}

function hasThresholds(plan: Plan): boolean {
  const workloads = [...plan.workloads, ...(plan.variants ?? []).flatMap((variant) => variant.workloads)];
  return workloads.some((workload) => (workload.thresholds?.length ?? 0) > 0 || workload.operations.some((op) => (op.thresholds?.length ?? 0) > 0));
}
