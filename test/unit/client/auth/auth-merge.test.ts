import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TokenStats, type AuthSummary } from '../../../../src/client/auth/token-stats.js';
import { notRun, type WorkloadRun } from '../../../../src/runner/run.js';
import { mergeShards } from '../../../../src/shards/merge.js';
import { mergeWorkloadRuns } from '../../../../src/summary/merge-runs.js';
import type { RunSummary } from '../../../../src/summary/summary.js';
import { minimalScenario, resolve } from '../../scenario/helpers.js';
import { asFiles, splitRun } from '../../shards/shard-fixtures.js';

function block(first: number, refresh: number, failedUs: number | null): AuthSummary {
  const stats = new TokenStats();
  stats.fetched('first', first);
  stats.fetched('refresh', refresh);
  if (failedUs !== null) stats.failed(failedUs);
  return stats.summary();
}

test("shards' auth blocks add up in the merged report; reports without one merge without one", () => {
  const { shards } = splitRun(40, 2);
  const blocks = [block(1_000, 2_000, null), block(3_000, 4_000, 7_777)];
  const parts = shards.map((summary, i): RunSummary => ({ ...summary, workloads: summary.workloads.map((w) => ({ ...w, auth: blocks[i]! })) }));
  const outcome = mergeShards(asFiles(parts));
  assert.ok(outcome.ok, outcome.ok ? '' : outcome.problems.join('\n'));
  const merged = outcome.summary.workloads[0]!.auth!;
  assert.deepEqual([merged.fetched, merged.refreshes, merged.afterUnauthorized, merged.failures], [4, 2, 0, 1]);
  assert.deepEqual([merged.fetchUs.min, merged.fetchUs.max], [1_000, 7_777]);
  const plain = mergeShards(asFiles(shards));
  assert.ok(plain.ok);
  assert.equal('auth' in plain.summary.workloads[0]!, false);
});

test("rounds' auth blocks add up; a workload whose rounds had none has none", () => {
  const workload = resolve(minimalScenario()).workloads[0]!;
  const round = (auth?: AuthSummary): WorkloadRun => ({ ...notRun(workload), status: 'completed', ...(auth && { auth }) });
  const { run } = mergeWorkloadRuns(workload, [round(block(1_000, 2_000, null)), round(block(5_000, 6_000, null)), round()]);
  assert.equal(run.auth?.fetched, 4);
  assert.equal(run.auth?.fetchUs.max, 6_000);
  assert.equal('auth' in mergeWorkloadRuns(workload, [round(), round()]).run, false);
});
