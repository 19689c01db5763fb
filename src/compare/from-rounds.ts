/**
 * The comparison of a `variants:` run, from figures alone (pure): per workload and operation, each variant's merged
 * figures and, against the first variant, ratios with 95% intervals from the rounds. Round i of variant k is paired
 * with round i of the first variant (they ran next to each other, so they share the machine's state at the time);
 * the interval is a t-interval on the logarithms of those paired ratios (stats/ratio-interval.ts). It covers what
 * varies from round to round — machine drift, server warm-up, scheduling — which is what decides whether a
 * difference would show up again.
 */
import { ratioFromRounds } from '../stats/ratio-interval.js';
import type { ComparisonCell, ComparisonRow, ComparisonSummary, RoundFigures } from '../summary/comparison.js';

/** One variant's figures for one operation, merged over its rounds (the operation `all`: the workload's total). */
export type MergedFigures = Omit<RoundFigures, 'round'>;

export interface RoundsComparisonInput {
  /** In order; the first is the reference. */
  readonly variants: readonly string[];
  /** Rounds planned. */
  readonly rounds: number;
  readonly merged: readonly MergedFigures[];
  readonly roundFigures: readonly RoundFigures[];
}

/** HDR histograms floor at 1 µs: a latency recorded as 0 µs (under a microsecond) counts as 1 µs in a ratio. */
const FLOOR_US = 1;

export function comparisonFromRounds(input: RoundsComparisonInput): ComparisonSummary {
  const rows = rowKeys(input.merged).map(({ workload, operation }): ComparisonRow => ({
    workload,
    operation,
    cells: input.variants.map((variant, k) => cell(input, variant, k, workload, operation)),
  }));
  return { source: 'rounds', rounds: input.rounds, variants: input.variants, rows, roundFigures: input.roundFigures, notes: notes(input) };
}

/** Workloads in the order they first appear, each's operations in order, its total (`all`) last. */
function rowKeys(merged: readonly MergedFigures[]): { workload: string; operation: string }[] {
  const workloads: string[] = [];
  const operations = new Map<string, string[]>();
  for (const figures of merged) {
    if (!operations.has(figures.workload)) {
      workloads.push(figures.workload);
      operations.set(figures.workload, []);
    }
    const list = operations.get(figures.workload)!;
    if (figures.operation !== 'all' && !list.includes(figures.operation)) list.push(figures.operation);
  }
  return workloads.flatMap((workload) => [...operations.get(workload)!, 'all'].map((operation) => ({ workload, operation })));
}

function cell(input: RoundsComparisonInput, variant: string, index: number, workload: string, operation: string): ComparisonCell {
  const find = (name: string) => input.merged.find((f) => f.variant === name && f.workload === workload && f.operation === operation);
  const own = find(variant);
  const figures = {
    variant,
    count: own?.count ?? 0,
    p50Us: own?.p50Us ?? 0,
    p99Us: own?.p99Us ?? 0,
    throughputPerSec: own?.throughputPerSec ?? 0,
    errorRate: own?.errorRate ?? 0,
  };
  const reference = input.variants[0];
  if (index === 0 || reference === undefined) return figures;
  const pairs = pairedRounds(input.roundFigures, reference, variant, workload, operation);
  const latency = (a: number, b: number): number => Math.max(b, FLOOR_US) / Math.max(a, FLOOR_US);
  return {
    ...figures,
    vsFirst: {
      p50: ratioFromRounds(pairs.map(([a, b]) => latency(a.p50Us, b.p50Us))),
      p99: ratioFromRounds(pairs.map(([a, b]) => latency(a.p99Us, b.p99Us))),
      throughput: ratioFromRounds(pairs.map(([a, b]) => b.throughputPerSec / a.throughputPerSec)),
      errorRateDelta: errorRateDelta(own, find(reference)),
    },
  };
}

/**
 * Rounds in which both the reference and `variant` measured calls of the operation. With none, a ratio is unknown
 * (null), never 1.
 */
function pairedRounds(all: readonly RoundFigures[], reference: string, variant: string, workload: string, operation: string): [RoundFigures, RoundFigures][] {
  const of = (name: string) => all.filter((f) => f.variant === name && f.workload === workload && f.operation === operation && f.count > 0);
  const theirs = of(variant);
  return of(reference).flatMap((a): [RoundFigures, RoundFigures][] => {
    const b = theirs.find((f) => f.round === a.round);
    return b ? [[a, b]] : [];
  });
}

function notes(input: RoundsComparisonInput): string[] {
  const notes: string[] = [];
  const reference = input.variants[0] ?? '';
  notes.push(`ratios are ${input.variants.slice(1).join(', ') || 'each variant'} ÷ ${reference}, the geometric mean of the per-round ratios; intervals are 95% across rounds`);
  if (input.rounds === 1) notes.push('1 round: no intervals; set compare.rounds ≥ 2');
  const ran = input.variants.map((variant) => ({ variant, rounds: new Set(input.roundFigures.filter((f) => f.variant === variant).map((f) => f.round)).size }));
  for (const { variant, rounds } of ran) {
    if (rounds < input.rounds) notes.push(`${variant} ran ${rounds} of ${input.rounds} rounds (the run stopped early)`);
  }
  const floored = input.roundFigures.some((f) => f.count > 0 && (f.p50Us < FLOOR_US || f.p99Us < FLOOR_US));
  if (floored) notes.push('latencies under 1 µs count as 1 µs in ratios (the histograms’ resolution)');
  return notes;
}

/** Points between two merged error rates; null when either side measured no calls (0% of nothing is not 0%). */
function errorRateDelta(own: { count: number; errorRate: number } | undefined, reference: { count: number; errorRate: number } | undefined): number | null {
  return own && reference && own.count > 0 && reference.count > 0 ? own.errorRate - reference.errorRate : null;
}
