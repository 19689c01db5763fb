import { performance } from 'node:perf_hooks';

/**
 * A sleep that never wakes early and rarely late, for the reference server's latency knob.
 *
 * `setTimeout` alone is coarse (whole milliseconds, and it may fire a little before `performance.now()` says the
 * time is up), so the wait is split: a timer covers the bulk, leaving the last ~0.2ms, which is spent polling the
 * monotonic clock with `setImmediate` (other I/O keeps flowing between polls). A zero or negative wait starts no
 * timer at all. The per-call path allocates one promise; the polling callback is a module-level function that
 * receives its state as arguments, so nothing accumulates.
 */

/**
 * The final stretch, in milliseconds, spent polling the clock instead of waiting on a timer. Kept short: a timer
 * fires late rather than early, so a longer stretch buys little precision and costs a busy core (polling the last
 * full millisecond kept the server at 89% of a core at `--latency 1ms`, competing with the client measuring it).
 */
const POLL_WINDOW_MS = 0.2;
/** Waits shorter than this are polled whole: a timer cannot wait less than a millisecond. */
const MIN_TIMER_MS = 0.5;

function poll(deadlineMs: number, done: () => void, signal: AbortSignal | undefined): void {
  if (signal?.aborted || performance.now() >= deadlineMs) done();
  else setImmediate(poll, deadlineMs, done, signal);
}

/**
 * Resolves once `us` microseconds have passed on the monotonic clock, or at once (resolving, not rejecting) when
 * `signal` aborts. Same contract as `Clock.sleepUs`.
 */
export function preciseSleepUs(us: number, signal?: AbortSignal): Promise<void> {
  if (!(us > 0) || signal?.aborted) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const deadlineMs = performance.now() + us / 1000;
    const timerMs = us / 1000 - POLL_WINDOW_MS;
    if (timerMs < MIN_TIMER_MS) {
      setImmediate(poll, deadlineMs, resolve, signal);
      return;
    }
    const timer = setTimeout(poll, timerMs, deadlineMs, resolve, signal);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
