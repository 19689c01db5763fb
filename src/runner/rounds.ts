/**
 * A `variants:` run: every variant's workloads, in interleaved rounds (round 1: A B C, round 2: A B C, …), so slow
 * drift of the machine (thermal throttling, a neighbour's load, caches warming) falls on every variant alike instead
 * of on whichever ran last. Each variant runs through runPlan exactly as a plain scenario would (a fresh connection,
 * and a fresh built-in server, per workload); every round's results are kept, for the per-round ratios of the
 * comparison and for exact merges (merge-runs.ts).
 */
import type { AbortedBy } from '../thresholds/types.js';
import type { Plan, VariantPlan } from '../scenario/plan.js';
import { runPlan, type RunDependencies, type RunResult } from './run.js';

/** One variant's run in one round. */
export interface VariantRound {
  /** 1-based. */
  readonly round: number;
  readonly variant: string;
  readonly result: RunResult;
}

export interface RoundsResult {
  readonly plan: Plan;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  /** Rounds planned (compare.rounds); fewer ran when the run stopped early. */
  readonly rounds: number;
  /** The variants in order; the first is the reference of every ratio. */
  readonly variants: readonly VariantPlan[];
  /** Every variant's run in every round, in the order they ran. */
  readonly runs: readonly VariantRound[];
  /** The stop signal ended the run before every round was done. */
  readonly interrupted: boolean;
  /** Set when an abortOnFail threshold stopped a variant's run (and with it every later round). */
  readonly abortedBy: AbortedBy | null;
}

export interface RoundStart {
  readonly round: number;
  readonly rounds: number;
  readonly variant: string;
}

export interface RoundsDependencies extends RunDependencies {
  /** A variant's run of one round is about to start (for progress output: the workloads' own names repeat). */
  readonly onRoundStart?: (start: RoundStart) => void;
}

/** runPlan's shape, so the order of rounds can be tested without servers. */
export type RunVariant = (plan: Plan, deps: RunDependencies) => Promise<RunResult>;

/**
 * Runs compare.rounds rounds of every variant, A B A B …. Stops after the run in progress when the stop signal
 * fires, when a threshold aborts a run (abortOnFail), or when a workload failed (a target that crashed or refused
 * connections: what was measured is kept, as in a plain run).
 */
export async function runRounds(plan: Plan, deps: RoundsDependencies, runVariant: RunVariant = runPlan): Promise<RoundsResult> {
  const variants = plan.variants ?? [];
  const rounds = plan.compare?.rounds ?? 1;
  const startedAt = deps.now();
  const runs: VariantRound[] = [];
  let abortedBy: AbortedBy | null = null;
  let halted = false;
  // Variants' rounds continue the plan's sequence of start slots (start-slots.ts), in the order they run.
  let firstSlot = deps.firstSlot ?? 0;
  for (let round = 1; round <= rounds && !halted; round++) {
    for (const variant of variants) {
      if (deps.stopSignal.aborted || deps.startGate?.late) {
        halted = true;
        break;
      }
      deps.onRoundStart?.({ round, rounds, variant: variant.name });
      const result = await runVariant(variantPlan(plan, variant), { ...deps, firstSlot });
      firstSlot += variant.workloads.length;
      runs.push({ round, variant: variant.name, result });
      const aborted = abortedByOf(result);
      if (aborted) abortedBy = { ...aborted, variant: variant.name };
      if (aborted || result.workloads.some((run) => run.status === 'failed')) {
        halted = true;
        break;
      }
    }
  }
  return { plan, startedAt, finishedAt: deps.now(), rounds, variants, runs, interrupted: deps.stopSignal.aborted, abortedBy };
}

/** The plan one variant runs: its target and workloads, no variants of its own. */
export function variantPlan(plan: Plan, variant: VariantPlan): Plan {
  const { variants: _variants, compare: _compare, ...base } = plan;
  return { ...base, target: variant.target, targetLabel: variant.targetLabel, workloads: variant.workloads };
}

/** The abortOnFail threshold that stopped this variant's run, if one did. */
export function abortedByOf(result: RunResult): AbortedBy | null {
  return result.abortedBy ?? null;
}
