import type { ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { WorkloadSummary } from '../summary/summary.js';
import { formatCount, formatLatency, formatRate } from './format.js';

/** The shape part of an open-model workload's headline: target vs achieved rate, and drops in a warning colour. */
export function arrivalsShape(workload: WorkloadSummary, c: ChalkInstance): string | null {
  const a = workload.arrivals;
  if (!a) return null;
  const dropped = a.dropped > 0 ? c.yellow(` · ${formatCount(a.dropped)} dropped (max ${formatCount(workload.concurrency)} in flight)`) : '';
  return `${workload.type} · target ${formatRate(a.targetRatePerSec)}/s, sent ${formatRate(a.achievedRatePerSec)}/s${dropped}`;
}

/**
 * Beneath an open-model workload's table: what its latency means, the uncorrected service time per operation, and
 * how late the generator sent calls (a large send lag means the figures are bounded by the load generator).
 */
export function renderArrivals(workload: WorkloadSummary, c: ChalkInstance): string[] {
  const a = workload.arrivals;
  if (!a || workload.total.count === 0) return [];
  const table = new Table({
    head: ['service time', 'p50', 'p90', 'p99', 'max', 'dropped'].map((h) => c.bold(h)),
    style: { head: [], border: [], compact: true },
    colAligns: ['left', 'right', 'right', 'right', 'right', 'right'],
  });
  for (const op of workload.operations) {
    const s = op.serviceTimeUs;
    if (!s) continue;
    const dropped = op.dropped ? c.yellow(formatCount(op.dropped)) : '0';
    table.push([op.name, ...[s.p50, s.p90, s.p99, s.max].map((us) => (op.count ? formatLatency(us) : '—')), dropped]);
  }
  const lag = a.sendLagUs;
  return [
    c.dim('  latency above runs from each call\'s scheduled start (coordinated-omission corrected); service time from its actual send:'),
    table.toString().replace(/^/gm, '  '),
    c.dim(`  send lag (actual send − scheduled start): p50 ${formatLatency(lag.p50)}, p99 ${formatLatency(lag.p99)}, max ${formatLatency(lag.max)}`),
  ];
}
