import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeShards } from '../../../src/shards/merge.js';
import { mergeDataUse } from '../../../src/summary/data-use.js';
import type { RunSummary } from '../../../src/summary/summary.js';
import type { DataUse } from '../../../src/traffic/data-rows.js';
import { DataRows } from '../../../src/traffic/data-rows.js';
import type { DataPlan } from '../../../src/traffic/data-block.js';
import { asFiles, splitRun } from './shard-fixtures.js';

function plan(order: DataPlan['order'], count: number): DataPlan {
  return { file: 'data/items.csv', order, exhausted: 'stop', rows: Array.from({ length: count }, (_, id) => ({ id })), columns: ['id'], sha256: 'x', seed: 4 };
}

/** Shard i of n's use of a file: the calls seq ≡ i (mod n) below `calls` (or until once/stop runs out). */
function shardUse(order: DataPlan['order'], rows: number, calls: number, index: number, n: number): DataUse {
  const data = new DataRows(plan(order, rows));
  for (let seq = index; seq < calls && !data.ended(seq); seq += n) data.rowAt(seq);
  return data.use();
}

function mergedData(uses: readonly DataUse[][]): readonly DataUse[] | undefined {
  const { shards } = splitRun(40, uses.length);
  const parts = shards.map((summary, i): RunSummary => ({ ...summary, workloads: summary.workloads.map((w) => ({ ...w, data: uses[i]! })) }));
  const outcome = mergeShards(asFiles(parts));
  assert.ok(outcome.ok, outcome.ok ? '' : outcome.problems.join('\n'));
  return outcome.summary.workloads[0]!.data;
}

describe("merging shards' data blocks", () => {
  it('in once order rows are disjoint over shards: rows used and calls add up to the single run, and the early stop is kept', () => {
    const whole = shardUse('once', 30, 1_000, 0, 1);
    const shards = [0, 1].map((i) => shardUse('once', 30, 1_000, i, 2));
    assert.ok(shards.every((use) => use.rowsUsed === 15));
    assert.deepEqual(mergedData(shards.map((use) => [use])), [whole]);
    assert.equal(whole.stoppedEarly, true);
  });

  it('stopped early when any shard stopped', () => {
    const [a, b] = [0, 1].map((i) => shardUse('once', 30, 1_000, i, 2));
    const merged = mergedData([[a!], [{ ...b!, stoppedEarly: false }]]);
    assert.equal(merged?.[0]?.stoppedEarly, true);
  });

  it('in sequential or random order a row may repeat across shards: calls add up, rows used becomes null', () => {
    for (const order of ['sequential', 'random'] as const) {
      const shards = [0, 1, 2].map((i) => shardUse(order, 10, 90, i, 3));
      const merged = mergedData(shards.map((use) => [use]))![0]!;
      assert.equal(merged.calls, 90);
      assert.equal(merged.rowsUsed, null, order);
      assert.ok(shards.reduce((n, use) => n + (use.rowsUsed ?? 0), 0) > 10, 'a sum would have counted rows twice');
    }
  });

  it("keeps each tenant's file apart from the workload's, and reports without a data block merge without one", () => {
    const own = shardUse('once', 30, 1_000, 0, 2);
    const tenant: DataUse = { ...shardUse('once', 30, 1_000, 1, 2), tenant: 'acme' };
    const merged = mergedData([[own, tenant], [own, tenant]])!;
    assert.deepEqual(merged.map((use) => [use.tenant, use.calls]), [[undefined, 2 * own.calls], ['acme', 2 * tenant.calls]]);
    assert.equal(mergedData([[], []]), undefined);
  });
});

describe("merging rounds' data blocks", () => {
  it('adds calls and keeps the early stop, but rows used is null: every round numbers its calls from 0 again', () => {
    const round = shardUse('once', 30, 1_000, 0, 1);
    const merged = mergeDataUse([[round], [{ ...round, stoppedEarly: false }]], 'rounds')!;
    assert.deepEqual(merged, [{ ...round, calls: 60, rowsUsed: null, stoppedEarly: true }]);
    assert.deepEqual(mergeDataUse([[round]], 'rounds'), [round], 'one round stands as it is');
  });
});
