import type { ConnectionTimings } from '../client/connect.js';
import type { ArrivalCounts } from '../workloads/executor.js';
import type { RunResult, WorkloadRun } from '../runner/run.js';
import { targetKind } from '../client/targets/registry.js';
import type { WorkloadPlan } from '../workloads/plan.js';
import { workloadType } from '../workloads/registry.js';
import { summarizeClientOperation } from './client-summary.js';
import { summarizeColdStart } from './cold-start.js';
import { summarizeSessionChurn } from './session-churn.js';
import { summarizeSubscriptions } from './subscriptions.js';
import { summarizeProgress } from './progress.js';
import { bytesOf, summarizePayloadBytes } from './payload-bytes.js';
import { encodeHistogram, latencyStats, mergeHistograms, round2, type Histogram } from '../stats/histogram.js';
import type { OperationRecord } from '../metrics/recorder.js';
import type { OperationPlan } from '../operations/operation.js';
import { errorRateOf, sumChecks, summarizeChecks } from './checks.js';
import {
  SCHEMA_VERSION,
  type ArrivalSummary,
  type CheckSummary,
  type Environment,
  type OperationSummary,
  type RunSummary,
  type TenantSummary,
  type WorkloadSummary,
} from './summary.js';

/** Builds the report data from what the run recorded. Pure: the environment and version are passed in. */
export function summarize(result: RunResult, environment: Environment, version: string): RunSummary {
  const workloads = result.workloads.map(summarizeWorkload);
  const failure = result.workloads.find((w) => w.failure)?.failure ?? null;
  const warnings = [...new Set(result.workloads.flatMap((w) => w.warnings))];
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'mcp-bench', version },
    scenario: {
      name: result.plan.name,
      file: result.plan.sourceFile,
      definition: result.plan.redacted,
      resolved: result.plan.resolvedRedacted,
    },
    target: { kind: result.plan.target.kind, transport: targetKind(result.plan.target.kind).transport(result.plan.target), label: result.plan.targetLabel },
    startedAt: result.startedAt.toISOString(),
    finishedAt: result.finishedAt.toISOString(),
    environment,
    workloads,
    // An abort (abortOnFail) leaves its workload `aborted` and the rest not run: partial, but not interrupted.
    partial: result.interrupted || workloads.some((w) => w.status !== 'completed'),
    interrupted: result.interrupted,
    failure,
    warnings,
    // Thresholds and the baseline are judged later (gate/threshold-eval.ts, gate/baseline.ts); an abort fails the gate now.
    gate: { passed: !result.abortedBy, thresholds: { passed: 0, failed: 0 }, baseline: null, abortedBy: result.abortedBy ?? null },
    comparison: null,
    harness: { floor: null },
  };
}

function summarizeWorkload(run: WorkloadRun): WorkloadSummary {
  const { workload, execution } = run;
  const spanUs = execution?.measureStartUs != null && execution.measureEndUs != null
    ? Math.max(0, execution.measureEndUs - execution.measureStartUs)
    : 0;
  const records = run.recorder?.operations ?? [];
  const window = execution?.window;
  // Throughput: completions within the nominal window when there is one, else measured calls over their span.
  const rate: Rate = window
    ? { durationUs: window.durationUs, completed: (i) => window.completions[i] ?? 0 }
    : { durationUs: spanUs, completed: (i) => records[i]?.count ?? 0 };
  const planned = workload.operations;
  // A journey's steps are not mix entries: the loop's window counts their journey, so a step's throughput is its
  // measured calls over the measured time.
  const completed = (i: number): number => (planned[i]?.step ? (records[i]?.count ?? 0) : rate.completed(i));
  const operations = records.map((record, i) => summarizeOperation(record, completed(i), rate.durationUs, planned, i));
  // The total counts mix entries: a journey once, end to end (its steps' rows are not added again).
  const entries = records.filter((_r, i) => !planned[i]?.step);
  const totalCompleted = records.reduce((sum, _r, i) => sum + (planned[i]?.step ? 0 : rate.completed(i)), 0);
  const timeline = run.recorder?.timeline?.finish(execution?.measureEndUs ?? 0);
  // From the sessions as the report keeps them (whole µs), so a merge of reports (shards) that summarizes their
  // sessions again finds exactly these figures for one shard, and over several exactly what one run of them would.
  const sessions = run.sessions.map(roundTimings);
  const coldStart = summarizeColdStart(sessions);
  return {
    name: workload.name,
    type: workload.type,
    // autocannon keeps its connections (× pipelining) busy, whatever maxInFlight says.
    concurrency: run.engine?.stats['connections'] ?? workloadType(workload.type).concurrency(workload),
    status: run.status,
    durationUs: Math.round(rate.durationUs),
    connection: run.connection ? { ...roundTimings(run.connection.timings), server: run.connection.server } : null,
    sessions,
    client: run.client ? { layers: run.client.layers, ...(run.client.perKey && { perKey: run.client.perKey }) } : null,
    engine: workload.engine.kind,
    ...(run.engine && { engineStats: run.engine.stats, engineNotes: run.engine.notes }),
    operations,
    // Bytes over every row that sent (a journey's steps; its own row counts none).
    total: { ...summarizeTotal(entries, totalCompleted, rate.durationUs), ...bytesOf(operations) },
    ...(run.recorder && run.recorder.tenants.length > 0 && { tenants: summarizeTenants(workload, run.recorder.tenants, rate.durationUs) }),
    ...(execution?.arrivals && run.recorder?.sendLag && { arrivals: summarizeArrivals(workload, execution.arrivals, run.recorder.sendLag) }),
    ...(execution?.abandonedCalls && { abandonedCalls: execution.abandonedCalls }),
    setupCalls: run.setupCalls,
    failure: run.failure,
    ...(timeline && timeline.points.length > 0 && { timeline }),
    thresholds: [],
    ...(run.harness && { harness: run.harness }),
    ...(coldStart && { coldStart }),
    ...(run.serverResources && { serverResources: run.serverResources }),
    ...(run.badOutput && { badOutput: run.badOutput }),
    ...(run.serverLimits && { serverLimits: run.serverLimits }),
    ...(run.streams && { streams: run.streams }),
    ...(run.auth && { auth: run.auth }),
    ...(execution?.sessionChurn && { sessionChurn: summarizeSessionChurn(execution.sessionChurn, spanUs) }),
    ...(run.data && run.data.length > 0 && { data: run.data }),
    ...(run.subscriptions && { subscriptions: summarizeSubscriptions(run.subscriptions) }),
    ...(run.notifications && { notifications: run.notifications }),
    ...(run.serverRequests && { serverRequests: run.serverRequests }),
  };
}

interface Rate {
  readonly durationUs: number;
  readonly completed: (operationIndex: number) => number;
}

function summarizeOperation(record: OperationRecord, completed: number, durationUs: number, planned: readonly OperationPlan[], index: number): OperationSummary {
  const counts = { count: record.count, ok: record.ok, completed, warmupCalls: record.warmupCalls };
  const checks = summarizeChecks(record.checks);
  const { name, ...summary } = operationSummary(record.name, record.histogram, counts, Object.fromEntries(record.errors), durationUs, checks);
  const { signature, journey, step } = planned[index] ?? {};
  return {
    name,
    ...(signature !== undefined && { signature }),
    ...summary,
    ...(journey && { journey: { steps: journey.steps.map((i) => planned[i]?.name ?? '') } }),
    ...(step && { step: { journey: planned[step.journey]?.name ?? '' } }),
    ...(record.client && { client: summarizeClientOperation(record.client, record.count, record.ok) }),
    ...(record.service && { serviceTimeUs: latencyStats(record.service), serviceTimeHistogram: encodeHistogram(record.service), dropped: record.dropped }),
    ...(record.progress && { progress: summarizeProgress(record.progress) }),
    ...(record.bytes && { bytes: summarizePayloadBytes(record.bytes) }),
  };
}

/** Each tenant's rows: its measured calls over the workload's measured window. */
function summarizeTenants(workload: WorkloadPlan, tenants: readonly (readonly OperationRecord[])[], durationUs: number): TenantSummary[] {
  return tenants.map((records, index) => {
    const plan = workload.tenants?.[index];
    // As the workload's total: mix entries only (a journey once, its steps' rows not added again).
    const entries = records.filter((_r, i) => !workload.operations[i]?.step);
    const completed = entries.reduce((sum, r) => sum + r.count, 0);
    const operations = records.map((record, i) => summarizeOperation(record, record.count, durationUs, workload.operations, i));
    return {
      name: plan?.name ?? `tenant ${index + 1}`,
      weight: plan?.weight ?? 1,
      operations,
      total: { ...summarizeTotal(entries, completed, durationUs), ...bytesOf(operations) },
    };
  });
}

function summarizeArrivals(workload: WorkloadPlan, counts: ArrivalCounts, sendLag: Histogram): ArrivalSummary {
  const perSec = (n: number): number => (counts.spanUs > 0 ? round2((n * 1_000_000) / counts.spanUs) : 0);
  return {
    // A fixed rate is the target as configured; a ramp's is what the schedule asked for over the span.
    targetRatePerSec: workloadType(workload.type).nominalRatePerSec?.(workload) ?? perSec(counts.scheduled),
    achievedRatePerSec: perSec(counts.sent),
    scheduled: counts.scheduled,
    sent: counts.sent,
    dropped: counts.dropped,
    sendLagUs: latencyStats(sendLag),
    sendLagHistogram: encodeHistogram(sendLag),
  };
}

function summarizeTotal(records: readonly OperationRecord[], completed: number, durationUs: number): OperationSummary {
  const errors: Record<string, number> = {};
  for (const record of records) {
    for (const [key, n] of record.errors) errors[key] = (errors[key] ?? 0) + n;
  }
  const sum = (pick: (r: OperationRecord) => number): number => records.reduce((acc, r) => acc + pick(r), 0);
  const histogram = mergeHistograms(records.map((r) => r.histogram));
  const counts = { count: sum((r) => r.count), ok: sum((r) => r.ok), completed, warmupCalls: sum((r) => r.warmupCalls) };
  const checks = sumChecks(records.map((r) => ({ checks: summarizeChecks(r.checks) })));
  return operationSummary('all', histogram, counts, errors, durationUs, checks);
}

interface Counts {
  readonly count: number;
  readonly ok: number;
  /** Calls counted for throughput (completions in the window, or the measured count). */
  readonly completed: number;
  readonly warmupCalls: number;
}

function operationSummary(
  name: string,
  histogram: Histogram,
  counts: Counts,
  errors: Record<string, number>,
  durationUs: number,
  checks: CheckSummary | undefined,
): OperationSummary {
  const { count, ok, completed, warmupCalls } = counts;
  return {
    name,
    count,
    ok,
    errors,
    errorRate: errorRateOf({ count, ok, checks }),
    ...(checks && { checks }),
    throughputPerSec: durationUs > 0 ? round2((completed * 1_000_000) / durationUs) : 0,
    latencyUs: latencyStats(histogram),
    histogram: encodeHistogram(histogram),
    warmupCalls,
  };
}

function roundTimings(timings: ConnectionTimings): ConnectionTimings {
  return {
    serverStartUs: timings.serverStartUs === null ? null : Math.round(timings.serverStartUs),
    connectUs: Math.round(timings.connectUs),
    initializeUs: Math.round(timings.initializeUs),
  };
}
