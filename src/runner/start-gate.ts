/**
 * Waiting for the synchronised start (`--start-at`): every shard connects, checks the server (preflight), then waits
 * here for its workload's slot (start-slots.ts) before the executor starts. The start instant is wall-clock time; it is
 * turned into the injected Clock's µs once, by reading both clocks together when the gate is made, and waited for on
 * the monotonic clock from then on (clock.sleepUntilUs). Latency is only ever measured on that monotonic clock, so a
 * skewed wall clock shifts when a shard starts, never what it measures.
 *
 * The first slot this shard waits for decides whether it is in step: ready later than `maxLateUs` after it, the shard
 * runs nothing (its report is marked late, the CLI exits 4), since its load would not overlap the others' as planned.
 * A later slot that is already past starts at once, with a warning saying by how much it was late.
 */
import { formatDuration } from '../input/units.js';
import type { Plan, StartPlan } from '../scenario/plan.js';
import type { Clock } from '../time/clock.js';
import { startSlots, type StartSlots } from './start-slots.js';

/** What waiting for a slot ended in. `lateUs`: how long after the slot the workload was ready (≤ 0: on time). */
export type SlotWait =
  | { readonly kind: 'start'; readonly lateUs: number }
  /** The first slot was missed by more than maxLate: this shard runs nothing. */
  | { readonly kind: 'missed'; readonly lateUs: number }
  /** The stop signal fired while waiting. */
  | { readonly kind: 'interrupted' };

export class StartGate {
  private readonly slots: StartSlots;
  /** The Clock's µs at the start instant. */
  private readonly startClockUs: number;
  private firstOffsetUs: number | null = null;
  private missed = false;
  private readonly notes: string[] = [];

  constructor(
    private readonly start: StartPlan,
    plan: Plan,
    private readonly clock: Clock,
    now: () => Date,
  ) {
    this.slots = startSlots(plan);
    // Both clocks read together, once: wall-clock instants become monotonic µs from here on.
    const wallUs = now().getTime() * 1000;
    const clockUs = clock.nowUs();
    this.startClockUs = clockUs + (start.atEpochMs * 1000 - wallUs);
    if (this.slots.whenReady !== null) this.notes.push(this.slots.whenReady);
  }

  /** The gate of a plan with a start time, or null (every workload starts when ready). */
  static of(plan: Plan, clock: Clock, now: () => Date): StartGate | null {
    return plan.start ? new StartGate(plan.start, plan, clock, now) : null;
  }

  /** True once this shard missed its first slot by more than maxLate: nothing more may run. */
  get late(): boolean {
    return this.missed;
  }

  /** How long after its slot the first workload this shard ran was ready to start (µs; negative never: it waits). */
  get startOffsetUs(): number | null {
    return this.firstOffsetUs;
  }

  /** What the report should say about the start: slots untimed after a count-bounded workload, lateness. */
  get warnings(): readonly string[] {
    return this.notes;
  }

  /** Waits for the slot of the workload at `position` in execution order (start-slots.ts), after it has connected. */
  async waitForSlot(position: number, signal: AbortSignal): Promise<SlotWait> {
    const slot = this.slots.slots[position];
    const first = this.firstOffsetUs === null;
    if (this.missed) return { kind: 'missed', lateUs: 0 };
    if (slot === undefined || slot.offsetUs === null) return this.started(first, 0);
    const deadlineUs = this.startClockUs + slot.offsetUs;
    const lateUs = this.clock.nowUs() - deadlineUs;
    if (first && lateUs > this.start.maxLateUs) {
      this.missed = true;
      this.notes.push(
        `this shard missed the synchronised start: ${slot.label} was ready ${formatDuration(lateUs)} after its slot, more than --max-late ${formatDuration(this.start.maxLateUs)}; it ran nothing and its report is marked late (give a later --start-at, or start every shard sooner)`,
      );
      return { kind: 'missed', lateUs };
    }
    if (lateUs > 0 && !first) {
      this.notes.push(`${slot.label} started ${formatDuration(lateUs)} after its slot (the workload before it ran or closed late): it did not run in step with the other shards`);
    }
    if (lateUs < 0) await this.clock.sleepUntilUs(deadlineUs, signal);
    if (signal.aborted) return { kind: 'interrupted' };
    return this.started(first, Math.max(0, this.clock.nowUs() - deadlineUs));
  }

  private started(first: boolean, lateUs: number): SlotWait {
    if (first) this.firstOffsetUs = Math.round(lateUs);
    return { kind: 'start', lateUs };
  }
}
