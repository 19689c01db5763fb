/**
 * The report of a `run --workers N`: every child's shard report read back and merged exactly (shards/merge.ts, as
 * `mcp-bench merge` does), then marked with what only the parent knows — a worker that ended without a report (partial,
 * with a warning naming it and how it ended), an abortOnFail threshold that failed on the merged window (the run is
 * aborted, not interrupted: exit 1), the parent's own interrupt (130) — and judged as a whole: every threshold and the
 * baseline on the merged figures (pipeline/gate.ts), never on one shard's.
 */
import { loadReport } from '../report/load-report.js';
import { mergeShards, type MergeOptions, type MergeOutcome, type ShardReport } from '../shards/merge.js';
import { applyGate, type GateBaseline } from '../pipeline/gate.js';
import type { Plan } from '../scenario/plan.js';
import type { RunSummary, WorkloadSummary } from '../summary/summary.js';
import type { AbortedBy } from '../thresholds/types.js';
import { describeExit, type WorkerExit } from './parent.js';

export interface WorkerReportsInput {
  /** How each child ended, in order of index. */
  readonly exits: readonly WorkerExit[];
  /** Where child `index` wrote its JSON report. */
  readonly reportPath: (index: number) => string;
  readonly plan: Plan;
  readonly baseline: GateBaseline | null;
  readonly abortedBy: AbortedBy | null;
  /** The parent was interrupted (SIGINT/SIGTERM). */
  readonly interrupted: boolean;
}

export type MergeShardReports = (reports: readonly ShardReport[], options: MergeOptions) => MergeOutcome;

export type MergedRun =
  /** `missing`: one line per worker that ended without its report (also among the summary's warnings). */
  | { readonly ok: true; readonly summary: RunSummary; readonly missing: readonly string[] }
  | { readonly ok: false; readonly problems: readonly string[] };

export async function mergeWorkerReports(input: WorkerReportsInput, merge: MergeShardReports = mergeShards): Promise<MergedRun> {
  const reports: ShardReport[] = [];
  const missing: string[] = [];
  for (const exit of input.exits) {
    const loaded = await loadReport(input.reportPath(exit.index));
    if (loaded.ok) reports.push({ file: `worker ${exit.index}`, summary: loaded.summary });
    else missing.push(`worker ${exit.index} ${describeExit(exit)} without writing its report: its share of the run is missing from every figure`);
  }
  if (reports.length === 0) return { ok: false, problems: missing.length > 0 ? missing : ['no worker ran'] };
  const allowPartial = missing.length > 0 || input.interrupted || input.abortedBy !== null;
  const merged = merge(reports, { expectShards: input.exits.length, allowPartial });
  if (!merged.ok) return { ok: false, problems: merged.problems };
  const marked = markRun(merged.summary, missing, input.abortedBy, input.interrupted);
  return { ok: true, summary: applyGate(marked, input.plan, input.baseline), missing };
}

/**
 * What the parent knows about the run, laid over the merged shards. The gate starts afresh: thresholds and the
 * baseline are judged on the merged figures next (a shard's own verdict never counts), an abort fails it now.
 */
export function markRun(summary: RunSummary, missing: readonly string[], parentAbort: AbortedBy | null, interrupted: boolean): RunSummary {
  // The parent's verdict on the merged window; a shard's own abort (if a shard still watches) is kept, not lost.
  const abortedBy = parentAbort ?? summary.gate.abortedBy;
  const workloads = abortedBy === null ? summary.workloads : summary.workloads.map((workload) => asAborted(workload, abortedBy));
  return {
    ...summary,
    workloads,
    partial: summary.partial || missing.length > 0 || interrupted || abortedBy !== null,
    // Children stopped by an abort end as interrupted; the run was not, unless the parent itself was.
    interrupted,
    warnings: [...summary.warnings, ...missing],
    gate: { passed: abortedBy === null, thresholds: { passed: 0, failed: 0 }, baseline: null, abortedBy },
  };
}

function asAborted(workload: WorkloadSummary, abortedBy: AbortedBy): WorkloadSummary {
  const named = workload.name === abortedBy.workload && (abortedBy.variant === undefined || workload.variant === abortedBy.variant);
  return named && workload.status === 'interrupted' ? { ...workload, status: 'aborted' } : workload;
}
