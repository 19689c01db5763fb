import { performance } from 'node:perf_hooks';

/** The source of time for everything that measures or waits. Injected so tests never sleep. */
export interface Clock {
  /** Monotonic time in microseconds (fractional). Only differences are meaningful. */
  nowUs(): number;
  /** Resolves after `us` microseconds, or at once (resolving, not rejecting) when `signal` aborts. */
  sleepUs(us: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  nowUs: () => performance.now() * 1000,
  sleepUs: (us, signal) =>
    new Promise<void>((resolve) => {
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
    }),
};
