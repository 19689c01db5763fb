import type { WorkloadSummary } from '../summary/summary.js';
import { formatLatency, formatRatio } from './format.js';

/**
 * For a concurrent workload that follows a sequential one running some of the same operations: how many times the
 * calls/s, and what that cost in latency on each shared operation (p50 sequential → p50 concurrent).
 * Returns null when there is nothing fair to compare. May span several lines (each continuation indented).
 */
export function compareWithSequential(workloads: readonly WorkloadSummary[], index: number): string | null {
  const current = workloads[index];
  if (!current || current.type === 'sequential' || current.total.count === 0) return null;
  const baseline = workloads
    .slice(0, index)
    .reverse()
    .find((w) => w.type === 'sequential' && w.variant === current.variant && w.total.count > 0 && sharedOperations(w, current).length > 0);
  if (!baseline || baseline.total.throughputPerSec === 0) return null;
  const speedup = current.total.throughputPerSec / baseline.total.throughputPerSec;
  const latency = sharedOperations(baseline, current).map(([before, after]) =>
    `${after.name} p50 ${formatLatency(before.latencyUs.p50)} → ${formatLatency(after.latencyUs.p50)}`,
  );
  const shared = sharedOperations(baseline, current).length;
  // Total calls/s of different mixes is not like for like (a mix with ping and list calls is cheaper): say so.
  const sameMix = shared === baseline.operations.length && shared === current.operations.length;
  const caveat = sameMix ? '' : ` (different mixes: ${shared} of ${current.operations.length} operations shared)`;
  const head = `vs ${baseline.name}: ${formatRatio(speedup)} the calls/s at ${current.concurrency} in flight${caveat}`;
  // One shared operation fits on the line; more go one per line beneath it.
  return latency.length === 1 ? `${head}; ${latency[0]}` : [`${head}:`, ...latency.map((line) => `    ${line}`)].join('\n');
}

function sharedOperations(a: WorkloadSummary, b: WorkloadSummary): [WorkloadSummary['operations'][number], WorkloadSummary['operations'][number]][] {
  const pairs: [WorkloadSummary['operations'][number], WorkloadSummary['operations'][number]][] = [];
  for (const op of a.operations) {
    const other = b.operations.find((o) => o.name === op.name);
    if (other && op.count > 0 && other.count > 0) pairs.push([op, other]);
  }
  return pairs;
}
