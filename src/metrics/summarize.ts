import type { ConnectionTimings } from '../client/connect.js';
import type { RunResult, WorkloadRun } from '../runner/run.js';
import type { TargetPlan } from '../scenario/plan.js';
import { summarizeClientOperation } from './client-summary.js';
import { encodeHistogram, latencyStats, mergeHistograms, type Histogram } from './histogram.js';
import type { OperationRecord } from './recorder.js';
import {
  SCHEMA_VERSION,
  type Environment,
  type OperationSummary,
  type RunSummary,
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
    target: { kind: result.plan.target.kind, transport: transportOf(result.plan.target), label: result.plan.targetLabel },
    startedAt: result.startedAt.toISOString(),
    finishedAt: result.finishedAt.toISOString(),
    environment,
    workloads,
    partial: result.interrupted || workloads.some((w) => w.status !== 'completed'),
    interrupted: result.interrupted,
    failure,
    warnings,
  };
}

function summarizeWorkload(run: WorkloadRun): WorkloadSummary {
  const { workload, execution } = run;
  const durationUs = execution?.measureStartUs != null && execution.measureEndUs != null
    ? Math.max(0, execution.measureEndUs - execution.measureStartUs)
    : 0;
  const records = run.recorder?.operations ?? [];
  const operations = records.map((record) => summarizeOperation(record, durationUs));
  return {
    name: workload.name,
    type: workload.type,
    concurrency: workload.type === 'concurrent' ? workload.concurrency : 1,
    status: run.status,
    durationUs: Math.round(durationUs),
    connection: run.connection ? { ...roundTimings(run.connection.timings), server: run.connection.server } : null,
    sessions: run.sessions.map(roundTimings),
    client: run.client ? { layers: run.client.layers } : null,
    operations,
    total: summarizeTotal(records, durationUs),
    setupCalls: run.setupCalls,
    failure: run.failure,
  };
}

function summarizeOperation(record: OperationRecord, durationUs: number): OperationSummary {
  const summary = operationSummary(record.name, record.histogram, record.count, record.ok, Object.fromEntries(record.errors), record.warmupCalls, durationUs);
  return record.client ? { ...summary, client: summarizeClientOperation(record.client, record.count, record.ok) } : summary;
}

function summarizeTotal(records: readonly OperationRecord[], durationUs: number): OperationSummary {
  const errors: Record<string, number> = {};
  for (const record of records) {
    for (const [key, n] of record.errors) errors[key] = (errors[key] ?? 0) + n;
  }
  const sum = (pick: (r: OperationRecord) => number): number => records.reduce((acc, r) => acc + pick(r), 0);
  const histogram = mergeHistograms(records.map((r) => r.histogram));
  return operationSummary('all', histogram, sum((r) => r.count), sum((r) => r.ok), errors, sum((r) => r.warmupCalls), durationUs);
}

function operationSummary(
  name: string,
  histogram: Histogram,
  count: number,
  ok: number,
  errors: Record<string, number>,
  warmupCalls: number,
  durationUs: number,
): OperationSummary {
  return {
    name,
    count,
    ok,
    errors,
    errorRate: count === 0 ? 0 : (count - ok) / count,
    throughputPerSec: durationUs > 0 ? round2((count * 1_000_000) / durationUs) : 0,
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

function transportOf(target: TargetPlan): 'stdio' | 'http' | 'sse' {
  return target.kind === 'builtin' ? target.transport : target.kind;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
