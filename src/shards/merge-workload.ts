/**
 * One workload of every shard as one (the same workload by position: checks.ts made sure names, variants and
 * operations match). Counts, errors, dropped arrivals, warm-up and set-up calls summed; latencies from the added
 * histograms; throughput of a time-bounded phase the sum of the shards' (their windows are the same), else every call
 * over the longest shard's window; the target rate the plan's, the achieved rate the sum; the worst status and the
 * worst harness (its memory merged: harness-memory.ts); timelines added interval by interval; data files' use as summary/data-use.ts says.
 */
import type { ArrivalSummary, TenantSummary, WorkloadSummary } from '../summary/summary.js';
import type { WorkloadStatus } from '../runner/run.js';
import { workloadType } from '../workloads/registry.js';
import { mergeBadOutput } from '../metrics/bad-output.js';
import { mergeServerLimits } from '../metrics/server-limits.js';
import { mergeStreamResumptions } from '../metrics/stream-resumptions.js';
import { authBlock } from '../client/auth/token-stats.js';
import { summarizeColdStart } from '../summary/cold-start.js';
import { mergeSessionChurnSummaries } from '../summary/session-churn.js';
import { mergeSubscriptionSummaries } from '../summary/subscriptions.js';
import { mergeNotifications } from '../metrics/notifications.js';
import { mergeServerRequests } from '../metrics/server-requests.js';
import { mergeEngineStats, mergeHarness } from '../summary/merge-runs.js';
import { mergeDataUse } from '../summary/data-use.js';
import { round2 } from '../stats/histogram.js';
import { mergeClientLayers } from './merge-client.js';
import { callsOver, mergeLatency, mergeOperation, sum, sumCounts, sumOfRates, type ThroughputRule } from './merge-operation.js';
import { mergeTimelines } from './merge-timeline.js';

/** From least to most serious; `not-run` only when no shard ran the workload. */
const SEVERITY: readonly WorkloadStatus[] = ['completed', 'interrupted', 'aborted', 'failed'];

/**
 * `parts`: the workload of each shard, in shard order. `inexact` is told each figure that could not be exact. `labels`
 * name the shards (`shard 0/2`) where a merged figure says which shards it comes from (session churn's RSS growth).
 */
export function mergeWorkload(parts: readonly WorkloadSummary[], inexact: (figure: string) => void, labels: readonly string[] = []): WorkloadSummary {
  const first = parts[0]!;
  const ran = parts.filter((w) => w.status !== 'not-run');
  const durationUs = Math.max(0, ...parts.map((w) => w.durationUs));
  // A time-bounded window is the plan's duration on every shard; shards that ended on their own ran for their own time.
  const throughput: ThroughputRule = ran.every((w) => w.durationUs === ran[0]?.durationUs) ? sumOfRates : callsOver(durationUs);
  const operations = first.operations.map((_, i) => mergeOperation(parts.map((w) => w.operations[i]!), throughput, inexact));
  const sessions = parts.flatMap((w) => w.sessions);
  const coldStart = summarizeColdStart(sessions);
  const engineStats = parts.flatMap((w) => (w.engineStats ? [w.engineStats] : []));
  const engineNotes = [...new Set(parts.flatMap((w) => w.engineNotes ?? []))];
  const abandoned = sum(parts, (w) => w.abandonedCalls ?? 0);
  const arrivals = mergeArrivals(first, parts, inexact);
  const timeline = mergeTimelines(parts.map((w) => w.timeline), inexact);
  const harness = mergeHarness(parts.flatMap((w) => (w.harness ? [w.harness] : [])), 'shards');
  const serverResources = [...parts].filter((w) => w.serverResources).sort((a, b) => b.serverResources!.peakRssBytes - a.serverResources!.peakRssBytes)[0]?.serverResources;
  const badOutput = mergeBadOutput(parts.map((w) => w.badOutput));
  const serverLimits = mergeServerLimits(parts.map((w) => w.serverLimits));
  const streams = mergeStreamResumptions(parts.map((w) => w.streams));
  const churned = parts.flatMap((w, i) => (w.sessionChurn ? [{ churn: w.sessionChurn, label: labels[i] ?? `shard ${i}` }] : []));
  const sessionChurn = mergeSessionChurnSummaries(churned.map((c) => c.churn), churned.map((c) => c.label));
  // Calls given a row add up; rows used only in once/stop order, where shards' rows are disjoint (data-use.ts).
  const data = mergeDataUse(parts.map((w) => w.data), 'shards');
  const subscriptions = mergeSubscriptionSummaries(parts.flatMap((w) => (w.subscriptions ? [w.subscriptions] : [])));
  const notifications = mergeNotifications(parts.map((w) => w.notifications));
  const answered = parts.flatMap((w) => (w.serverRequests ? [w.serverRequests] : []));
  const serverRequests = answered.length > 0 ? mergeServerRequests(answered) : null;
  return {
    name: first.name,
    ...(first.variant !== undefined && { variant: first.variant }),
    type: first.type,
    concurrency: sum(parts, (w) => w.concurrency),
    status: ran.length === 0 ? 'not-run' : ran.map((w) => w.status).reduce((a, b) => (SEVERITY.indexOf(b) > SEVERITY.indexOf(a) ? b : a), 'completed'),
    durationUs,
    connection: parts.find((w) => w.connection !== null)?.connection ?? null,
    sessions,
    client: mergeClientLayers(parts),
    operations,
    total: mergeOperation(parts.map((w) => w.total), throughput, inexact),
    ...(first.tenants && { tenants: mergeTenants(first.tenants, parts, throughput, inexact) }),
    engine: first.engine,
    ...(engineStats.length > 0 && { engineStats: mergeEngineStats(engineStats) }),
    ...(engineNotes.length > 0 && { engineNotes }),
    ...(abandoned > 0 && { abandonedCalls: abandoned }),
    ...(arrivals && { arrivals }),
    setupCalls: sumCounts(parts.map((w) => w.setupCalls)),
    failure: parts.find((w) => w.failure !== null)?.failure ?? null,
    ...(timeline && { timeline }),
    thresholds: first.thresholds,
    ...(harness && { harness }),
    ...(coldStart && { coldStart }),
    ...(serverResources && { serverResources }),
    ...(serverLimits && { serverLimits }),
    ...(badOutput && { badOutput }),
    ...(streams && { streams }),
    ...authBlock(parts.map((w) => w.auth)),
    ...(sessionChurn && { sessionChurn }),
    ...(data && { data }),
    ...(subscriptions && { subscriptions }),
    ...(notifications && { notifications }),
    ...(serverRequests && { serverRequests }),
  };
}

/**
 * A fixed target rate is the plan's, the same on every shard (the schedule is global); a ramp's is what the schedule
 * asked of each shard over its span, so the shards' add up. Sent, scheduled and dropped add up; send lag is merged
 * from the histograms.
 */
function mergeArrivals(first: WorkloadSummary, parts: readonly WorkloadSummary[], inexact: (figure: string) => void): ArrivalSummary | undefined {
  const all = parts.flatMap((w) => (w.arrivals ? [w.arrivals] : []));
  if (all.length === 0) return undefined;
  const fixedRate = workloadType(first.type).nominalRatePerSec !== undefined;
  const sendLag = mergeLatency(all.map((a) => ({ stats: a.sendLagUs, histogram: a.sendLagHistogram, count: a.sent })));
  if (!sendLag.exact) inexact('send lag');
  return {
    targetRatePerSec: fixedRate ? all[0]!.targetRatePerSec : round2(sum(all, (a) => a.targetRatePerSec)),
    achievedRatePerSec: round2(sum(all, (a) => a.achievedRatePerSec)),
    scheduled: sum(all, (a) => a.scheduled),
    sent: sum(all, (a) => a.sent),
    dropped: sum(all, (a) => a.dropped),
    sendLagUs: sendLag.stats,
    ...(sendLag.histogram !== undefined && { sendLagHistogram: sendLag.histogram }),
  };
}

/** Each tenant of every shard as one, by position (every shard has the plan's tenants): its rows merged like the workload's. */
function mergeTenants(tenants: readonly TenantSummary[], parts: readonly WorkloadSummary[], throughput: ThroughputRule, inexact: (figure: string) => void): TenantSummary[] {
  return tenants.map((tenant, k) => {
    const shares = parts.flatMap((w) => (w.tenants?.[k] ? [w.tenants[k]] : []));
    return {
      name: tenant.name,
      weight: tenant.weight,
      operations: tenant.operations.map((_, i) => mergeOperation(shares.map((t) => t.operations[i]!), throughput, inexact)),
      total: mergeOperation(shares.map((t) => t.total), throughput, inexact),
    };
  });
}
