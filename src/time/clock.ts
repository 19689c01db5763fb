import { performance } from 'node:perf_hooks';

/** The source of time for everything that measures or waits. Injected so tests never sleep. */
export interface Clock {
  /** Monotonic time in microseconds (fractional). Only differences are meaningful. */
  nowUs(): number;
  /** Resolves after `us` microseconds, or at once (resolving, not rejecting) when `signal` aborts. */
  sleepUs(us: number, signal?: AbortSignal): Promise<void>;
  /**
   * Resolves as close as it can to `deadlineUs` (never before it), or at once when `signal` aborts. Open-model
   * schedules use it: a timer alone fires up to a millisecond or more late.
   */
  sleepUntilUs(deadlineUs: number, signal?: AbortSignal): Promise<void>;
}

/** Below this much time left, the system clock stops using timers and yields to the event loop until the deadline. */
const TIMER_SLACK_US = 1_000;

const nowUs = (): number => performance.now() * 1000;
const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export const systemClock: Clock = {
  nowUs,
  sleepUs: (us, signal) => sleepFor(us, signal),
  async sleepUntilUs(deadlineUs, signal) {
    const remaining = deadlineUs - nowUs();
    if (remaining > TIMER_SLACK_US * 1.5) await sleepFor(remaining - TIMER_SLACK_US, signal);
    // The last stretch: yield to the event loop (I/O keeps flowing) until the deadline.
    while (!signal?.aborted && nowUs() < deadlineUs) await yieldToLoop();
  },
};

/**
 * The longest delay one `setTimeout` holds (2^31 − 1 ms, ~24.8 days); a longer one fires after 1 ms. Longer sleeps
 * are chained timers of at most this much.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;

function sleepFor(us: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (us <= 0 || signal?.aborted) return resolve();
    const deadlineUs = nowUs() + us;
    let timer: NodeJS.Timeout;
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const arm = (): void => {
      const leftMs = (deadlineUs - nowUs()) / 1000;
      if (leftMs <= 0) {
        signal?.removeEventListener('abort', onAbort);
        return resolve();
      }
      timer = setTimeout(arm, Math.min(leftMs, MAX_TIMER_MS));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    timer = setTimeout(arm, Math.min(us / 1000, MAX_TIMER_MS));
  });
}
