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

function sleepFor(us: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (us <= 0 || signal?.aborted) return resolve();
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, us / 1000);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
