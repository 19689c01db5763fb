/**
 * The parent of `run --workers N`: forks N children of the CLI itself, each `run --shard i/N` (child processes, so
 * each worker's CPU, event-loop delay and RSS are its own, and a crash or a stdio server's process group stays inside
 * one), holds a ready barrier (bounded), hands out one start time, merges their per-second snapshots (progress and
 * abortOnFail on the merged window), forwards a stop (interrupt, abort) to every child, and waits for them all —
 * bounded once stopped — killing whatever is left on every way out. It returns how each child ended; reading and
 * merging their reports is merged-run.ts.
 */
import { createInterface } from 'node:readline';
import type { Clock } from '../time/clock.js';
import type { AbortedBy } from '../thresholds/types.js';
import type { WorkloadPlan } from '../workloads/plan.js';
import { parseChildMessage, type ChildMessage, type ParentMessage, type StopCause } from './protocol.js';
import { TrackedWorkloads, type TrackingEvents } from './tracked-workloads.js';

/** A forked child as the parent uses it: ChildProcess, or a fake in tests. */
export interface WorkerProcess {
  readonly stderr: NodeJS.ReadableStream | null;
  send(message: ParentMessage, callback: (error: Error | null) => void): unknown;
  kill(signal: NodeJS.Signals): unknown;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number | null, signal: NodeJS.Signals | null) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** Starts child `index` with these arguments and this environment. */
export type ForkWorker = (index: number, args: readonly string[], env: Readonly<Record<string, string | undefined>>) => WorkerProcess;

/** How one child ended: its exit code or the signal that ended it, or why it could not be started. */
export interface WorkerExit {
  readonly index: number;
  readonly code: number | null;
  readonly signal: string | null;
  /** The child could not be started or its channel failed (`spawn ENOENT`). */
  readonly error: string | null;
}

export interface WorkersOptions {
  readonly count: number;
  readonly args: (index: number) => readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly workloads: readonly WorkloadPlan[];
  /** Fires when the parent is interrupted: the children are told to stop as Ctrl-C would. */
  readonly stopSignal: AbortSignal;
  /** How long the children may take to be ready (start, load the scenario). */
  readonly readyTimeoutUs: number;
  /** From the barrier to the start time handed out. */
  readonly startMarginUs: number;
  /** After a stop, how long the children may take to end (grace, writing reports) before they are killed. */
  readonly stopTimeoutUs: number;
}

export interface WorkersDependencies extends TrackingEvents {
  readonly fork: ForkWorker;
  readonly clock: Clock;
  /** Wall clock, for the start time handed out. */
  readonly now: () => Date;
  /** A line the child wrote on stderr. */
  readonly onStderr?: (index: number, line: string) => void;
  /** An abortOnFail threshold failed on the merged window: the children are being stopped. */
  readonly onAbort?: (abortedBy: AbortedBy) => void;
}

export type WorkersOutcome =
  /** A child ended before every child was ready, or the barrier timed out or was interrupted: nothing ran. */
  | { readonly kind: 'not-started'; readonly reason: string; readonly failed: WorkerExit | null; readonly exits: readonly WorkerExit[] }
  | {
      readonly kind: 'ran';
      readonly startAt: string;
      readonly exits: readonly WorkerExit[];
      readonly abortedBy: AbortedBy | null;
      readonly interrupted: boolean;
    };

/** Ticks of the merged abortOnFail watch. */
const TICK_US = 1_000_000;
/** After the stop timeout: SIGTERM (a child that is stopping already ends at once), then SIGKILL this much later. */
const KILL_AFTER_US = 3_000_000;

interface Child {
  readonly index: number;
  readonly process: WorkerProcess;
  ready: boolean;
  exit: WorkerExit | null;
}

/** Runs the workers to their end; never throws for what a child does, and leaves no child running. */
export async function runWorkers(options: WorkersOptions, deps: WorkersDependencies): Promise<WorkersOutcome> {
  return new WorkerPool(options, deps).run();
}

export class WorkerPool {
  private readonly children: Child[] = [];
  private readonly waiters = new Set<() => void>();
  private tracked: TrackedWorkloads | null = null;
  private abortedBy: AbortedBy | null = null;
  private stoppedAtUs: number | null = null;

  constructor(
    private readonly options: WorkersOptions,
    private readonly deps: WorkersDependencies,
  ) {}

  async run(): Promise<WorkersOutcome> {
    const onInterrupt = (): void => this.notify();
    this.options.stopSignal.addEventListener('abort', onInterrupt);
    try {
      for (let index = 0; index < this.options.count; index++) this.start(index);
      const barrier = await this.barrier();
      if (barrier !== null) {
        this.killAll('SIGKILL');
        await this.until(() => this.allExited(), this.deps.clock.nowUs() + KILL_AFTER_US);
        return { kind: 'not-started', ...barrier, exits: this.exits() };
      }
      const startAt = this.handOutStart();
      await this.supervise();
      return { kind: 'ran', startAt, exits: this.exits(), abortedBy: this.abortedBy, interrupted: this.options.stopSignal.aborted };
    } finally {
      this.options.stopSignal.removeEventListener('abort', onInterrupt);
      this.killAll('SIGKILL');
    }
  }

  /** Sends `signal` to every child still running (the CLI's exit-now path uses SIGTERM: children end at once). */
  killAll(signal: NodeJS.Signals): void {
    for (const child of this.children) if (child.exit === null) this.kill(child, signal);
  }

  private start(index: number): void {
    let process: WorkerProcess;
    try {
      process = this.deps.fork(index, this.options.args(index), this.options.env);
    } catch (error) {
      this.children.push({ index, process: deadProcess, ready: false, exit: { index, code: null, signal: null, error: messageOf(error) } });
      return;
    }
    const child: Child = { index, process, ready: false, exit: null };
    this.children.push(child);
    process.on('message', (raw) => this.received(child, parseChildMessage(raw)));
    process.on('exit', (code, signal) => this.exited(child, { index, code, signal, error: null }));
    process.on('error', (error) => this.exited(child, { index, code: null, signal: null, error: error.message }));
    if (process.stderr) createInterface({ input: process.stderr, crlfDelay: Infinity }).on('line', (line) => this.deps.onStderr?.(index, line));
  }

  /** Null once every child is ready; otherwise why the run cannot start. */
  private async barrier(): Promise<{ reason: string; failed: WorkerExit | null } | null> {
    const deadlineUs = this.deps.clock.nowUs() + this.options.readyTimeoutUs;
    const settled = (): boolean => this.children.every((c) => c.ready) || this.children.some((c) => c.exit !== null) || this.options.stopSignal.aborted;
    await this.until(settled, deadlineUs);
    const failed = this.children.find((c) => c.exit !== null)?.exit ?? null;
    if (failed) return { reason: `worker ${failed.index} ${describeExit(failed)} before the run started`, failed };
    if (this.options.stopSignal.aborted) return { reason: 'interrupted before the workers were ready', failed: null };
    if (this.children.every((c) => c.ready)) return null;
    const waiting = this.children.filter((c) => !c.ready).map((c) => c.index);
    const seconds = this.options.readyTimeoutUs / 1_000_000;
    return { reason: `worker${waiting.length === 1 ? '' : 's'} ${waiting.join(', ')} not ready within ${seconds}s (hint: fewer --workers on a busy machine)`, failed: null };
  }

  /** The start time: now plus the margin, on the wall clock (children) and on the parent's clock (its watch). */
  private handOutStart(): string {
    const startAt = new Date(this.deps.now().getTime() + this.options.startMarginUs / 1000).toISOString();
    this.tracked = new TrackedWorkloads(this.options.workloads, this.options.count, this.deps, this.deps.clock.nowUs() + this.options.startMarginUs);
    for (const child of this.children) this.send(child, { type: 'start', startAt });
    return startAt;
  }

  /** Until every child has exited: ticks of the merged watch, stops forwarded, and once stopped, a bounded wait. */
  private async supervise(): Promise<void> {
    const clock = this.deps.clock;
    const interruptPending = (): boolean => this.options.stopSignal.aborted && this.stoppedAtUs === null;
    let nextTickUs = clock.nowUs() + TICK_US;
    let escalation = 0;
    while (!this.allExited()) {
      if (interruptPending()) this.stop('interrupt', 'interrupted');
      const escalateAtUs = this.stoppedAtUs === null ? Infinity : this.stoppedAtUs + this.options.stopTimeoutUs + escalation * KILL_AFTER_US;
      if (clock.nowUs() >= escalateAtUs) {
        this.escalate(escalation++);
        continue;
      }
      await this.until(() => this.allExited() || interruptPending(), Math.min(nextTickUs, escalateAtUs));
      if (clock.nowUs() >= nextTickUs) {
        nextTickUs = clock.nowUs() + TICK_US;
        this.judge();
      }
    }
  }

  /** Children still running past the stop timeout: SIGTERM (a stopping child then ends at once), SIGKILL, given up. */
  private escalate(step: number): void {
    if (step === 0) this.killAll('SIGTERM');
    else if (step === 1) this.killAll('SIGKILL');
    else for (const child of this.children) if (child.exit === null) this.exited(child, { index: child.index, code: null, signal: null, error: 'did not end, even after SIGKILL' });
  }

  private judge(): void {
    if (this.abortedBy !== null || this.stoppedAtUs !== null || !this.tracked) return;
    const failed = this.tracked.judge(this.deps.clock.nowUs());
    if (!failed) return;
    this.abortedBy = failed;
    this.deps.onAbort?.(failed);
    this.stop('abort', `threshold ${failed.threshold} failed on ${failed.workload}`);
  }

  private stop(cause: StopCause, reason: string): void {
    this.stoppedAtUs = this.deps.clock.nowUs();
    for (const child of this.children) if (child.exit === null) this.send(child, { type: 'stop', cause, reason });
  }

  private received(child: Child, message: ChildMessage | null): void {
    if (message === null) return;
    const nowUs = this.deps.clock.nowUs();
    if (message.type === 'ready') child.ready = true;
    else if (message.type === 'measuring') this.tracked?.measuring(message.workload, nowUs);
    else if (message.type === 'snapshot') this.tracked?.snapshot(child.index, message.workload, message);
    else this.tracked?.ended(child.index, message.workload, message, this.abortedBy);
    this.notify();
  }

  private exited(child: Child, exit: WorkerExit): void {
    if (child.exit !== null) return;
    child.exit = exit;
    this.tracked?.childExited(child.index, this.abortedBy);
    this.notify();
  }

  private send(child: Child, message: ParentMessage): void {
    try {
      child.process.send(message, () => undefined);
    } catch {
      // The child is gone: its exit event says how.
    }
  }

  private kill(child: Child, signal: NodeJS.Signals): void {
    try {
      child.process.kill(signal);
    } catch {
      // Already gone.
    }
  }

  private allExited(): boolean {
    return this.children.every((c) => c.exit !== null);
  }

  private exits(): WorkerExit[] {
    return this.children.map((c) => c.exit ?? { index: c.index, code: null, signal: null, error: 'still running' });
  }

  private notify(): void {
    const waiters = [...this.waiters];
    this.waiters.clear();
    waiters.forEach((wake) => wake());
  }

  /** Waits until `condition` holds (checked at every event) or the clock reaches `deadlineUs`; true if it holds. */
  private async until(condition: () => boolean, deadlineUs: number): Promise<boolean> {
    const clock = this.deps.clock;
    while (!condition() && clock.nowUs() < deadlineUs) {
      const timer = new AbortController();
      let wake = (): void => undefined;
      const changed = new Promise<void>((resolve) => (wake = resolve));
      this.waiters.add(wake);
      await Promise.race([changed, clock.sleepUs(deadlineUs - clock.nowUs(), timer.signal)]);
      timer.abort();
      this.waiters.delete(wake);
    }
    return condition();
  }
}

/** `exited with code 3`, `was ended by SIGKILL`, `could not be started: spawn ENOENT`. */
export function describeExit(exit: WorkerExit): string {
  if (exit.error !== null) return `could not be started: ${exit.error}`;
  if (exit.signal !== null) return `was ended by ${exit.signal}`;
  return `exited with code ${exit.code}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Stands for a child that could not be forked. */
const deadProcess: WorkerProcess = { stderr: null, send: () => undefined, kill: () => undefined, on: () => undefined };
