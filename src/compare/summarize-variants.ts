/**
 * The report of a `variants:` run. Each variant's workloads are merged over their rounds (summary/merge-runs.ts) and
 * summarized by summarize() like any run, each marked with its variant; the comparison is built from the merged
 * figures and from every round's own figures (compare/from-rounds.ts). Pure: the environment and version are passed in.
 */
import { comparisonFromRounds, type MergedFigures } from './from-rounds.js';
import { protocolVersionNote } from './protocol-note.js';
import { mergeWorkloadRuns, type MergedWorkloadRun } from '../summary/merge-runs.js';
import type { RoundsResult } from '../runner/rounds.js';
import type { WorkloadRun } from '../runner/run.js';
import type { RoundFigures } from '../summary/comparison.js';
import { summarize } from '../summary/summarize.js';
import type { Environment, OperationSummary, RunSummary, WorkloadSummary } from '../summary/summary.js';

export function summarizeVariants(result: RoundsResult, environment: Environment, version: string): RunSummary {
  const merged = result.variants.flatMap((variant) => {
    const rounds = result.runs.filter((run) => run.variant === variant.name);
    return variant.workloads.map((workload, index) => ({
      variant: variant.name,
      merged: mergeWorkloadRuns(workload, rounds.flatMap((round): WorkloadRun[] => {
        const run = round.result.workloads[index];
        return run ? [run] : [];
      })),
    }));
  });
  const { plan, startedAt, finishedAt, interrupted } = result;
  const summary = summarize({ plan, startedAt, finishedAt, interrupted, workloads: merged.map((m) => m.merged.run) }, environment, version);
  const workloads = summary.workloads.map((workload, index) => withVariant(workload, merged[index]!.variant, merged[index]!.merged));
  const roundFigures = result.runs.flatMap(({ round, variant, result: run }) =>
    summarize(run, environment, version).workloads.flatMap((workload) => figuresOf(workload, variant).map((figures) => ({ round, ...figures }))),
  );
  const comparison = comparisonFromRounds({
    variants: result.variants.map((variant) => variant.name),
    rounds: result.rounds,
    merged: workloads.flatMap((workload) => figuresOf(workload, workload.variant ?? '')),
    roundFigures,
  });
  const protocols = protocolVersionNote(comparison.variants, workloads);
  const gate = result.abortedBy ? { ...summary.gate, passed: false, abortedBy: result.abortedBy } : summary.gate;
  return { ...summary, workloads, gate, comparison: protocols ? { ...comparison, notes: [...comparison.notes, protocols] } : comparison };
}

function withVariant(workload: WorkloadSummary, variant: string, merged: MergedWorkloadRun): WorkloadSummary {
  const timeline = merged.timeline;
  return { ...workload, variant, ...(timeline && timeline.points.length > 0 && { timeline }) };
}

/** Every operation's figures and the workload's total (`all`). */
function figuresOf(workload: WorkloadSummary, variant: string): MergedFigures[] {
  return [...workload.operations, workload.total].map((operation) => figures(variant, workload.name, operation));
}

function figures(variant: string, workload: string, operation: OperationSummary): Omit<RoundFigures, 'round'> {
  return {
    variant,
    workload,
    operation: operation.name,
    count: operation.count,
    p50Us: operation.latencyUs.p50,
    p99Us: operation.latencyUs.p99,
    throughputPerSec: operation.throughputPerSec,
    errorRate: operation.errorRate,
  };
}
