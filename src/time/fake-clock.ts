import type { Clock } from './clock.js';

interface Timer {
  readonly atUs: number;
  readonly order: number;
  readonly resolve: () => void;
}

/**
 * Lets pending promise callbacks and I/O-free continuations run before time moves on. Two macrotask hops: work that
 * gave the event loop one turn (EventLoopTurns) queued its setImmediate after the first hop's, so it has run, and set
 * its next timer, before the second hop ends; with one hop the clock would jump to a later timer first.
 */
const flush = (): Promise<void> => new Promise((resolve) => setImmediate(() => setImmediate(resolve)));

/** Event-loop turns `run` waits with no timer pending before it calls the work stuck. */
const IDLE_TURNS = 3;

/**
 * A virtual clock for tests: time moves only when the test says so, so schedules, timeouts and latencies are
 * asserted exactly and nothing sleeps for real.
 */
export class FakeClock implements Clock {
  private now: number;
  private timers: Timer[] = [];
  private order = 0;

  constructor(startUs = 0) {
    this.now = startUs;
  }

  nowUs(): number {
    return this.now;
  }

  sleepUs(us: number, signal?: AbortSignal): Promise<void> {
    if (us <= 0 || signal?.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer: Timer = { atUs: this.now + us, order: this.order++, resolve };
      this.timers.push(timer);
      signal?.addEventListener(
        'abort',
        () => {
          this.timers = this.timers.filter((t) => t !== timer);
          resolve();
        },
        { once: true },
      );
    });
  }

  sleepUntilUs(deadlineUs: number, signal?: AbortSignal): Promise<void> {
    return this.sleepUs(deadlineUs - this.now, signal);
  }

  /** Number of sleeps still waiting. */
  get pendingTimers(): number {
    return this.timers.length;
  }

  /** Moves time forward by `us`, firing every timer due on the way, in time order. */
  async advanceUs(us: number): Promise<void> {
    const target = this.now + us;
    await flush();
    for (let next = this.earliest(); next && next.atUs <= target; next = this.earliest()) {
      this.fire(next);
      await flush();
    }
    this.now = target;
    await flush();
  }

  /**
   * Runs `work` to completion, jumping time to the next timer whenever everything is waiting on the clock.
   * Throws if the work is stuck with no timer that could wake it (after a few event-loop turns without one: work
   * may be waiting for a turn, as loops on `EventLoopTurns` do, before it sets its next timer).
   */
  async run<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    const result = work.finally(() => {
      settled = true;
    });
    result.catch(() => undefined);
    for (let idleTurns = 0; ; ) {
      await flush();
      if (settled) return result;
      const next = this.earliest();
      if (next) {
        idleTurns = 0;
        this.fire(next);
      } else if (++idleTurns > IDLE_TURNS) {
        throw new Error('FakeClock.run: work is waiting on something other than the clock');
      }
    }
  }

  private earliest(): Timer | undefined {
    let best: Timer | undefined;
    for (const t of this.timers) {
      if (!best || t.atUs < best.atUs || (t.atUs === best.atUs && t.order < best.order)) best = t;
    }
    return best;
  }

  private fire(timer: Timer): void {
    this.timers = this.timers.filter((t) => t !== timer);
    if (timer.atUs > this.now) this.now = timer.atUs;
    timer.resolve();
  }
}
