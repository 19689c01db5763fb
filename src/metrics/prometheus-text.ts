/**
 * The Prometheus text exposition format (version 0.0.4) of a run's live figures: pure, from cumulative per-operation
 * records (HDR histograms in integer µs, counts, errors by outcome code). Written by hand rather than with prom-client:
 * the format is a few lines of well-specified text, our figures are already cumulative histograms (prom-client's
 * metrics want one `observe()` per call, on the hot path), and no dependency is added.
 * https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format
 */
import { cumulativeCounts } from '../stats/cumulative-buckets.js';
import type { Histogram } from '../stats/histogram.js';

/**
 * The latency histogram's bucket bounds, seconds: 0.5 ms to 60 s, roughly 1-2.5-5 per decade (plus 30 s and 60 s,
 * the longest a call is usually allowed). `+Inf` follows them.
 */
export const LATENCY_BUCKETS_S: readonly number[] = Object.freeze([
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60,
]);
const LATENCY_BUCKETS_US = LATENCY_BUCKETS_S.map((s) => Math.round(s * 1_000_000));

/** One operation of one workload, cumulative over the run so far (measured calls only: warmup never counts). */
export interface LiveSeries {
  readonly workload: string;
  readonly operation: string;
  readonly calls: number;
  readonly ok: number;
  /** Calls that failed a check: counted in calls, neither ok nor errors. */
  readonly checkFailed: number;
  /** Errored calls by outcome code (`timeout`, `rpc-error:-32603`, …). */
  readonly errors: ReadonlyMap<string, number>;
  /** Every measured call's latency, integer µs. */
  readonly histogram: Histogram;
  /** Open model: arrivals dropped (too many in flight); null for closed-loop workloads. */
  readonly dropped: number | null;
}

/** Per workload: its fixed target rate (open model with a constant rate), else null. */
export interface LiveWorkload {
  readonly workload: string;
  readonly targetRatePerSec: number | null;
}

type Labels = readonly (readonly [string, string])[];
interface Family {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'gauge' | 'histogram';
  readonly samples: string[];
}

/** The whole scrape: every family with its HELP and TYPE lines, samples in the order given. */
export function renderPrometheus(series: readonly LiveSeries[], workloads: readonly LiveWorkload[]): string {
  const families: Family[] = [
    counter('mcp_bench_calls_total', 'Measured calls completed (warmup excluded).', series.map((s) => sample('mcp_bench_calls_total', opLabels(s), s.calls))),
    counter('mcp_bench_calls_ok_total', 'Measured calls that succeeded (and passed their checks).', series.map((s) => sample('mcp_bench_calls_ok_total', opLabels(s), s.ok))),
    counter('mcp_bench_errors_total', 'Measured calls that errored, by outcome code.', series.flatMap(errorSamples)),
    counter('mcp_bench_checks_failed_total', 'Measured calls that failed a response check (neither ok nor errors).', series.map((s) => sample('mcp_bench_checks_failed_total', opLabels(s), s.checkFailed))),
    { name: 'mcp_bench_call_duration_seconds', help: 'Latency of measured calls (open model: from the scheduled start), seconds.', type: 'histogram', samples: series.flatMap(histogramSamples) },
    counter('mcp_bench_dropped_arrivals_total', 'Open model: arrivals not sent because too many calls were in flight.', series.flatMap((s) => (s.dropped === null ? [] : [sample('mcp_bench_dropped_arrivals_total', opLabels(s), s.dropped)]))),
    { name: 'mcp_bench_target_rate_per_second', help: 'Open model: the workload\'s fixed target arrival rate, calls per second.', type: 'gauge', samples: workloads.flatMap(rateSample) },
  ];
  return families.filter((family) => family.samples.length > 0).map(familyText).join('');
}

function counter(name: string, help: string, samples: string[]): Family {
  return { name, help, type: 'counter', samples };
}

function familyText(family: Family): string {
  return `# HELP ${family.name} ${escapeHelp(family.help)}\n# TYPE ${family.name} ${family.type}\n${family.samples.join('')}`;
}

function opLabels(s: LiveSeries): Labels {
  return [['workload', s.workload], ['operation', s.operation]];
}

function errorSamples(s: LiveSeries): string[] {
  return [...s.errors].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([code, n]) => sample('mcp_bench_errors_total', [...opLabels(s), ['code', code]], n));
}

function histogramSamples(s: LiveSeries): string[] {
  const name = 'mcp_bench_call_duration_seconds';
  const counts = cumulativeCounts(s.histogram, LATENCY_BUCKETS_US);
  const total = s.histogram.totalCount;
  const buckets = LATENCY_BUCKETS_S.map((bound, i) => sample(`${name}_bucket`, [...opLabels(s), ['le', formatNumber(bound)]], counts[i]!));
  const sumSeconds = total === 0 ? 0 : (s.histogram.mean * total) / 1_000_000;
  return [
    ...buckets,
    sample(`${name}_bucket`, [...opLabels(s), ['le', '+Inf']], total),
    sample(`${name}_sum`, opLabels(s), sumSeconds),
    sample(`${name}_count`, opLabels(s), total),
  ];
}

function rateSample(w: LiveWorkload): string[] {
  return w.targetRatePerSec === null ? [] : [sample('mcp_bench_target_rate_per_second', [['workload', w.workload]], w.targetRatePerSec)];
}

function sample(name: string, labels: Labels, value: number): string {
  const text = labels.map(([key, v]) => `${key}="${escapeLabelValue(v)}"`).join(',');
  return `${name}${text === '' ? '' : `{${text}}`} ${formatNumber(value)}\n`;
}

/** A label value: backslash, double quote and line feed escaped (the format's three escapes). */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** HELP text: backslash and line feed escaped. */
function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** Go's float text as Prometheus reads it: integers plainly, `+Inf`/`-Inf`/`NaN` spelled out. */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}
