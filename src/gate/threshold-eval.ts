/**
 * Thresholds judged at the end of a run: pure RunSummary + Plan → the same summary with every workload's threshold
 * results and the gate's counts filled in. A threshold over zero samples fails (reason `no-samples`), so a workload
 * that never ran, or an operation never drawn, cannot pass vacuously; a metric the workload cannot have (a hit ratio
 * without a cache layer, amplification without retry) fails as `not-applicable` rather than reading as 0.
 */
import { callsThroughRetry } from '../client/layers/retry.js';
import type { OperationSummary, RunSummary, WorkloadSummary } from '../summary/summary.js';
import type { OperationPlan } from '../operations/operation.js';
import type { Plan } from '../scenario/plan.js';
import type { WorkloadPlan } from '../workloads/plan.js';
import type { ThresholdResult, ThresholdSpec } from '../thresholds/types.js';
import { judge, measure } from '../thresholds/judge.js';
import type { CallFigures, Layers, Subject } from '../thresholds/subject.js';

/**
 * Every threshold evaluated at the end: the plan's (scenario) and `cli` (on every workload's total). With variants,
 * a workload's thresholds come from its variant's plan. `gate.passed` becomes false when any fails, and stays false
 * if it already was (an abort).
 */
export function applyThresholds(summary: RunSummary, plan: Plan, cli: readonly ThresholdSpec[]): RunSummary {
  const workloads = summary.workloads.map((workload) => ({
    ...workload,
    thresholds: evaluateWorkload(workload, plannedWorkload(plan, workload), cli),
  }));
  const results = workloads.flatMap((workload) => workload.thresholds);
  const failed = results.filter((result) => !result.passed).length;
  return {
    ...summary,
    workloads,
    gate: { ...summary.gate, passed: summary.gate.passed && failed === 0, thresholds: { passed: results.length - failed, failed } },
  };
}

function plannedWorkload(plan: Plan, workload: WorkloadSummary): WorkloadPlan | undefined {
  const variant = workload.variant === undefined ? undefined : plan.variants?.find((v) => v.name === workload.variant);
  return (variant?.workloads ?? plan.workloads).find((planned) => planned.name === workload.name);
}

function evaluateWorkload(workload: WorkloadSummary, planned: WorkloadPlan | undefined, cli: readonly ThresholdSpec[]): ThresholdResult[] {
  const layers: Layers = planned
    ? { cache: planned.client.cache !== null, retry: planned.client.retry !== null }
    : { cache: workload.operations.some((op) => op.client?.cache), retry: workload.operations.some((op) => op.client?.retry) };
  const where = { workload: workload.name, ...(workload.variant === undefined ? {} : { variant: workload.variant }) };
  const total = totalSubject(workload);
  const onTotal = [...(planned?.thresholds ?? []), ...cli].map((spec) =>
    judge(spec, measure(spec.metric, total, layers), { ...where, operation: null }),
  );
  const onOperations = (planned?.operations ?? []).flatMap((operation: OperationPlan) => {
    const subject = operationSubject(workload.operations.find((op) => op.name === operation.name));
    return (operation.thresholds ?? []).map((spec) => judge(spec, measure(spec.metric, subject, layers), { ...where, operation: operation.name }));
  });
  return [...onTotal, ...onOperations];
}

const NOTHING: CallFigures = {
  count: 0,
  errorRate: 0,
  throughputPerSec: 0,
  latencyUs: { p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, min: 0, max: 0, mean: 0, stdev: 0 },
};

function operationSubject(op: OperationSummary | undefined): Subject {
  if (!op) return { calls: NOTHING, dropped: 0, cache: null, retry: null };
  const { cache, retry } = op.client ?? {};
  return {
    calls: op,
    dropped: op.dropped ?? 0,
    cache: cache ? { hits: cache.hits, misses: cache.misses } : null,
    retry: retry ? { attempts: retry.attempts, calls: callsThroughRetry(retry) } : null,
  };
}

/** The total's client figures are the sums over the operations that have them. */
function totalSubject(workload: WorkloadSummary): Subject {
  const parts = workload.operations.map(operationSubject);
  const cached = parts.flatMap((part) => (part.cache ? [part.cache] : []));
  const retried = parts.flatMap((part) => (part.retry ? [part.retry] : []));
  const sum = <T>(items: readonly T[], pick: (item: T) => number): number => items.reduce((acc, item) => acc + pick(item), 0);
  return {
    calls: workload.total,
    dropped: workload.arrivals?.dropped ?? 0,
    cache: cached.length === 0 ? null : { hits: sum(cached, (c) => c.hits), misses: sum(cached, (c) => c.misses) },
    retry: retried.length === 0 ? null : { attempts: sum(retried, (r) => r.attempts), calls: sum(retried, (r) => r.calls) },
  };
}
