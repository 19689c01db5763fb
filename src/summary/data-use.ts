/**
 * A workload's data files' use (WorkloadSummary.data), merged over rounds (merge-runs.ts) or shards
 * (shards/merge-workload.ts): each file (by tenant and path) once, `calls` summed — exact, each call is one part's —
 * and `stoppedEarly` when any part stopped. Distinct rows add exactly only where no row can be used by two parts:
 * over shards in `once` order with `exhausted: stop`, call seq's row is row seq and seq is global, so shards' rows are
 * disjoint and `rowsUsed` is their sum; in any other order (rows wrap or are drawn at random), and over rounds (each
 * round numbers its calls from 0 again), a sum could count a row twice, so `rowsUsed` is null there.
 */
import type { DataUse } from '../traffic/data-rows.js';

export type DataMerge = 'rounds' | 'shards';

const keyOf = (use: DataUse): string => `${use.tenant ?? ''}\n${use.file}`;

/** The parts' data use as one; undefined when no part read a data file. */
export function mergeDataUse(parts: readonly (readonly DataUse[] | undefined)[], over: DataMerge): DataUse[] | undefined {
  const byFile = new Map<string, DataUse[]>();
  for (const part of parts) for (const use of part ?? []) byFile.set(keyOf(use), [...(byFile.get(keyOf(use)) ?? []), use]);
  if (byFile.size === 0) return undefined;
  return [...byFile.values()].map((uses) => mergeFile(uses, over));
}

function mergeFile(uses: readonly DataUse[], over: DataMerge): DataUse {
  const first = uses[0]!;
  if (uses.length === 1) return first;
  return {
    ...first,
    calls: uses.reduce((sum, use) => sum + use.calls, 0),
    rowsUsed: rowsUsedOf(uses, over),
    stoppedEarly: uses.some((use) => use.stoppedEarly),
  };
}

function rowsUsedOf(uses: readonly DataUse[], over: DataMerge): number | null {
  const first = uses[0]!;
  const disjoint = over === 'shards' && first.order === 'once' && first.exhausted === 'stop';
  if (!disjoint || uses.some((use) => use.rowsUsed === null)) return null;
  return uses.reduce((sum, use) => sum + use.rowsUsed!, 0);
}
