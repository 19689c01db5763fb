import { sameRequest } from '../compare/keyed-operations.js';
import type { OperationSummary, WorkloadSummary } from '../summary/summary.js';
import { findWorkloadType } from '../workloads/registry.js';
import { formatLatency, formatRatio } from './format.js';

/**
 * Which workloads the speed-up line compares, decided from the workload types' descriptors (no type is named here):
 * a closed-loop workload with more than one call in flight, against the nearest earlier closed-loop workload with
 * one call in flight, of the same variant, that measured calls of some of the same operations. Open-model workloads
 * are never compared: their calls/s is what the schedule asked for, not what concurrency bought. Neither is a type
 * this version does not know (a saved report's), since its load model is unknown.
 */
function closedLoop(workload: WorkloadSummary): boolean {
  return findWorkloadType(workload.type)?.model === 'closed' && workload.total.count > 0;
}

/**
 * For a closed-loop workload with calls in parallel that follows a one-in-flight one running some of the same
 * operations: how many times the calls/s, and what that cost in latency on each shared operation (p50 before → p50
 * after). Null when there is nothing fair to compare. The first line, then one line per shared operation when there
 * are several (one shared operation fits on the first line).
 */
export function speedupLines(workloads: readonly WorkloadSummary[], index: number): string[] | null {
  const current = workloads[index];
  if (!current || !closedLoop(current) || current.concurrency <= 1) return null;
  const baseline = workloads
    .slice(0, index)
    .reverse()
    .find((w) => closedLoop(w) && w.concurrency === 1 && w.variant === current.variant && sharedOperations(w, current).length > 0);
  if (!baseline || baseline.total.throughputPerSec === 0) return null;
  const speedup = current.total.throughputPerSec / baseline.total.throughputPerSec;
  const shared = sharedOperations(baseline, current);
  const latency = shared.map(([before, after]) => `${after.name} p50 ${formatLatency(before.latencyUs.p50)} → ${formatLatency(after.latencyUs.p50)}`);
  // Total calls/s of different mixes is not like for like (a mix with ping and list calls is cheaper): say so.
  const sameMix = shared.length === baseline.operations.length && shared.length === current.operations.length;
  const caveat = sameMix ? '' : ` (different mixes: ${shared.length} of ${current.operations.length} operations shared)`;
  const head = `vs ${baseline.name}: ${formatRatio(speedup)} the calls/s at ${current.concurrency} in flight${caveat}`;
  return latency.length === 1 ? [`${head}; ${latency[0]}`] : [`${head}:`, ...latency];
}

/** The speed-up lines as one text, each line after the first indented beneath it (the terminal's layout). */
export function speedupText([head = '', ...perOperation]: readonly string[]): string {
  return [head, ...perOperation.map((line) => `    ${line}`)].join('\n');
}

/** Operations both workloads measured: the same name sending the same request (arguments included). */
function sharedOperations(a: WorkloadSummary, b: WorkloadSummary): [OperationSummary, OperationSummary][] {
  const pairs: [OperationSummary, OperationSummary][] = [];
  for (const op of a.operations) {
    const other = b.operations.find((o) => o.name === op.name && sameRequest(o.signature, op.signature));
    if (other && op.count > 0 && other.count > 0) pairs.push([op, other]);
  }
  return pairs;
}
