/**
 * The performer of a workload whose calls vary or are read: templates instantiated with the call's scope (seq,
 * shard, its data row: its tenant's file's, else the workload's — call-data.ts), response checks judged on answers
 * (checked-call.ts), journeys run step by step (journey-run.ts), each call through the stack `callerFor` picks (its
 * tenant's, for its operation's group). One scope object per call; rows are looked up, never copied.
 */
import type { OperationPlan } from '../operations/operation.js';
import type { TemplateScope } from '../operations/template.js';
import type { Performer } from './performer.js';
import { judgeAnswer } from './checked-call.js';
import type { CallData } from './call-data.js';
import type { DataUse } from './data-rows.js';
import { runJourney, type JourneyContext } from './journey-run.js';

const NO_VARS: Readonly<Record<string, unknown>> = Object.freeze({});

export interface TrafficPerformer extends Performer {
  /** What the workload did with each data file it reads (its own, its tenants'); empty when it reads none. */
  dataUse(): readonly DataUse[];
}

export function trafficPerformer(context: JourneyContext, rows: CallData | null): TrafficPerformer {
  const { operations, callerFor, shard } = context;
  return {
    perform: (index, seq, options, measured) => {
      const op: OperationPlan = operations[index]!;
      // One row per call: a journey's steps share it.
      const row = rows === null ? null : rows.rowAt(seq);
      if (op.journey) return runJourney(context, index, seq, row, options, measured);
      const caller = callerFor(index, seq, options.trace);
      const scope: TemplateScope | null = op.template ? { seq, shard, row, vars: NO_VARS } : null;
      const answer = caller.call(scope ? op.template!.instantiate(scope) : op.request, options);
      return op.expect ? answer.then((outcome) => judgeAnswer(op, outcome, null)) : answer;
    },
    ended: (seq) => rows !== null && rows.ended(seq),
    // The data files' use is a figure of the report (WorkloadSummary.data), not a note.
    dataUse: () => rows?.use() ?? [],
  };
}
