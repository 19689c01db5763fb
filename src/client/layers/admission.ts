/**
 * Callers a layer rejected at once, waiting until it may admit a call again (CallTrace.admission) when that moment
 * is an event rather than a time: a breaker's probes giving their verdict, a limiter's slot freeing. Each waits until
 * `wakeAll` or its own signal aborts, whichever comes first.
 */
export class AdmissionWaiters {
  private waiters: Array<() => void> = [];

  wait(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const wake = (): void => {
        signal.removeEventListener('abort', wake);
        resolve();
      };
      signal.addEventListener('abort', wake, { once: true });
      this.waiters.push(wake);
    });
  }

  wakeAll(): void {
    if (this.waiters.length === 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
