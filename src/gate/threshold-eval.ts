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
import type { CallFigures, Layers, SessionFigures, Subject } from '../thresholds/subject.js';

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
  return withCounts(summary, workloads);
}

function withCounts(summary: RunSummary, workloads: readonly WorkloadSummary[]): RunSummary {
  const results = workloads.flatMap((workload) => workload.thresholds);
  const failed = results.filter((result) => !result.passed).length;
  return {
    ...summary,
    workloads,
    gate: { ...summary.gate, passed: summary.gate.passed && failed === 0, thresholds: { passed: results.length - failed, failed } },
  };
}

/**
 * A threshold judged without a Plan (a merge of shard reports): on one workload's total or operation, or (workload
 * null) on every workload's total, as `--threshold` is.
 */
export interface PlacedThreshold {
  readonly spec: ThresholdSpec;
  /** null: every workload's total. */
  readonly workload: string | null;
  readonly variant?: string;
  /** null: the workload's total. */
  readonly operation: string | null;
  /** On this tenant's calls alone; absent: every tenant's. */
  readonly tenant?: string;
}

/**
 * The thresholds a summary was judged on, rebuilt from its results (text, metric, comparator, limit, source, where),
 * so another summary of the same plan (the merge of its shards) can be judged on the same ones.
 */
export function thresholdsOfResults(summary: RunSummary): PlacedThreshold[] {
  return summary.workloads.flatMap((workload) =>
    workload.thresholds.map((result) => ({
      spec: { text: result.threshold, metric: result.metric, comparator: result.comparator, limit: result.limit, abortOnFail: false, abortDelayUs: 0, source: result.source },
      workload: result.workload,
      ...(result.variant === undefined ? {} : { variant: result.variant }),
      operation: result.operation,
      ...(result.tenant === undefined ? {} : { tenant: result.tenant }),
    })),
  );
}

/**
 * A merge of shard reports judged on its own figures (shards/merge.ts keeps the first shard's threshold results as
 * the list): those thresholds again, plus `cli` (`merge --threshold`) on every workload's total.
 */
export function rejudgeThresholds(summary: RunSummary, cli: readonly ThresholdSpec[]): RunSummary {
  return applyPlacedThresholds(summary, [...thresholdsOfResults(summary), ...cli.map((spec) => ({ spec, workload: null, operation: null }))]);
}

/**
 * Every workload's thresholds judged again, on the summary's own figures, from `placed` (its previous results are
 * replaced); the same threshold placed twice is judged once. `gate.passed` as applyThresholds sets it.
 */
export function applyPlacedThresholds(summary: RunSummary, placed: readonly PlacedThreshold[]): RunSummary {
  const workloads = summary.workloads.map((workload) => {
    const here = placed.filter((p) => p.workload === null || (p.workload === workload.name && p.variant === workload.variant));
    const seen = new Set<string>();
    const unique = here.filter((p) => {
      const key = JSON.stringify([p.spec.text, p.operation, p.tenant ?? null]);
      return seen.has(key) ? false : (seen.add(key), true);
    });
    return { ...workload, thresholds: judgeOn(workload, undefined, unique.map((p) => ({ spec: p.spec, operation: p.operation, ...(p.tenant !== undefined && { tenant: p.tenant }) }))) };
  });
  return withCounts(summary, workloads);
}

function plannedWorkload(plan: Plan, workload: WorkloadSummary): WorkloadPlan | undefined {
  const variant = workload.variant === undefined ? undefined : plan.variants?.find((v) => v.name === workload.variant);
  return (variant?.workloads ?? plan.workloads).find((planned) => planned.name === workload.name);
}

function evaluateWorkload(workload: WorkloadSummary, planned: WorkloadPlan | undefined, cli: readonly ThresholdSpec[]): ThresholdResult[] {
  const onTotal = [...(planned?.thresholds ?? []), ...cli].map((spec) => ({ spec, operation: null }));
  const onOperations = (planned?.operations ?? []).flatMap((operation: OperationPlan) =>
    (operation.thresholds ?? []).map((spec) => ({ spec, operation: operation.name })),
  );
  const onTenants = (planned?.tenants ?? []).flatMap((tenant) => (tenant.thresholds ?? []).map((spec) => ({ spec, operation: null, tenant: tenant.name })));
  return judgeOn(workload, planned, [...onTotal, ...onOperations, ...onTenants]);
}

/** A spec's place: the workload's total (operation null) or one operation, of every tenant's calls or one tenant's. */
interface Placed {
  readonly spec: ThresholdSpec;
  readonly operation: string | null;
  readonly tenant?: string;
}

/** Each spec judged on the workload's total (operation null) or on the named operation (no calls: it fails). */
function judgeOn(workload: WorkloadSummary, planned: WorkloadPlan | undefined, specs: readonly Placed[]): ThresholdResult[] {
  const layers: Layers = planned
    ? { cache: planned.client.cache !== null, retry: planned.client.retry !== null }
    : { cache: workload.operations.some((op) => op.client?.cache), retry: workload.operations.some((op) => op.client?.retry) };
  const where = { workload: workload.name, ...(workload.variant === undefined ? {} : { variant: workload.variant }) };
  const total = { ...totalSubject(workload), sessions: sessionFigures(workload) };
  return specs.map(({ spec, operation, tenant }) => {
    const subject = tenant === undefined ? scopeSubject(workload, total, operation) : tenantSubject(workload, tenant, operation);
    const result = judge(spec, measure(spec.metric, subject, layers), { ...where, operation });
    return tenant === undefined ? result : { ...result, tenant };
  });
}

function scopeSubject(workload: Pick<WorkloadSummary, 'operations'>, total: Subject, operation: string | null): Subject {
  return operation === null ? total : operationSubject(workload.operations.find((op) => op.name === operation));
}

/** A tenant's calls (a tenant the summary lacks measured nothing: the threshold fails with no samples). */
function tenantSubject(workload: WorkloadSummary, name: string, operation: string | null): Subject {
  const tenant = workload.tenants?.find((t) => t.name === name);
  if (!tenant) return operationSubject(undefined);
  return scopeSubject(tenant, totalSubject({ operations: tenant.operations, total: tenant.total }), operation);
}

const NOTHING: CallFigures = {
  count: 0,
  errorRate: 0,
  throughputPerSec: 0,
  latencyUs: { p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, min: 0, max: 0, mean: 0, stdev: 0 },
};

function operationSubject(op: OperationSummary | undefined): Subject {
  if (!op) return { calls: NOTHING, dropped: 0, cache: null, retry: null, checks: null, sessions: null };
  const { cache, retry } = op.client ?? {};
  return {
    calls: op,
    dropped: op.dropped ?? 0,
    cache: cache ? { hits: cache.hits, misses: cache.misses } : null,
    retry: retry ? { attempts: retry.attempts, calls: callsThroughRetry(retry) } : null,
    checks: op.checks ? { passed: op.checks.passed, failed: op.checks.failed } : null,
    sessions: null,
  };
}

/**
 * The total's client figures are the sums over the operations that have them. Its sessions are none of its own (a
 * tenant's total); judgeOn gives the workload's total the workload's (sessionFigures).
 */
function totalSubject(workload: Pick<WorkloadSummary, 'operations' | 'total' | 'arrivals'>): Subject {
  const parts = workload.operations.map(operationSubject);
  const cached = parts.flatMap((part) => (part.cache ? [part.cache] : []));
  const retried = parts.flatMap((part) => (part.retry ? [part.retry] : []));
  const sum = <T>(items: readonly T[], pick: (item: T) => number): number => items.reduce((acc, item) => acc + pick(item), 0);
  return {
    calls: workload.total,
    dropped: workload.arrivals?.dropped ?? 0,
    cache: cached.length === 0 ? null : { hits: sum(cached, (c) => c.hits), misses: sum(cached, (c) => c.misses) },
    retry: retried.length === 0 ? null : { attempts: sum(retried, (r) => r.attempts), calls: sum(retried, (r) => r.calls) },
    checks: workload.total.checks ? { passed: workload.total.checks.passed, failed: workload.total.checks.failed } : null,
    sessions: null,
  };
}

/** The workload's sessions and their cold start (summary/cold-start.ts); none opened: a count of 0, no samples. */
function sessionFigures(workload: Pick<WorkloadSummary, 'coldStart' | 'client'>): SessionFigures {
  const coldStart = workload.coldStart;
  const poolUtilization = poolUtilizationOf(workload);
  if (!coldStart) return { count: 0, coldStartP99Us: 0, coldStartMaxUs: 0, poolUtilization };
  return { count: coldStart.sessions, coldStartP99Us: coldStart.totalUs.p99, coldStartMaxUs: coldStart.totalUs.max, poolUtilization };
}

/** The largest `utilization` of the workload's pools (`pool`, `pool1`, …: one per endpoint); null when none measured it. */
function poolUtilizationOf(workload: Pick<WorkloadSummary, 'client'>): number | null {
  const values = Object.entries(workload.client?.layers ?? {})
    .filter(([name]) => /^pool\d*$/.test(name))
    .map(([, counters]) => counters['utilization'])
    .filter((value): value is number => typeof value === 'number');
  return values.length === 0 ? null : Math.max(...values);
}
