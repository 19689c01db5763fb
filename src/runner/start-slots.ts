/**
 * The time slots of a synchronised start (`--start-at`), derived from the plan alone, so every shard computes the same
 * ones and the same workload runs at the same time on every shard, without a coordinator. Pure.
 *
 * Slot 0 is the start instant; each next slot is the previous one plus that workload's planned length (warmup +
 * measured phase) plus SLOT_GAP_US for closing its connections and opening the next workload's. A plan with variants
 * continues the sequence through its rounds in the order they run (round 1: A's workloads, B's, …; round 2: …). A
 * workload bounded by a number of calls has no planned length: every slot after it is "when ready".
 */
import type { Bound } from '../schedule/bound.js';
import type { Plan } from '../scenario/plan.js';
import type { WorkloadPlan } from '../workloads/plan.js';

/** Between two workloads' slots, beyond the first one's planned length: time to close its sessions and open the next. */
export const SLOT_GAP_US = 2_000_000;

export interface StartSlot {
  /** The workload as progress names it: `echo`, or `echo (variant fast, round 2)`. */
  readonly label: string;
  /** µs after the start instant; null: when ready (a count-bounded workload ran before it). */
  readonly offsetUs: number | null;
}

export interface StartSlots {
  /** One slot per workload, in the order the run executes them (runPlan's position; runRounds continues it). */
  readonly slots: readonly StartSlot[];
  /** Why later slots are "when ready" (one sentence for the report), or null when every slot is timed. */
  readonly whenReady: string | null;
}

/** The slots of every workload the plan runs, in execution order. */
export function startSlots(plan: Plan): StartSlots {
  const slots: StartSlot[] = [];
  let offsetUs: number | null = 0;
  let untimedBy: string | null = null;
  for (const { workload, label } of executionOrder(plan)) {
    slots.push({ label, offsetUs });
    const lengthUs = plannedLengthUs(workload);
    if (lengthUs === null) untimedBy ??= label;
    offsetUs = offsetUs === null || lengthUs === null ? null : offsetUs + lengthUs + SLOT_GAP_US;
  }
  // Only a count-bounded workload with another after it leaves a slot untimed (the last one's length does not matter).
  const whenReady = slots.some((slot) => slot.offsetUs === null)
    ? `${untimedBy} is bounded by a number of calls, so its length is not planned: the workloads after it start when ready, not at the same instant on every shard (bound it by a duration to keep them in step)`
    : null;
  return { slots, whenReady };
}

/** The workloads in the order a run executes them: the plan's, or every round of every variant's. */
export function executionOrder(plan: Plan): { readonly workload: WorkloadPlan; readonly label: string }[] {
  const variants = plan.variants ?? [];
  if (variants.length === 0) return plan.workloads.map((workload) => ({ workload, label: workload.name }));
  const rounds = plan.compare?.rounds ?? 1;
  const order: { workload: WorkloadPlan; label: string }[] = [];
  for (let round = 1; round <= rounds; round++) {
    for (const variant of variants) {
      for (const workload of variant.workloads) order.push({ workload, label: `${workload.name} (variant ${variant.name}, round ${round})` });
    }
  }
  return order;
}

/** Warmup plus the measured phase, or null when either is a number of calls (its length is not known beforehand). */
export function plannedLengthUs(workload: WorkloadPlan): number | null {
  const warmup = workload.warmup === null ? 0 : boundUs(workload.warmup);
  const measure = boundUs(workload.measure);
  return warmup === null || measure === null ? null : warmup + measure;
}

function boundUs(bound: Bound): number | null {
  return bound.kind === 'duration' ? bound.us : null;
}
