import type { Clock } from '../time/clock.js';
import { ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';

/**
 * What SIGINT/SIGTERM do during a run. First signal: `stopSignal` aborts (no new calls; calls in flight may finish)
 * and a grace timer starts. Grace over: `abandonSignal` aborts (the runner stops waiting for calls in flight and
 * reports what was measured). Second signal: exit at once, without a report. As a last resort, a run that has still
 * not ended `EXIT_DEADLINE_US` after the grace period is exited the same way, so an interrupted run always ends. Exiting
 * at once SIGKILLs every server process group still running (CliIo.exitNow), so none is left behind.
 */
export interface Interrupts {
  readonly stopSignal: AbortSignal;
  readonly abandonSignal: AbortSignal;
  /** Removes the signal handler and cancels the grace and deadline timers. Safe to call more than once. */
  dispose(): void;
}

export interface InterruptOptions {
  readonly io: CliIo;
  readonly clock: Clock;
  readonly graceUs: number;
  /** How the grace period is shown to people (as the user wrote it, e.g. `2s`). */
  readonly graceLabel: string;
  /** Writes a message to stderr (through the progress driver, so a live line is cleared first). */
  readonly say: (text: string) => void;
  /** After the grace period, how long the run may take to end before the CLI exits at once (default EXIT_DEADLINE_US). */
  readonly exitDeadlineUs?: number;
}

/** After the grace period, how long closing connections may take before the CLI gives up and exits. */
export const EXIT_DEADLINE_US = 10_000_000;

export function watchInterrupts(options: InterruptOptions): Interrupts {
  const { io, clock, say } = options;
  const deadlineUs = options.exitDeadlineUs ?? EXIT_DEADLINE_US;
  const stop = new AbortController();
  const abandon = new AbortController();
  const disposed = new AbortController();

  const afterStop = async (): Promise<void> => {
    await clock.sleepUs(options.graceUs, disposed.signal);
    if (disposed.signal.aborted) return;
    say(`grace period (${options.graceLabel}) over: no longer waiting for calls in flight; they are not counted\n`);
    abandon.abort();
    await clock.sleepUs(deadlineUs, disposed.signal);
    if (disposed.signal.aborted) return;
    say(`the run did not end within ${deadlineUs / 1_000_000}s after the grace period: exiting now, without a report\n`);
    io.exitNow(ExitCode.Interrupted);
  };

  const removeHandler = io.onSignal((signal) => {
    if (disposed.signal.aborted) return;
    if (stop.signal.aborted) {
      say(`\n${signal} again: exiting now, without a report\n`);
      io.exitNow(ExitCode.Interrupted);
      return;
    }
    say(`\n${signal}: stopping — calls in flight get ${options.graceLabel} to finish, then what was measured is reported (again to exit now)\n`);
    stop.abort();
    void afterStop();
  });

  return {
    stopSignal: stop.signal,
    abandonSignal: abandon.signal,
    dispose() {
      removeHandler();
      disposed.abort();
    },
  };
}
