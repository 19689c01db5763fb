/**
 * The run's live figures as the Prometheus endpoint shows them: every workload's operations, cumulative over the
 * whole run. Each time a workload starts measuring (again, in a later round of variants) its new live records are
 * read from then on and the previous round's final figures are kept, added: a series never goes down, and a workload
 * that ended keeps its final values. Reads the records the runner (or the workers' merge) keeps; copies nothing per call.
 */
import type { LiveOperation } from '../metrics/recorder.js';
import { renderPrometheus, type LiveSeries, type LiveWorkload } from '../metrics/prometheus-text.js';
import type { LiveSource } from '../runner/run.js';
import { createAccumulator, type Histogram } from '../stats/histogram.js';
import type { WorkloadPlan } from '../workloads/plan.js';
import { loadModelOf, workloadType } from '../workloads/registry.js';

/** Errors of a source that does not say their codes (`--workers`: the children send error counts only). */
export const UNCLASSIFIED_ERROR = 'unclassified';

interface Kept {
  calls: number;
  ok: number;
  checkFailed: number;
  readonly errors: Map<string, number>;
  readonly histogram: Histogram;
  dropped: number;
}

interface Tracked {
  readonly name: string;
  readonly open: boolean;
  readonly targetRatePerSec: number | null;
  /** Per operation: what earlier rounds of this workload measured. */
  readonly kept: Kept[];
  current: readonly LiveOperation[];
}

export class LiveMetrics {
  private readonly workloads = new Map<string, Tracked>();

  /** The runner's (or the workers') `onMeasuring`: from now on this workload's figures are read from `live`. */
  measuring(workload: WorkloadPlan, live: LiveSource): void {
    // The snapshot's operations are the live records themselves; taking it at the start empties an empty window.
    const operations = live.snapshot().operations;
    const known = this.workloads.get(workload.name);
    if (known) {
      known.current.forEach((op, index) => keep(known.kept[index] ?? (known.kept[index] = emptyKept()), op));
      known.current = operations;
      return;
    }
    this.workloads.set(workload.name, {
      name: workload.name,
      open: loadModelOf(workload.type) === 'open',
      targetRatePerSec: workloadType(workload.type).nominalRatePerSec?.(workload) ?? null,
      kept: [],
      current: operations,
    });
  }

  /** One scrape's text. */
  render(): string {
    const tracked = [...this.workloads.values()];
    const series = tracked.flatMap((w) => w.current.map((op, index) => seriesOf(w, op, w.kept[index])));
    const workloads: LiveWorkload[] = tracked.map((w) => ({ workload: w.name, targetRatePerSec: w.targetRatePerSec }));
    return renderPrometheus(series, workloads);
  }
}

function emptyKept(): Kept {
  return { calls: 0, ok: 0, checkFailed: 0, errors: new Map(), histogram: createAccumulator(), dropped: 0 };
}

function errorsOf(op: LiveOperation): ReadonlyMap<string, number> {
  if (op.errors) return op.errors;
  const errored = op.count - op.ok - op.checkFailed;
  return errored > 0 ? new Map([[UNCLASSIFIED_ERROR, errored]]) : new Map();
}

function keep(into: Kept, op: LiveOperation): void {
  into.calls += op.count;
  into.ok += op.ok;
  into.checkFailed += op.checkFailed;
  for (const [code, n] of errorsOf(op)) into.errors.set(code, (into.errors.get(code) ?? 0) + n);
  into.histogram.add(op.histogram);
  into.dropped += op.dropped ?? 0;
}

function seriesOf(w: Tracked, op: LiveOperation, kept: Kept | undefined): LiveSeries {
  const base = { workload: w.name, operation: op.name };
  if (!kept) {
    return { ...base, calls: op.count, ok: op.ok, checkFailed: op.checkFailed, errors: errorsOf(op), histogram: op.histogram, dropped: w.open ? (op.dropped ?? 0) : null };
  }
  const sum = emptyKept();
  keep(sum, { name: op.name, count: kept.calls, ok: kept.ok, checkFailed: kept.checkFailed, errors: kept.errors, histogram: kept.histogram, dropped: kept.dropped });
  keep(sum, op);
  return { ...base, calls: sum.calls, ok: sum.ok, checkFailed: sum.checkFailed, errors: sum.errors, histogram: sum.histogram, dropped: w.open ? sum.dropped : null };
}
