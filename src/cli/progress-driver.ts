import { Chalk } from 'chalk';
import { formatLatency } from '../report/format.js';
import { measuredTotals, type LiveSource, type WorkloadRun } from '../runner/run.js';
import type { WorkloadPlan } from '../workloads/plan.js';
import type { Clock } from '../time/clock.js';
import type { CliIo, OutputStream } from './io.js';
import { connectingState, countOf, phaseOf, progressState, renderProgress, type ProgressState } from './progress.js';

/**
 * Progress on stderr. `live`: one line per running workload, redrawn in place (terminals); `lines`: a short line when a
 * workload starts sending calls (connected) and one when it ends, no redraws (pipes, CI); `off`: nothing (`--quiet`).
 */
export type ProgressMode = 'live' | 'lines' | 'off';

export function progressMode(io: CliIo, quiet: boolean): ProgressMode {
  if (quiet) return 'off';
  return io.stderr.isTTY === true && !isCi(io.env) ? 'live' : 'lines';
}

/** `CI` set to anything but empty, `0` or `false` (CI services set `CI=true`). */
export function isCi(env: CliIo['env']): boolean {
  const ci = env['CI'];
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

/** Repeats `tick` every `ms` until the returned function is called. */
export type Ticker = (ms: number, tick: () => void) => () => void;

/** setInterval, unref'd: a progress line never keeps the process alive. */
export const intervalTicker: Ticker = (ms, tick) => {
  const timer = setInterval(tick, ms);
  timer.unref();
  return () => clearInterval(timer);
};

export interface ProgressOptions {
  readonly stream: OutputStream;
  readonly clock: Clock;
  readonly mode: ProgressMode;
  readonly color: boolean;
  /** Redraw period; 250 ms (4 per second) by default. */
  readonly intervalMs?: number;
  readonly ticker?: Ticker;
}

interface Tracking {
  readonly workload: WorkloadPlan;
  readonly live: LiveSource;
  lastTickUs: number;
  lastCompleted: number;
  measureStartUs: number | null;
}

const CLEAR_LINE = '\r\x1b[2K';
const DEFAULT_WIDTH = 80;

/** Owns the redraw timer and the stream. Every path out of a run must call `close()` (idempotent). */
export class ProgressDriver {
  private readonly c: InstanceType<typeof Chalk>;
  private tracking: Tracking | null = null;
  private stopTicker: (() => void) | null = null;
  /** The line on screen (live mode), redrawn after a note. */
  private shown: ProgressState | null = null;

  constructor(private readonly options: ProgressOptions) {
    this.c = new Chalk({ level: options.color ? 1 : 0 });
  }

  /** Connecting: a terminal shows `name connecting…`. */
  workloadStarted(workload: WorkloadPlan): void {
    if (this.options.mode === 'live') this.draw(connectingState(workload.name));
  }

  /** Connected, calls start (warmup first): the start line, or the live line and its timer. */
  measuring(workload: WorkloadPlan, live: LiveSource): void {
    if (this.options.mode === 'lines') this.write(`▶ ${workload.name} (${workload.type})\n`);
    if (this.options.mode !== 'live') return;
    this.stopTimer();
    const nowUs = this.options.clock.nowUs();
    const measureStartUs = workload.warmup === null ? live.startedUs : null;
    this.tracking = { workload, live, lastTickUs: nowUs, lastCompleted: 0, measureStartUs };
    this.stopTicker = (this.options.ticker ?? intervalTicker)(this.options.intervalMs ?? 250, () => this.tick());
    this.tick();
  }

  workloadEnded(run: WorkloadRun): void {
    this.ended(endLineParts(run));
  }

  /** A workload ended, told by its figures (the merged workers' have no WorkloadRun): the end line, or the line cleared. */
  ended(parts: EndLineParts): void {
    this.stopTimer();
    this.tracking = null;
    if (this.options.mode === 'live') this.clear();
    if (this.options.mode === 'lines') this.write(`${endLineOf(parts, this.c)}\n`);
  }

  /** A message (e.g. on a signal): the progress line is cleared, the message written, the line drawn again below it. */
  note(text: string): void {
    if (this.options.mode !== 'live' || this.shown === null) {
      this.write(text);
      return;
    }
    const shown = this.shown;
    this.write(`${CLEAR_LINE}${text.replace(/^\n+/, '')}`);
    this.shown = null;
    this.draw(shown);
  }

  /** Stops the timer and clears the line. Safe to call more than once. */
  close(): void {
    this.stopTimer();
    this.tracking = null;
    this.clear();
  }

  /** One redraw: a snapshot (which starts the next window), the rate over the window since the last tick. */
  private tick(): void {
    const t = this.tracking;
    if (!t) return;
    try {
      const nowUs = this.options.clock.nowUs();
      const snapshot = t.live.snapshot();
      const completed = snapshot.calls + snapshot.warmupCalls;
      const windowUs = nowUs - t.lastTickUs;
      const ratePerSec = windowUs > 0 ? ((completed - t.lastCompleted) * 1e6) / windowUs : 0;
      const phase = phaseOf(t.workload.warmup, snapshot, nowUs - t.live.startedUs);
      if (phase === 'measure' && t.measureStartUs === null) t.measureStartUs = measureStartGuess(t, nowUs);
      t.lastTickUs = nowUs;
      t.lastCompleted = completed;
      this.draw(progressState(t.workload, { nowUs, startedUs: t.live.startedUs, measureStartUs: t.measureStartUs, snapshot, ratePerSec }));
    } catch {
      // Progress is decoration: a failure here must never disturb the run.
      this.stopTimer();
    }
  }

  private draw(state: ProgressState): void {
    const width = this.options.stream.columns ?? DEFAULT_WIDTH;
    this.write(`${CLEAR_LINE}${renderProgress(state, width, this.options.color)}`);
    this.shown = state;
  }

  private clear(): void {
    if (this.shown === null) return;
    this.write(CLEAR_LINE);
    this.shown = null;
  }

  private stopTimer(): void {
    this.stopTicker?.();
    this.stopTicker = null;
  }

  private write(text: string): void {
    this.options.stream.write(text);
  }
}

/** A timed warmup ends on time; after counted warmup calls, the tick that first sees the measured phase. */
function measureStartGuess(t: Tracking, nowUs: number): number {
  const warmup = t.workload.warmup;
  return warmup?.kind === 'duration' ? t.live.startedUs + warmup.us : nowUs;
}

/** What an end line says about a workload. */
export interface EndLineParts {
  readonly name: string;
  readonly status: WorkloadRun['status'];
  readonly failureCode: string | null;
  /** Measured calls and errors and the measured window; null when the workload never got to measure. */
  readonly measured: { readonly calls: number; readonly errors: number; readonly durationUs: number } | null;
}

export function endLineParts(run: WorkloadRun): EndLineParts {
  const start = run.execution?.measureStartUs;
  const end = run.execution?.measureEndUs;
  const measured = {
    ...measuredTotals(run),
    durationUs: start != null && end != null ? Math.max(0, end - start) : 0,
  };
  return { name: run.workload.name, status: run.status, failureCode: run.failure?.code ?? null, measured: run.recorder ? measured : null };
}

/**
 * `✓ echo completed · 2,000 calls in 2.75s · 0 errors` (non-terminal progress, one per workload);
 * `✗ echo failed (transport:ENOENT)` when it never got to send a call.
 */
export function endLine(run: WorkloadRun, c: InstanceType<typeof Chalk> = new Chalk({ level: 0 })): string {
  return endLineOf(endLineParts(run), c);
}

export function endLineOf(parts: EndLineParts, c: InstanceType<typeof Chalk> = new Chalk({ level: 0 })): string {
  const { status, measured } = parts;
  const mark = status === 'completed' ? c.green('✓') : status === 'failed' ? c.red('✗') : c.yellow('■');
  const failure = parts.failureCode ? ` (${parts.failureCode})` : '';
  if (!measured) return `${mark} ${parts.name} ${status}${failure}`;
  const errorText = countOf(measured.errors, 'error');
  return `${mark} ${parts.name} ${status}${failure} · ${countOf(measured.calls, 'call')} in ${formatLatency(measured.durationUs)} · ${measured.errors > 0 ? c.yellow(errorText) : errorText}`;
}
