/**
 * The workload view's figures (workload-view.ts puts them together): the operations table's rows as text, and the
 * open model's block beneath it — what its latency means, service time per operation, and send lag.
 */
import type { OperationSummary, WorkloadSummary } from '../summary/summary.js';
import { formatCount, formatLatency, formatPercent, formatRate } from './format.js';
import { erroredCalls } from '../summary/checks.js';
import { STEP_SEPARATOR } from '../operations/journey.js';

/** The latency columns in the order every format shows them (a format may leave some out, never reword one). */
export const LATENCY_COLUMNS = ['p50', 'p90', 'p95', 'p99', 'p99.9', 'max', 'mean'] as const;
export type LatencyColumn = (typeof LATENCY_COLUMNS)[number];

/** Where a dash stands in for a figure: nothing was measured. */
const NO_FIGURE = '—';

export interface OperationRow {
  /** The operation's name; `all` for the total. */
  readonly name: string;
  /** The workload's total (the last row, shown when there are several operations). */
  readonly total: boolean;
  readonly calls: string;
  /** `0`, or `10 (0.25%)`. */
  readonly errors: string;
  /** True when some calls failed: the errors cell is bad. */
  readonly failed: boolean;
  readonly callsPerSec: string;
  /** False when the operation measured no call: every latency cell is a dash. */
  readonly measured: boolean;
  readonly latency: Readonly<Record<LatencyColumn, string>>;
}

export const SERVICE_TIME_HEAD = ['service time', 'p50', 'p90', 'p99', 'max', 'dropped'] as const;

export interface ServiceTimeRow {
  readonly name: string;
  /** p50, p90, p99 and max of the service time; dashes when the operation measured no call. */
  readonly cells: readonly string[];
  readonly dropped: string;
  /** True when some of its arrivals were dropped: a warning. */
  readonly droppedAny: boolean;
}

export interface OpenModelView {
  /** What the latency above means, and where service time runs from. */
  readonly meaning: string;
  readonly serviceTime: readonly ServiceTimeRow[];
  /** `send lag (actual send − scheduled start): p50 …, p99 …, max …`: a large one means the generator lagged. */
  readonly sendLag: string;
}

const OPEN_MODEL_MEANING =
  "latency above runs from each call's scheduled start (coordinated-omission corrected); service time from its actual send:";

/** The operations, then their total when there are several; none when no call was measured. */
export function operationRows(workload: WorkloadSummary): OperationRow[] {
  if (workload.total.count === 0) return [];
  const rows = workload.operations.map((op) => operationRow(op, false));
  // A journey's steps sit right under it, indented, named without the journey's name (non-breaking spaces: every
  // format keeps them).
  workload.operations.forEach((op, i) => {
    if (op.step) rows[i] = { ...rows[i]!, name: `\u00a0\u00a0› ${op.name.startsWith(op.step.journey + STEP_SEPARATOR) ? op.name.slice(op.step.journey.length + STEP_SEPARATOR.length) : op.name}` };
  });
  if (workload.operations.length > 1) rows.push(operationRow(workload.total, true));
  return rows;
}

/** One tenant's table: a title line, then its operations (and their total when there are several). */
export interface TenantView {
  /** `tenant acme · weight 3 · 1,204 calls (60.2%)`. */
  readonly title: string;
  readonly operations: readonly OperationRow[];
}

/** A table per tenant, beneath the workload's operations (none without tenants or measured calls). */
export function tenantViews(workload: WorkloadSummary): TenantView[] {
  const all = workload.total.count;
  if (!workload.tenants || all === 0) return [];
  return workload.tenants.map((tenant) => {
    const rows = tenant.operations.map((op) => operationRow(op, false));
    if (tenant.operations.length > 1) rows.push(operationRow(tenant.total, true));
    const share = formatPercent(tenant.total.count / all);
    return { title: `tenant ${tenant.name} · weight ${tenant.weight} · ${formatCount(tenant.total.count)} calls (${share})`, operations: rows };
  });
}

function operationRow(op: OperationSummary, total: boolean): OperationRow {
  const errors = erroredCalls(op);
  const l = op.latencyUs;
  const measured = op.count > 0;
  const values: Record<LatencyColumn, number> = { p50: l.p50, p90: l.p90, p95: l.p95, p99: l.p99, 'p99.9': l.p999, max: l.max, mean: l.mean };
  const latency = Object.fromEntries(LATENCY_COLUMNS.map((column) => [column, measured ? formatLatency(values[column]) : NO_FIGURE]));
  return {
    name: op.name,
    total,
    calls: formatCount(op.count),
    errors: errors === 0 ? '0' : `${formatCount(errors)} (${formatPercent(op.errorRate)})`,
    failed: errors > 0,
    callsPerSec: formatRate(op.throughputPerSec),
    measured,
    latency: latency as Record<LatencyColumn, string>,
  };
}

/**
 * Beneath an open-model workload's operations: what its latency means, the uncorrected service time per operation,
 * and how late the generator sent calls (a large send lag means the figures are bounded by the load generator).
 * Null for a closed-loop workload, or one that measured nothing.
 */
export function openModelView(workload: WorkloadSummary): OpenModelView | null {
  const a = workload.arrivals;
  if (!a || workload.total.count === 0) return null;
  const serviceTime = workload.operations.flatMap((op): ServiceTimeRow[] => {
    const s = op.serviceTimeUs;
    if (!s) return [];
    const cells = [s.p50, s.p90, s.p99, s.max].map((us) => (op.count ? formatLatency(us) : NO_FIGURE));
    return [{ name: op.name, cells, dropped: op.dropped ? formatCount(op.dropped) : '0', droppedAny: (op.dropped ?? 0) > 0 }];
  });
  const lag = a.sendLagUs;
  const sendLag = `send lag (actual send − scheduled start): p50 ${formatLatency(lag.p50)}, p99 ${formatLatency(lag.p99)}, max ${formatLatency(lag.max)}`;
  return { meaning: OPEN_MODEL_MEANING, serviceTime, sendLag };
}
