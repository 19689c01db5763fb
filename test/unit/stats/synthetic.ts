import { createHistogram, encodeHistogram, latencyStats, mergeHistograms, recordUs, round2, type Histogram } from '../../../src/stats/histogram.js';
import type { OperationSummary, RunSummary, WorkloadSummary } from '../../../src/summary/summary.js';
import { seededRandom } from '../../../src/random/seeded.js';
import type { WorkloadType } from '../../../src/workloads/plan.js';
import { fixtureSummary } from '../../fixtures/summary.js';

/**
 * Synthetic runs for the statistics tests: latencies drawn from a lognormal distribution with a seeded source
 * (stream 'test'), so every "noisy" sample is the same on every machine, and summaries built from them the way
 * summarize.ts builds a real one.
 */

/** Median 1 ms, σ = 0.5 on the log scale: a right-skewed latency distribution like real ones (p99 ≈ 3.2 ms). */
export const MEDIAN_US = 1_000;
export const SIGMA = 0.5;

/** The true q-quantile of the default distribution (× scale), for coverage checks. */
export function trueQuantileUs(zScore: number, scale = 1): number {
  return MEDIAN_US * scale * Math.exp(SIGMA * zScore);
}

/** Standard normal quantiles used by the tests. */
export const Z = { p50: 0, p99: 2.3263478740408408, 'p99.9': 3.090232306167813 } as const;

/** The true mean of the default lognormal (× scale): median · e^(σ²/2). */
export function trueMeanUs(scale = 1): number {
  return MEDIAN_US * scale * Math.exp((SIGMA * SIGMA) / 2);
}

/** `count` lognormal latencies (µs) from `seed`, each multiplied by `scale` (a true shift of the whole distribution). */
export function lognormalDraws(seed: number, count: number, scale = 1): number[] {
  const random = seededRandom(seed, 'test');
  const draws: number[] = [];
  for (let i = 0; i < count; i++) {
    const u1 = 1 - random(); // (0, 1]: log is finite
    const u2 = random();
    const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    draws.push(MEDIAN_US * scale * Math.exp(SIGMA * z));
  }
  return draws;
}

export function histogramOf(latenciesUs: readonly number[]): Histogram {
  const histogram = createHistogram();
  for (const us of latenciesUs) recordUs(histogram, us);
  return histogram;
}

export interface SyntheticOperation {
  readonly name: string;
  readonly latenciesUs: readonly number[];
  /** Failed calls among them (the first `errors`). */
  readonly errors?: number;
}

export interface SyntheticWorkload {
  readonly name: string;
  readonly variant?: string;
  /** Default: concurrent (a closed loop). */
  readonly type?: WorkloadType;
  readonly concurrency?: number;
  readonly operations: readonly SyntheticOperation[];
  /** Open model: the calls/s the schedule held; closed loops derive theirs from the latencies (Little's law). */
  readonly throughputPerSec?: number;
}

let base: RunSummary | undefined;

/** A RunSummary holding the given workloads, built on the fixed fixture for everything else. */
export function syntheticSummary(workloads: readonly SyntheticWorkload[], startedAt = '2026-01-01T00:00:00.000Z'): RunSummary {
  base ??= fixtureSummary();
  const template = base.workloads[0]!;
  return { ...base, startedAt, workloads: workloads.map((w) => syntheticWorkload(template, w)) };
}

function syntheticWorkload(template: WorkloadSummary, w: SyntheticWorkload): WorkloadSummary {
  const concurrency = w.concurrency ?? 4;
  const histograms = w.operations.map((op) => histogramOf(op.latenciesUs));
  const allLatencies = w.operations.flatMap((op) => op.latenciesUs);
  // A closed loop of c callers is busy for Σ latency / c: that is the run's duration.
  const durationUs = w.throughputPerSec === undefined ? allLatencies.reduce((a, b) => a + b, 0) / concurrency : (allLatencies.length * 1e6) / w.throughputPerSec;
  const operations = w.operations.map((op, i) => operationOf(op.name, histograms[i]!, op.latenciesUs.length, op.errors ?? 0, durationUs));
  const errors = w.operations.reduce((sum, op) => sum + (op.errors ?? 0), 0);
  const total = operationOf('all', mergeHistograms(histograms), allLatencies.length, errors, durationUs);
  return {
    ...template,
    name: w.name,
    ...(w.variant !== undefined && { variant: w.variant }),
    type: w.type ?? 'concurrent',
    concurrency,
    durationUs: Math.round(durationUs),
    operations,
    total,
    thresholds: [],
  };
}

function operationOf(name: string, histogram: Histogram, count: number, errors: number, durationUs: number): OperationSummary {
  return {
    name,
    count,
    ok: count - errors,
    errors: errors > 0 ? { 'tool-error': errors } : {},
    errorRate: count === 0 ? 0 : errors / count,
    throughputPerSec: durationUs > 0 ? round2((count * 1_000_000) / durationUs) : 0,
    latencyUs: latencyStats(histogram),
    histogram: encodeHistogram(histogram),
    warmupCalls: 0,
  };
}

/** One closed-loop workload `w` with one operation `echo` of the given latencies. */
export function oneOperationRun(latenciesUs: readonly number[], errors = 0): RunSummary {
  return syntheticSummary([{ name: 'w', operations: [{ name: 'echo', latenciesUs, errors }] }]);
}
