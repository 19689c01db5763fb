/**
 * What every report format says about one workload, worded once (hyperfine's MarkupExporter: the formats supply
 * syntax only). A pure function of the run's summary: the table, Markdown and HTML render this view and add only
 * markup — colour, escaping, tags, table syntax — and may lay it out differently, but never word a sentence or a
 * figure differently. JUnit takes the workload's label, its thresholds and its failure from here too.
 */
import type { RunSummary, WorkloadSummary } from '../summary/summary.js';
import { workloadLabel } from '../summary/workload-label.js';
import { findWorkloadType } from '../workloads/registry.js';
import { formatCount, formatCounted, formatLatency } from './format.js';
import { coldStartText, serverLimitsText, serverResourcesText } from './server-text.js';
import { sessionChurnLines } from './session-churn-text.js';
import { subscriptionsLine } from './subscriptions-text.js';
import { notifyLines } from './notify-text.js';
import { payloadLines } from './bytes-text.js';
import { serverRequestLines } from './server-requests-text.js';
import { dataLine } from './data-text.js';
import { clientLines } from './client-table.js';
import { speedupLines } from './speedup.js';
import { errorLines, notes, thresholdRows, type ErrorLine, type Note, type ThresholdRow, type Tone } from './view-notes.js';
import { openModelView, operationRows, tenantViews, type OpenModelView, type OperationRow, type TenantView } from './view-operations.js';

export { failureText, isStatusNote, type ErrorLine, type Note, type ThresholdRow, type Tone } from './view-notes.js';
export type { OpenModelView, OperationRow, ServiceTimeRow, TenantView } from './view-operations.js';
export { LATENCY_COLUMNS, SERVICE_TIME_HEAD, type LatencyColumn } from './view-operations.js';

/** A piece of a line with its tone (null: plain). */
export interface Segment {
  readonly text: string;
  readonly tone: Tone | null;
}

export interface Headline {
  /** The type's shape words, from its descriptor: `concurrent · 8 in flight`, `constant-rate · target 500/s, sent 498/s`. */
  readonly shape: string;
  /** Open model: `10 dropped (max 16 in flight)`; null when no arrival was dropped. */
  readonly dropped: string | null;
  /** `5,000 calls in 1.00s`; null when the workload never connected. */
  readonly measured: string | null;
  /** `+10 warmup`; null without warmup calls. */
  readonly warmup: string | null;
  /** `autocannon engine` when another engine than mcp-bench's own client drove the load; else null. */
  readonly engine: string | null;
}

export interface WorkloadView {
  readonly name: string;
  readonly variant: string | undefined;
  /** `variant · name`, or the name: how a workload is named in one piece of text. */
  readonly label: string;
  readonly headline: Headline;
  /** `not run` for a workload the run never reached (it then has nothing below but its thresholds); else null. */
  readonly notRun: string | null;
  /**
   * Dim lines beneath the headline: the connection line, cold start over several sessions, the servers' CPU and RSS,
   * session churn, progress and notifications, bytes on the wire vs decoded, each data file's use.
   */
  readonly facts: readonly string[];
  /** The operations, then the total when there are several; empty when no call was measured. */
  readonly operations: readonly OperationRow[];
  /** Open model with measured calls: what the latency means, service time per operation, send lag. */
  readonly openModel: OpenModelView | null;
  /** Per tenant (tenants:), its own operations table; empty without tenants. */
  readonly tenants: readonly TenantView[];
  /** The client layers' own counters and the cache's figures per tool, URI and prompt (client-table.ts words them). */
  readonly client: readonly string[];
  readonly errors: readonly ErrorLine[];
  /** Engine notes, the harness line and its warning, the failure with the server's stderr, interrupted, abandoned. */
  readonly notes: readonly Note[];
  /** Closed loop only: the speed-up over the nearest one-in-flight workload, then one line per shared operation. */
  readonly speedup: readonly string[];
  readonly thresholds: readonly ThresholdRow[];
}

const NOT_RUN = 'not run';

/** The view of `summary.workloads[index]`. */
export function workloadView(summary: RunSummary, index: number): WorkloadView {
  const workload = summary.workloads[index]!;
  const base = {
    name: workload.name,
    variant: workload.variant,
    label: workloadLabel(workload.name, workload.variant),
    headline: headline(workload),
    thresholds: thresholdRows(workload),
  };
  const empty = { facts: [], operations: [], openModel: null, tenants: [], client: [], errors: [], notes: [], speedup: [] };
  if (workload.status === 'not-run') return { ...base, ...empty, notRun: NOT_RUN };
  return {
    ...base,
    notRun: null,
    facts: facts(summary, workload),
    operations: operationRows(workload),
    openModel: openModelView(workload),
    tenants: tenantViews(workload),
    client: clientLines(workload),
    errors: errorLines(workload),
    notes: notes(workload),
    speedup: speedupLines(summary.workloads, index) ?? [],
  };
}

/** Every workload's view, in run order. */
export function workloadViews(summary: RunSummary): WorkloadView[] {
  return summary.workloads.map((_w, index) => workloadView(summary, index));
}

function headline(workload: WorkloadSummary): Headline {
  const a = workload.arrivals;
  const measured = workload.connection !== null;
  return {
    // A saved report may name a type this version lacks: its calls in flight are all there is to say.
    shape: findWorkloadType(workload.type)?.headline(workload) ?? `${workload.type} · ${workload.concurrency} in flight`,
    dropped: a && a.dropped > 0 ? `${formatCount(a.dropped)} dropped (max ${formatCount(workload.concurrency)} in flight)` : null,
    measured: measured ? `${formatCounted(workload.total.count, 'call')} in ${formatLatency(workload.durationUs)}` : null,
    warmup: workload.total.warmupCalls > 0 ? `+${formatCount(workload.total.warmupCalls)} warmup` : null,
    engine: workload.engine === 'client' ? null : `${workload.engine} engine`,
  };
}

/** The headline after the workload's name, as segments: the dropped arrivals are a warning. The engine is apart. */
export function headlineSegments(h: Headline): Segment[] {
  const segments: Segment[] = [{ text: h.shape, tone: null }];
  if (h.dropped) segments.push({ text: ` · ${h.dropped}`, tone: 'warning' });
  if (h.measured) segments.push({ text: ` · ${h.measured}`, tone: null });
  if (h.warmup) segments.push({ text: ` (${h.warmup})`, tone: null });
  return segments;
}

/** The headline as one text (for formats that mark no part of it). */
export function headlineText(h: Headline): string {
  return headlineSegments(h).map((s) => s.text).join('');
}

function facts(summary: RunSummary, workload: WorkloadSummary): string[] {
  // A stdio session begins its set-up with a spawn; an HTTP or SSE session with a connect, even to the built-in server
  // over HTTP (spawned once per workload, before its sessions: the connection line's `server start`).
  const spawned = summary.target.transport === 'stdio';
  const lines = [connectionLine(workload), coldStartText(workload.coldStart, spawned)];
  if (workload.serverResources) lines.push(serverResourcesText(workload.serverResources, workload.sessions.length));
  if (workload.serverLimits) lines.push(serverLimitsText(workload.serverLimits));
  if (workload.sessionChurn) lines.push(...sessionChurnLines(workload.sessionChurn));
  if (workload.subscriptions) lines.push(subscriptionsLine(workload.subscriptions));
  lines.push(...notifyLines(workload));
  lines.push(...payloadLines(workload));
  lines.push(...serverRequestLines(workload.serverRequests));
  lines.push(...(workload.data ?? []).map(dataLine));
  return lines.filter((line): line is string => line !== null);
}

/** `server start 250ms · connect 41.0ms · initialize 2.50ms · mcp-bench-reference 0.1.0, protocol 2025-06-18`. */
function connectionLine(workload: WorkloadSummary): string | null {
  const conn = workload.connection;
  if (!conn) return null;
  const parts = [];
  if (conn.serverStartUs !== null) parts.push(`server start ${formatLatency(conn.serverStartUs)}`);
  parts.push(`connect ${formatLatency(conn.connectUs)}`, `initialize ${formatLatency(conn.initializeUs)}`);
  const server = `${conn.server.name} ${conn.server.version}${conn.server.protocolVersion ? `, protocol ${conn.server.protocolVersion}` : ''}`;
  return `${parts.join(' · ')} · ${server}`;
}
