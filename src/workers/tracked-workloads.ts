/**
 * The parent's view of each workload while its workers run it: merged live figures (progress, abortOnFail), which
 * children have started and ended it, and their totals summed for the end line. A workload has begun when its first
 * child says `measuring`, and has ended when every child has either ended it or exited.
 */
import type { LiveSource, WorkloadStatus } from '../runner/run.js';
import type { AbortedBy } from '../thresholds/types.js';
import type { WorkloadPlan } from '../workloads/plan.js';
import { MergedAbortWatch } from './merged-abort.js';
import { MergedWorkload, type ChildSnapshot } from './merged-live.js';
import type { WorkloadTotals } from './protocol.js';

export interface TrackingEvents {
  /** The workload's first child started its calls: the merged live figures to show. */
  readonly onMeasuring?: (workload: WorkloadPlan, live: LiveSource) => void;
  /** Every child has ended the workload (or exited): the totals summed over them. */
  readonly onWorkloadEnd?: (workload: WorkloadPlan, totals: WorkloadTotals) => void;
}

/** Which status reads worst: the merged workload shows the worst of its children's. */
const STATUS_ORDER: readonly WorkloadStatus[] = ['not-run', 'completed', 'interrupted', 'aborted', 'failed'];

interface Tracked {
  readonly plan: WorkloadPlan;
  readonly merged: MergedWorkload;
  readonly watch: MergedAbortWatch;
  readonly ended: Map<number, WorkloadTotals>;
  done: boolean;
}

export class TrackedWorkloads {
  private readonly tracked = new Map<string, Tracked>();
  private readonly exited = new Set<number>();

  constructor(
    private readonly plans: readonly WorkloadPlan[],
    private readonly childCount: number,
    private readonly events: TrackingEvents,
    /** Parent clock µs of the synchronised start: no workload's measured phase begins before it. */
    private readonly startUs: number,
  ) {}

  measuring(name: string, nowUs: number): void {
    const known = this.tracked.get(name);
    if (known) return;
    const plan = this.plans.find((workload) => workload.name === name);
    if (!plan) return;
    const merged = new MergedWorkload(plan.operations.map((op) => op.name));
    const tracked: Tracked = { plan, merged, watch: new MergedAbortWatch(plan, merged), ended: new Map(), done: false };
    this.tracked.set(name, tracked);
    tracked.watch.started(Math.max(nowUs, this.startUs));
    this.events.onMeasuring?.(plan, { startedUs: nowUs, snapshot: () => merged.live() });
  }

  snapshot(child: number, name: string, snapshot: ChildSnapshot): void {
    this.tracked.get(name)?.merged.add(child, snapshot);
  }

  ended(child: number, name: string, totals: WorkloadTotals, abortedBy: AbortedBy | null): void {
    const tracked = this.tracked.get(name);
    if (!tracked) return;
    tracked.ended.set(child, totals);
    this.finishIfDone(tracked, abortedBy);
  }

  /** A child exited: it will end no workload any more. */
  childExited(child: number, abortedBy: AbortedBy | null): void {
    this.exited.add(child);
    for (const tracked of this.tracked.values()) this.finishIfDone(tracked, abortedBy);
  }

  /** One tick: the first abortOnFail threshold that failed on a running workload's merged window, or null. */
  judge(nowUs: number): AbortedBy | null {
    for (const tracked of this.tracked.values()) {
      if (tracked.done) continue;
      const failed = tracked.watch.tick(nowUs);
      if (failed) return failed;
    }
    return null;
  }

  /** Snapshots that could not be decoded, over every workload. */
  get unreadableSnapshots(): number {
    return [...this.tracked.values()].reduce((sum, tracked) => sum + tracked.merged.unreadable, 0);
  }

  private finishIfDone(tracked: Tracked, abortedBy: AbortedBy | null): void {
    if (tracked.done) return;
    for (let child = 0; child < this.childCount; child++) if (!tracked.ended.has(child) && !this.exited.has(child)) return;
    tracked.done = true;
    const totals = sumTotals([...tracked.ended.values()]);
    // A child stopped by the parent's abort ends its share interrupted; the workload was aborted.
    const status = abortedBy?.workload === tracked.plan.name && totals.status === 'interrupted' ? 'aborted' : totals.status;
    this.events.onWorkloadEnd?.(tracked.plan, { ...totals, status });
  }
}

/** Calls and errors summed, the longest measured window, the worst status, the first failure. */
export function sumTotals(parts: readonly WorkloadTotals[]): WorkloadTotals {
  const worst = (a: WorkloadStatus, b: WorkloadStatus): WorkloadStatus => (STATUS_ORDER.indexOf(b) > STATUS_ORDER.indexOf(a) ? b : a);
  return {
    status: parts.map((part) => part.status).reduce(worst, 'not-run'),
    calls: parts.reduce((sum, part) => sum + part.calls, 0),
    errors: parts.reduce((sum, part) => sum + part.errors, 0),
    durationUs: parts.reduce((longest, part) => Math.max(longest, part.durationUs), 0),
    failureCode: parts.find((part) => part.failureCode !== null)?.failureCode ?? null,
  };
}
