import { measureOperation, type MeasuredOperation } from './operation-intervals.js';
import type { RunSummary } from '../summary/summary.js';
import { workloadLabel } from '../summary/workload-label.js';

/** One operation (or a workload's total, operation "all") of a run, keyed for matching across runs. */
export interface KeyedOperation extends MeasuredOperation {
  /** `variant␟workload␟operation`: the same operation in another run has the same key. */
  readonly key: string;
  readonly workload: string;
  readonly variant?: string;
  readonly operation: string;
  /** `workload / operation`, or `variant · workload / operation` in a variants run. */
  readonly label: string;
}

/** Every operation of every workload, then the workload's total as operation "all", in the report's order. */
export function keyedOperations(summary: RunSummary): KeyedOperation[] {
  return summary.workloads.flatMap((workload) =>
    [...workload.operations, workload.total].map((operation): KeyedOperation => {
      const scope = workloadLabel(workload.name, workload.variant);
      return {
        ...measureOperation(operation, workload.type),
        key: [workload.variant ?? '', workload.name, operation.name].join('\u241f'),
        workload: workload.name,
        ...(workload.variant !== undefined && { variant: workload.variant }),
        operation: operation.name,
        label: `${scope} / ${operation.name}`,
      };
    }),
  );
}
