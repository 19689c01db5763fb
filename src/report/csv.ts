/**
 * `--format csv` / `-o report.csv`: one row per operation per workload (and the workload's `all` row where the other
 * formats show one), for spreadsheets and scripts. Which workloads and rows there are comes from `workloadView`, as in
 * every format (a workload not run, or with no measured call, has no row); the figures are the summary's own numbers,
 * unformatted: counts whole, rates as fractions, latencies in milliseconds to the microsecond (the report's µs / 1000),
 * so they read as in the JSON report; bytes (requests and answers, decoded and on the wire) are sums over the calls,
 * empty where none were counted. Journey steps keep their full name (`journey › step`). RFC 4180: CRLF line ends,
 * a field with a comma, quote or line break quoted, quotes doubled.
 */
import { erroredCalls } from '../summary/checks.js';
import type { OperationSummary, RunSummary, WorkloadSummary } from '../summary/summary.js';
import { workloadView } from './workload-view.js';

export const CSV_COLUMNS = [
  'scenario', 'workload', 'variant', 'operation', 'calls', 'ok', 'errors', 'check_failed', 'error_rate', 'throughput_per_s',
  'p50_ms', 'p90_ms', 'p95_ms', 'p99_ms', 'p999_ms', 'max_ms', 'mean_ms',
  'request_bytes', 'request_wire_bytes', 'answer_bytes', 'answer_wire_bytes',
] as const;

export function renderCsv(summary: RunSummary): string {
  const rows: (readonly string[])[] = [CSV_COLUMNS];
  summary.workloads.forEach((workload, index) => {
    const view = workloadView(summary, index);
    if (view.notRun !== null) return;
    view.operations.forEach((row, i) => {
      const op = row.total ? workload.total : workload.operations[i]!;
      rows.push(operationRecord(summary.scenario.name, workload, op, row.total ? 'all' : op.name));
    });
  });
  return rows.map((fields) => fields.map(csvField).join(',') + '\r\n').join('');
}

function operationRecord(scenario: string, workload: WorkloadSummary, op: OperationSummary, name: string): string[] {
  const errors = erroredCalls(op);
  const measured = op.count > 0;
  const l = op.latencyUs;
  const ms = (us: number): string => (measured ? String(Math.round(us) / 1000) : '');
  return [
    scenario,
    workload.name,
    workload.variant ?? '',
    name,
    String(op.count),
    String(op.ok),
    String(errors),
    String(op.count - op.ok - errors),
    String(op.errorRate),
    String(op.throughputPerSec),
    ...[l.p50, l.p90, l.p95, l.p99, l.p999, l.max, l.mean].map(ms),
    ...byteFields(op),
  ];
}

/** The operation's bytes, decoded and on the wire, requests then answers (summary/payload-bytes.ts); empty when none. */
function byteFields(op: OperationSummary): string[] {
  const b = op.bytes;
  if (!b) return ['', '', '', ''];
  return [b.requests.decodedBytes, b.requests.wireBytes, b.answers.decodedBytes, b.answers.wireBytes].map(String);
}

/** One RFC 4180 field: quoted when it holds a comma, a double quote, CR or LF; quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
