/**
 * One variant's workload over its rounds, merged exactly into one WorkloadRun, so summarize() reports it like any
 * other workload: histograms added (percentiles over every measured call of every round, not an average of
 * percentiles), counts summed, and throughput = completions of every round / measured time of every round.
 */
import type { ConnectionTimings } from '../client/connect.js';
import { mergeCounters } from '../client/layers/counters.js';
import { mergePerKey } from '../client/layers/per-key.js';
import type { AbortedBy } from '../thresholds/types.js';
import { mergeBadOutput } from '../metrics/bad-output.js';
import { mergeServerLimits } from '../metrics/server-limits.js';
import { mergeStreamResumptions } from '../metrics/stream-resumptions.js';
import { authBlock } from '../client/auth/token-stats.js';
import type { HarnessSummary } from '../metrics/harness-types.js';
import { mergeHarnessMemory } from '../metrics/harness-memory.js';
import { WorkloadRecorder } from '../metrics/recorder.js';
import { mergeSessionChurn } from '../metrics/session-churn.js';
import { mergeResourceUpdates } from '../metrics/resource-updates.js';
import { mergeNotifications } from '../metrics/notifications.js';
import { mergeServerRequests } from '../metrics/server-requests.js';
import type { TimelinePoint, TimelineSummary } from '../metrics/timeline.js';
import type { WorkloadPlan } from '../workloads/plan.js';
import type { ArrivalCounts, ExecutionResult } from '../workloads/executor.js';
import { mergeDataUse } from './data-use.js';
import { notRun, type WorkloadRun, type WorkloadStatus } from '../runner/run.js';

export interface MergedWorkloadRun {
  readonly run: WorkloadRun;
  /**
   * The rounds' per-second timelines one after the other: each round's points shifted by the end of the previous
   * round's last point, so the time axis is measured time with the gaps between rounds (other variants, set-up) cut
   * out. The merged recorder has no timeline of its own; summarize-variants.ts attaches this one. Null: none recorded.
   */
  readonly timeline: TimelineSummary | null;
  /** Rounds in which this workload measured something. */
  readonly rounds: number;
}

/** From least to most serious; `not-run` only when no round ran the workload at all. */
const SEVERITY: readonly WorkloadStatus[] = ['completed', 'interrupted', 'aborted', 'failed'];

/**
 * Merges `runs` (the same workload of one variant, one per round, in round order). Client-layer counters are summed,
 * except where the layer says otherwise (its declaration's `counters`): sizes and states are the last round's (a
 * cache's `entries` and `bytes`, a pool's `sessions` and `live`, a breaker's `state`; summing a cache's size over
 * rounds would describe no cache), `maxQueued` the largest, and `hitRatio` is recomputed from the summed hits and
 * misses. Sessions are listed round after round; the first round's connection stands for all.
 */
export function mergeWorkloadRuns(workload: WorkloadPlan, runs: readonly WorkloadRun[]): MergedWorkloadRun {
  const ran = runs.filter((run) => run.status !== 'not-run');
  const first = ran[0];
  if (first === undefined) return { run: notRun(workload), timeline: null, rounds: 0 };
  const recorded = ran.filter((run) => run.recorder !== null);
  const run: WorkloadRun = {
    workload,
    status: worst(ran.map((r) => r.status)),
    recorder: mergeRecorders(recorded.map((r) => r.recorder!)),
    execution: mergeExecutions(recorded),
    connection: ran.find((r) => r.connection !== null)?.connection ?? null,
    sessions: ran.flatMap((r): ConnectionTimings[] => [...r.sessions]),
    engine: mergeEngines(ran),
    client: mergeClients(ran),
    setupCalls: sumRecords(ran.map((r) => r.setupCalls)),
    warnings: [...new Set(ran.flatMap((r) => r.warnings))],
    failure: ran.find((r) => r.failure !== null)?.failure ?? null,
    ...abortedByOf(ran),
    // Each round spawns its own servers: show the last round's (a leak shows within a round; summing rounds would not).
    ...lastServerResources(ran),
    ...worstHarness(ran),
    badOutput: mergeBadOutput(ran.map((r) => r.badOutput)),
    serverLimits: mergeServerLimits(ran.map((r) => r.serverLimits)),
    streams: mergeStreamResumptions(ran.map((r) => r.streams)),
    ...notificationsOf(ran),
    ...serverRequestsOf(ran),
    ...authBlock(ran.map((r) => r.auth)),
    ...dataOf(ran),
    ...subscriptionsOf(ran),
  };
  return { run, timeline: joinTimelines(recorded), rounds: recorded.filter((r) => r.execution?.measureStartUs != null).length };
}

/** The rounds' resource updates: counts summed, delay histograms added. */
function subscriptionsOf(runs: readonly WorkloadRun[]): Pick<WorkloadRun, 'subscriptions'> {
  const subscriptions = mergeResourceUpdates(runs.flatMap((run) => (run.subscriptions ? [run.subscriptions] : [])));
  return subscriptions ? { subscriptions } : {};
}

/** The server's requests answered over the rounds: counts summed, histograms added (metrics/server-requests.ts). */
function serverRequestsOf(runs: readonly WorkloadRun[]): Pick<WorkloadRun, 'serverRequests'> {
  const parts = runs.flatMap((run) => (run.serverRequests ? [run.serverRequests] : []));
  return parts.length > 0 ? { serverRequests: mergeServerRequests(parts) } : {};
}

/** What the server notified over the rounds: counts summed (metrics/notifications.ts). */
function notificationsOf(runs: readonly WorkloadRun[]): Pick<WorkloadRun, 'notifications'> {
  const notifications = mergeNotifications(runs.map((run) => run.notifications));
  return notifications ? { notifications } : {};
}

/** The data files' use over the rounds (data-use.ts: rows used is not exact over rounds). */
function dataOf(runs: readonly WorkloadRun[]): Pick<WorkloadRun, 'data'> {
  const data = mergeDataUse(runs.map((run) => run.data), 'rounds');
  return data ? { data } : {};
}

/** The abortOnFail threshold that stopped a round of this workload (WorkloadRun.abortedBy), if one did. */
function abortedByOf(runs: readonly WorkloadRun[]): { abortedBy?: AbortedBy } {
  const abortedBy = runs.map((run) => (run as WorkloadRun & { readonly abortedBy?: AbortedBy | null }).abortedBy).find((a) => a != null);
  return abortedBy ? { abortedBy } : {};
}

function worst(statuses: readonly WorkloadStatus[]): WorkloadStatus {
  return statuses.reduce((a, b) => (SEVERITY.indexOf(b) > SEVERITY.indexOf(a) ? b : a), 'completed');
}

function mergeRecorders(recorders: readonly WorkloadRecorder[]): WorkloadRecorder | null {
  const first = recorders[0];
  if (first === undefined) return null;
  const features = first.operations.find((op) => op.client !== null)?.client?.features ?? null;
  const merged = new WorkloadRecorder(first.operations.map((op) => op.name), features, {
    openModel: first.sendLag !== null,
    tenants: first.tenantNames,
    checked: first.operations.map((op) => op.checks !== null),
    journeys: first.operations.map((op) => features !== null && op.client === null),
  });
  for (const recorder of recorders) merged.mergeFrom(recorder);
  return merged;
}

/**
 * One execution standing for all rounds. It always carries a `window` (summed measured time, summed completions per
 * operation), whichever way each round counted throughput (summarize.ts: completions in a duration-bounded window,
 * else the measured calls over the first-send-to-last-answer span), so throughput = every completion / all measured
 * time. measureStartUs/measureEndUs are 0 and that total span (µs), not clock readings.
 */
function mergeExecutions(runs: readonly WorkloadRun[]): ExecutionResult | null {
  const executions = runs.flatMap((run) => (run.execution ? [{ execution: run.execution, run }] : []));
  if (executions.length === 0) return null;
  const operations = executions[0]!.run.recorder?.operations.length ?? 0;
  const completions = new Array<number>(operations).fill(0);
  let durationUs = 0;
  let spanUs = 0;
  for (const { execution, run } of executions) {
    const span = execution.measureStartUs != null && execution.measureEndUs != null ? Math.max(0, execution.measureEndUs - execution.measureStartUs) : 0;
    spanUs += span;
    durationUs += execution.window?.durationUs ?? span;
    for (let i = 0; i < operations; i++) {
      completions[i]! += execution.window ? (execution.window.completions[i] ?? 0) : (run.recorder?.operations[i]?.count ?? 0);
    }
  }
  const all = executions.map(({ execution }) => execution);
  const measured = all.some((e) => e.measureStartUs != null);
  const abandoned = all.reduce((n, e) => n + (e.abandonedCalls ?? 0), 0);
  const arrivals = sumArrivals(all.flatMap((e) => (e.arrivals ? [e.arrivals] : [])));
  // Session churn: histograms added, counts summed; the RSS growth a samples-weighted mean of the rounds that had one.
  const churned = all.flatMap((e, round) => (e.sessionChurn ? [{ record: e.sessionChurn, label: `round ${round + 1}` }] : []));
  const sessionChurn = mergeSessionChurn(churned.map((c) => c.record), churned.map((c) => c.label));
  return {
    measureStartUs: measured ? 0 : null,
    measureEndUs: measured ? spanUs : null,
    fatal: all.find((e) => e.fatal !== null)?.fatal ?? null,
    interrupted: all.some((e) => e.interrupted),
    ...(abandoned > 0 && { abandonedCalls: abandoned }),
    ...(arrivals && { arrivals }),
    ...(sessionChurn && { sessionChurn }),
    window: { durationUs, completions },
  };
}

function sumArrivals(counts: readonly ArrivalCounts[]): ArrivalCounts | null {
  if (counts.length === 0) return null;
  const sum = (pick: (c: ArrivalCounts) => number): number => counts.reduce((n, c) => n + pick(c), 0);
  return { scheduled: sum((c) => c.scheduled), sent: sum((c) => c.sent), dropped: sum((c) => c.dropped), spanUs: sum((c) => c.spanUs) };
}

/** autocannon's settings are the same every round (the first round's); its counters are summed. */
const ENGINE_SETTINGS: ReadonlySet<string> = new Set(['connections', 'pipelining', 'overallRatePerSec', 'latencyFromScheduledStart', 'timeoutSeconds']);

function mergeEngines(runs: readonly WorkloadRun[]): WorkloadRun['engine'] {
  const engines = runs.flatMap((run) => (run.engine ? [run.engine] : []));
  const first = engines[0];
  if (first === undefined) return null;
  return { kind: first.kind, stats: mergeEngineStats(engines.map((engine) => engine.stats)), notes: [...new Set(engines.flatMap((engine) => engine.notes))] };
}

/** autocannon's figures of several rounds (or shards): its settings the first's, its counters summed. */
export function mergeEngineStats(all: readonly Readonly<Record<string, number>>[]): Record<string, number> {
  const stats: Record<string, number> = {};
  for (const one of all) {
    for (const [key, value] of Object.entries(one)) {
      stats[key] = ENGINE_SETTINGS.has(key) ? (stats[key] ?? value) : (stats[key] ?? 0) + value;
    }
  }
  return stats;
}

/** Each layer's counters merged by its own rules (client/layers/counters.ts), round after round. */
function mergeClients(runs: readonly WorkloadRun[]): WorkloadRun['client'] {
  const clients = runs.flatMap((run) => (run.client ? [run.client] : []));
  const first = clients[0];
  if (first === undefined) return null;
  const rounds = new Map<string, Readonly<Record<string, number | string>>[]>();
  for (const client of clients) {
    for (const [name, stats] of Object.entries(client.layers)) rounds.set(name, [...(rounds.get(name) ?? []), stats]);
  }
  const layers = Object.fromEntries([...rounds].map(([name, stats]) => [name, mergeCounters(name, stats)]));
  const perKey = mergePerKey(clients.map((client) => client.perKey ?? {}), 'rounds');
  return { features: first.features, layers, ...(perKey && Object.keys(perKey).length > 0 && { perKey }) };
}

function sumRecords(records: readonly Readonly<Record<string, number>>[]): Record<string, number> {
  const sum: Record<string, number> = {};
  for (const record of records) for (const [key, n] of Object.entries(record)) sum[key] = (sum[key] ?? 0) + n;
  return sum;
}

function joinTimelines(runs: readonly WorkloadRun[]): TimelineSummary | null {
  const timelines = runs.flatMap((run) => {
    const timeline = run.recorder?.timeline;
    return timeline?.started ? [timeline.finish(run.execution?.measureEndUs ?? 0)] : [];
  });
  const first = timelines[0];
  if (first === undefined) return null;
  const points: TimelinePoint[] = [];
  let offsetUs = 0;
  for (const timeline of timelines) {
    for (const point of timeline.points) points.push({ ...point, tUs: point.tUs + offsetUs });
    offsetUs += timeline.points[timeline.points.length - 1]?.tUs ?? 0;
  }
  return { intervalUs: first.intervalUs, points };
}

function lastServerResources(runs: readonly WorkloadRun[]): Pick<WorkloadRun, 'serverResources'> {
  const last = [...runs].reverse().find((run) => run.serverResources !== undefined)?.serverResources;
  return last ? { serverResources: last } : {};
}

/**
 * The round where the generator was closest to its limit (a variants report warns if any round was saturated), with
 * its memory over every round: the first round's start, the last's end, the largest peaks.
 */
function worstHarness(runs: readonly WorkloadRun[]): Pick<WorkloadRun, 'harness'> {
  const worst = mergeHarness(runs.flatMap((run) => (run.harness ? [run.harness] : [])), 'rounds');
  return worst ? { harness: worst } : {};
}

/**
 * Several rounds' (or shards') harness figures as one: CPU and loop delay the worst's (worstHarnessOf), memory merged
 * over all of them as metrics/harness-memory.ts says for rounds (one process, one after another) or shards (several
 * processes at once).
 */
export function mergeHarness(sampled: readonly HarnessSummary[], over: 'rounds' | 'shards'): HarnessSummary | undefined {
  const worst = worstHarnessOf(sampled);
  if (!worst) return undefined;
  const { memory: _own, ...figures } = worst;
  const memory = mergeHarnessMemory(sampled.map((h) => h.memory), over);
  return memory ? { ...figures, memory } : figures;
}

/** Of several rounds' (or shards') harness figures, the one closest to its limit: a saturated one, else the latest loop. */
export function worstHarnessOf(sampled: readonly HarnessSummary[]): HarnessSummary | undefined {
  return sampled.find((h) => h.saturated) ?? [...sampled].sort((a, b) => b.eventLoopDelayP99Us - a.eventLoopDelayP99Us)[0];
}
