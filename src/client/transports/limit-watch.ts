import type { Clock } from '../../time/clock.js';
import type { Reading } from './proc-tree.js';

/** How often a server under limits is read: what it can allocate in this long is how far it may pass its memory limit. */
export const WATCH_INTERVAL_US = 100_000;

/**
 * Clock ticks per second of /proc's CPU times (USER_HZ): 100 on every architecture Linux runs Node on (it is part of
 * the kernel's ABI, apart from the scheduler's own HZ). Used only to tell a server killed at its CPU limit's hard end.
 */
export const USER_HZ = 100;

/** Reads a server's process tree (proc-tree.ts `readTrees`), or null once it is gone. */
export type ReadTree = (pid: number) => Promise<Reading | null>;

export interface LimitWatchOptions {
  readonly pid: number;
  /** The RSS of the process tree that may not be passed; null: only CPU time is followed. */
  readonly memoryBytes: number | null;
  readonly clock: Pick<Clock, 'sleepUs'>;
  readonly read: ReadTree;
  readonly intervalUs?: number;
  /** Called once, at the first reading whose RSS is over `memoryBytes`; the watch ends there. */
  readonly overLimit: (rssBytes: number) => void;
}

/**
 * Reads a running server's process tree at once and every interval after (on the injected clock) until stop() or the
 * first reading over the memory limit, and keeps the server's own CPU time from the last reading. A reading that
 * fails or finds the server gone is skipped (the transport stops the watch when the process exits).
 */
export class LimitWatch {
  /** Settles when the watch has ended (stopped, or the limit passed). */
  readonly done: Promise<void>;
  private readonly stopping = new AbortController();
  private cpuTicks: number | null = null;

  constructor(private readonly options: LimitWatchOptions) {
    this.done = this.run();
  }

  /** The server's own CPU time (utime + stime, its threads together) at the last reading; null before one. */
  get cpuSeconds(): number | null {
    return this.cpuTicks === null ? null : this.cpuTicks / USER_HZ;
  }

  stop(): void {
    this.stopping.abort();
  }

  private async run(): Promise<void> {
    const { pid, memoryBytes, clock, read, intervalUs = WATCH_INTERVAL_US } = this.options;
    const signal = this.stopping.signal;
    while (!signal.aborted) {
      const reading = await read(pid).catch(() => null);
      if (signal.aborted) return;
      if (reading !== null) {
        this.cpuTicks = reading.ticks.get(pid) ?? this.cpuTicks;
        if (memoryBytes !== null && reading.rssBytes > memoryBytes) return this.options.overLimit(reading.rssBytes);
      }
      await clock.sleepUs(intervalUs, signal);
    }
  }
}
