/**
 * The performer of a workload whose operations hold templates or which reads a data file: each call's request is
 * its template instantiated with the call's scope (seq, shard, its data row, no vars), or the plain request where
 * an operation has no template. One scope object per call; rows are looked up, never copied.
 */
import type { OperationPlan } from '../operations/operation.js';
import type { TemplateScope } from '../operations/template.js';
import type { Shard } from '../schedule/shard.js';
import type { CallerFor, Performer } from './performer.js';
import { dataNote, type DataRows, type DataUse } from './data-rows.js';

const NO_VARS: Readonly<Record<string, unknown>> = Object.freeze({});

export interface TemplatedPerformer extends Performer {
  /** What the workload did with its data file; null when it reads none. */
  dataUse(): DataUse | null;
}

export function templatedPerformer(operations: readonly OperationPlan[], callerFor: CallerFor, shard: Shard, rows: DataRows | null): TemplatedPerformer {
  const requests = operations.map((op) => op.request);
  const templates = operations.map((op) => op.template ?? null);
  return {
    perform: (index, seq, options) => {
      const row = rows === null ? null : rows.rowAt(seq);
      const template = templates[index];
      const caller = callerFor(index, seq, options.trace);
      if (template === null || template === undefined) return caller.call(requests[index]!, options);
      const scope: TemplateScope = { seq, shard, row, vars: NO_VARS };
      return caller.call(template.instantiate(scope), options);
    },
    ended: (seq) => rows !== null && rows.ended(seq),
    notes: () => (rows === null ? [] : [dataNote(rows.use())]),
    dataUse: () => rows?.use() ?? null,
  };
}
