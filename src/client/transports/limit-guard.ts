import type { ChildProcess } from 'node:child_process';
import { systemClock, type Clock } from '../../time/clock.js';
import { LimitWatch, type ReadTree } from './limit-watch.js';
import { signalGroup, hasExited } from './process-group.js';
import { linuxProc, readTrees } from './proc-tree.js';
import { CPU_LIMIT_CODE, killedAtCpuLimit, limitedCommand, MEMORY_LIMIT_CODE, type ServerLimitEvent, type ServerLimits } from './server-limits.js';

export interface LimitGuardOptions {
  readonly limits: ServerLimits;
  /** prlimit's path (server-limits.ts checkLimits), needed when `limits.cpuUs` is set. */
  readonly prlimit: string | null;
  /** Told when the server starts under its limits and when it is killed at one (the report counts them). */
  readonly onEvent?: (event: ServerLimitEvent) => void;
  readonly clock?: Pick<Clock, 'sleepUs'>;
  /** How the server's process tree is read (tests: fixed readings); /proc by default. */
  readonly read?: ReadTree;
}

/**
 * One spawned server's limits, for the stdio transport (stdio-process.ts): the command that applies the CPU limit,
 * the watch on its memory, the kill at the memory limit, and why the server went — `memory-limit` when the guard
 * killed it, `cpu-limit` when the kernel did (server-limits.ts) — or null for any other end, a stop included.
 */
export class LimitGuard {
  private watch: LimitWatch | null = null;
  private killedFor: string | null = null;
  private stopping = false;

  constructor(private readonly options: LimitGuardOptions) {}

  /** What to spawn for `command args`: through prlimit when a CPU limit is set. */
  command(command: string, args: readonly string[]): { readonly command: string; readonly args: readonly string[] } {
    return limitedCommand(command, args, this.options.limits, this.options.prlimit);
  }

  /** The server was spawned: its limits are on, and it is watched until it exits. */
  spawned(child: ChildProcess): void {
    const pid = child.pid;
    if (pid === undefined) return;
    this.options.onEvent?.('started');
    const read = this.options.read ?? ((root: number) => readTrees([root], linuxProc));
    const memoryBytes = this.options.limits.memoryBytes ?? null;
    const clock = this.options.clock ?? systemClock;
    this.watch = new LimitWatch({ pid, memoryBytes, clock, read, overLimit: () => this.killForMemory(child) });
  }

  /** mcp-bench is stopping the server: whatever happens from now on is the stop, not a limit. */
  stop(): void {
    this.stopping = true;
    this.watch?.stop();
  }

  /** The server exited (`signal`: what killed it): the watch ends, and a death at the CPU limit is noted. */
  exited(signal: NodeJS.Signals | null): void {
    this.watch?.stop();
    if (this.stopping || this.killedFor !== null) return;
    if (!killedAtCpuLimit(this.options.limits, signal, this.watch?.cpuSeconds ?? null)) return;
    this.killedFor = CPU_LIMIT_CODE;
    this.options.onEvent?.('cpu');
  }

  /** Why the server went: `memory-limit`, `cpu-limit`, or null (still running, stopped, crashed, exited). */
  get cause(): string | null {
    return this.killedFor;
  }

  private killForMemory(child: ChildProcess): void {
    if (this.stopping || this.killedFor !== null || hasExited(child)) return;
    // Noted before the kill: the calls in flight fail when the process is gone, and must find the cause set.
    this.killedFor = MEMORY_LIMIT_CODE;
    signalGroup(child, 'SIGKILL');
    this.options.onEvent?.('memory');
  }
}
