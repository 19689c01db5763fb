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
  /** What the operation sends, hashed (OperationSummary.signature); absent on totals and in older reports. */
  readonly signature?: string;
}

/** The operations by key, to find counterparts in. */
export function indexOperations(ops: readonly KeyedOperation[]): Map<string, KeyedOperation> {
  return new Map(ops.map((op) => [op.key, op]));
}

/**
 * The same operation in another run: the same key (variant, workload, name) sending the same request. An operation
 * of the same name with other arguments is another operation; a report without signatures matches by name alone.
 */
export function counterpart(op: KeyedOperation, others: ReadonlyMap<string, KeyedOperation>): KeyedOperation | undefined {
  const other = others.get(op.key);
  return other && sameRequest(op.signature, other.signature) ? other : undefined;
}

/** Two signatures name the same request unless both are known and differ. */
export function sameRequest(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
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
        ...(operation.signature !== undefined && { signature: operation.signature }),
      };
    }),
  );
}
