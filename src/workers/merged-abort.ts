/**
 * abortOnFail on the merged run (`run --workers N`): once a second the parent judges a workload's abortOnFail
 * thresholds on the rolling window of every worker's calls together, with the runner's own window and judge
 * (runner/abort-watch.ts), so a throughput floor or a p99 limit means on N workers what it means on one process.
 * The parent's clock places the snapshots; a child's interval arrives within a second of its calls.
 */
import { RollingWindow, firstFailure, mixEntries, watchedThresholds } from '../runner/abort-watch.js';
import type { AbortedBy } from '../thresholds/types.js';
import type { WorkloadBase } from '../workloads/plan.js';
import type { MergedWorkload } from './merged-live.js';

type Watchable = Pick<WorkloadBase, 'name' | 'thresholds' | 'operations' | 'warmup'>;

export class MergedAbortWatch {
  private readonly watched;
  private readonly window: RollingWindow;
  private startUs: number | null = null;
  private measureStartUs: number | null = null;

  constructor(
    private readonly workload: Watchable,
    private readonly merged: MergedWorkload,
  ) {
    this.watched = watchedThresholds(workload);
    this.window = new RollingWindow(merged, mixEntries(workload.operations));
  }

  /** False when the workload has no abortOnFail threshold (then nothing is ever judged). */
  get watching(): boolean {
    return this.watched.length > 0;
  }

  /**
   * The workload's calls start at `startUs` (the parent's clock: the later of the first child's `measuring` and the
   * synchronised start). Without warmup the measured phase starts at the first tick from then on (its baseline
   * taken then); after a warmup, at the first tick that finds measured calls. Calls before it are in no window.
   */
  started(startUs: number): void {
    if (this.startUs === null) this.startUs = startUs;
  }

  /** One tick (once a second): the threshold that failed on the merged window, or null. */
  tick(nowUs: number): AbortedBy | null {
    if (!this.watching) return null;
    if (this.measureStartUs === null) {
      const begun = this.workload.warmup === null ? this.startUs !== null && nowUs >= this.startUs : this.merged.measuredCalls() > 0;
      if (begun) {
        this.measureStartUs = nowUs;
        this.window.take(nowUs);
      }
      return null;
    }
    this.window.take(nowUs);
    return firstFailure(this.workload.name, this.watched, this.window, nowUs - this.measureStartUs);
  }
}
