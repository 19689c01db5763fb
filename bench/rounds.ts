/**
 * Contenders measured side by side: alternating rounds (A B C, then C B A, …) so that drift on a shared machine (other
 * processes, thermal state, a JIT warming up) falls on every contender alike, and ratios taken within a round, where
 * the contenders saw the same machine, rather than between medians taken minutes apart.
 */
import { ratioFromRounds } from '../src/stats/ratio-interval.js';
import type { Figures, RatioResult } from './report.js';

export interface Contender {
  readonly name: string;
  readonly run: () => Promise<Figures>;
}

/** Round r runs the contenders forwards when r is even, backwards when odd: nobody always goes first. */
export function roundOrder<T>(items: readonly T[], round: number): readonly T[] {
  return round % 2 === 0 ? items : [...items].reverse();
}

/**
 * Runs every contender `rounds` times in alternating order; returns each one's figures per round (index = round).
 * `log` gets one line per run (stderr in the benchmarks), so a long suite shows it is alive. With `deadlineMs` (a
 * performance.now() instant), a round that would likely end past it (judged by the longest round so far) is not
 * started — at least one round always runs — so a benchmark on a busy machine ends with fewer rounds, not killed.
 */
export async function runRounds(
  contenders: readonly Contender[],
  rounds: number,
  log: (line: string) => void,
  deadlineMs = Infinity,
): Promise<Record<string, Figures[]>> {
  const results: Record<string, Figures[]> = Object.fromEntries(contenders.map((c) => [c.name, []]));
  let longestMs = 0;
  for (let round = 0; round < rounds; round++) {
    const roundStart = performance.now();
    if (round > 0 && roundStart + longestMs > deadlineMs) {
      log(`stopping after ${round} of ${rounds} rounds: another would pass the time budget`);
      break;
    }
    for (const contender of roundOrder(contenders, round)) {
      const figures = await contender.run();
      results[contender.name]!.push(figures);
      log(`round ${round + 1} ${contender.name}: ${formatFigures(figures)}`);
    }
    longestMs = Math.max(longestMs, performance.now() - roundStart);
  }
  return results;
}

export function formatFigures(figures: Figures): string {
  return Object.entries(figures)
    .map(([key, value]) => `${key} ${value === null ? '—' : Number.isInteger(value) ? value : value.toFixed(2)}`)
    .join(', ');
}

/**
 * Splits what is left of a time budget evenly over the parts still to run: the deadline for the next part.
 * `budgetEndMs` Infinity (no budget) gives Infinity.
 */
export function shareOfBudget(budgetEndMs: number, partsLeft: number): number {
  const now = performance.now();
  return now + (budgetEndMs - now) / Math.max(1, partsLeft);
}

/** Median (the mean of the two middle values of an even count); null for no values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Each figure's median over the rounds that measured it. */
export function medianFigures(rounds: readonly Figures[]): Figures {
  const keys = [...new Set(rounds.flatMap((r) => Object.keys(r)))];
  return Object.fromEntries(
    keys.map((key) => [key, median(rounds.map((r) => r[key]).filter((v): v is number => typeof v === 'number'))]),
  );
}

/**
 * The median over rounds of `slower − faster` of one figure, paired round by round: what one contender adds to the
 * other (ns per call of a template, per entry of a journey). Null when no round has both.
 */
export function medianDifference(results: Readonly<Record<string, readonly Figures[]>>, slower: string, faster: string, figure: string): number | null {
  const differences = (results[slower] ?? []).flatMap((figures, round) => {
    const a = figures[figure];
    const b = results[faster]?.[round]?.[figure];
    return typeof a === 'number' && typeof b === 'number' ? [a - b] : [];
  });
  differences.sort((a, b) => a - b);
  return differences[Math.floor(differences.length / 2)] ?? null;
}

/**
 * `numerator / denominator` of one figure, round by round (rounds where either side is missing or zero are left
 * out), with the median of those paired ratios and their geometric mean with a 95% t-interval on the logs.
 */
export function pairedRatio(
  results: Readonly<Record<string, readonly Figures[]>>,
  numerator: string,
  denominator: string,
  metric: string,
): RatioResult {
  const top = results[numerator] ?? [];
  const bottom = results[denominator] ?? [];
  const perRound: number[] = [];
  for (let i = 0; i < Math.min(top.length, bottom.length); i++) {
    const a = top[i]?.[metric];
    const b = bottom[i]?.[metric];
    if (typeof a === 'number' && typeof b === 'number' && b > 0 && a > 0) perRound.push(a / b);
  }
  return { numerator, denominator, metric, perRound, median: median(perRound), interval: ratioFromRounds(perRound) };
}
