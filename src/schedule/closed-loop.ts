import type { Bound } from './bound.js';

export type Phase = 'warmup' | 'measure';

/** Whether to start another call, and whether it counts. */
export type ClosedLoopDecision = { readonly stop: true } | { readonly stop: false; readonly phase: Phase };

const STOP: ClosedLoopDecision = Object.freeze({ stop: true });
const WARMUP: ClosedLoopDecision = Object.freeze({ stop: false, phase: 'warmup' });
const MEASURE: ClosedLoopDecision = Object.freeze({ stop: false, phase: 'measure' });

/**
 * The schedule of a closed-loop workload (sequential, or N in flight): a new call starts as soon as a slot frees, so
 * the only questions are "another one?" and "warmup or measured?". Pure: it never reads a clock, the caller passes
 * the time, so it is table-tested without sleeping.
 *
 * A duration-bounded warmup ends at the first decision at or after its end; the measured phase starts there, and a
 * duration-bounded measured phase is timed from that moment. Calls are bounded by how many were *started*.
 */
export class ClosedLoopSchedule {
  private phase: Phase;
  private phaseStartUs: number;
  private startedInPhase = 0;
  private measureStart: number | null = null;
  private stopped = false;

  constructor(
    private readonly warmup: Bound | null,
    private readonly measure: Bound,
    startUs: number,
  ) {
    this.phase = warmup ? 'warmup' : 'measure';
    this.phaseStartUs = startUs;
    if (!warmup) this.measureStart = startUs;
  }

  /** When the measured phase began, or null while still warming up. */
  get measureStartUs(): number | null {
    return this.measureStart;
  }

  /** When a duration-bounded measured phase ends (clock µs); +Infinity while warming up or when bounded by count. */
  get measureDeadlineUs(): number {
    return this.measureStart !== null && this.measure.kind === 'duration' ? this.measureStart + this.measure.us : Number.POSITIVE_INFINITY;
  }

  next(nowUs: number): ClosedLoopDecision {
    if (this.stopped) return STOP;
    this.settle(nowUs);
    if (this.phase === 'measure' && this.reached(this.measure, nowUs)) return STOP;
    this.startedInPhase++;
    return this.phase === 'warmup' ? WARMUP : MEASURE;
  }

  /**
   * Moves a finished warmup into the measured phase without starting a call: for workers that are not starting calls
   * (a ramp's users above its start value, or all of a shard's users when it owns none of the start), whose warmup
   * must still end on time for their ramp to begin.
   */
  settle(nowUs: number): void {
    if (this.phase === 'warmup' && this.warmup && this.reached(this.warmup, nowUs)) {
      this.phase = 'measure';
      this.phaseStartUs = nowUs;
      this.startedInPhase = 0;
      this.measureStart = nowUs;
    }
  }

  /** Ends the schedule early (interrupt or fatal target failure): every later decision is STOP. */
  stop(): void {
    this.stopped = true;
  }

  private reached(bound: Bound, nowUs: number): boolean {
    return bound.kind === 'iterations'
      ? this.startedInPhase >= bound.count
      : nowUs - this.phaseStartUs >= bound.us;
  }
}
