import type { Clock } from '../../time/clock.js';
import type { Outcome } from '../outcome.js';
import type { Member } from './member.js';

/** What a waiting caller is handed: a session with room, or the outcome its call ends with. */
export type Grant = Member | Outcome;

interface Waiter {
  readonly resolve: (grant: Grant) => void;
  readonly timer: AbortController;
}

/**
 * Callers waiting for a session, first come first served. A caller waits until a session has room (a call ended, a
 * session opened) or its deadline passes on the injected clock (then `onTimeout`'s outcome: rejected:pool-exhausted).
 */
export class Waiters {
  private readonly queue: Waiter[] = [];

  constructor(private readonly clock: Clock) {}

  get length(): number {
    return this.queue.length;
  }

  wait(timeoutUs: number, onTimeout: () => Outcome): Promise<Grant> {
    return new Promise<Grant>((resolve) => {
      const waiter: Waiter = { resolve, timer: new AbortController() };
      this.queue.push(waiter);
      void this.clock.sleepUs(timeoutUs, waiter.timer.signal).then(() => {
        if (waiter.timer.signal.aborted) return;
        const at = this.queue.indexOf(waiter);
        if (at >= 0) this.queue.splice(at, 1);
        resolve(onTimeout());
      });
    });
  }

  /** Hands the first waiter `grant`; false when none waits. */
  grantFirst(grant: Grant): boolean {
    const waiter = this.queue.shift();
    if (!waiter) return false;
    waiter.timer.abort();
    waiter.resolve(grant);
    return true;
  }

  /** Ends every wait with `outcome` (the endpoint failed, the pool closed). */
  failAll(outcome: Outcome): void {
    while (this.grantFirst(outcome));
  }
}
