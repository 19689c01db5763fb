import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PLAIN_CLIENT } from '../../../src/client/policies.js';
import type { ConnectionTimings } from '../../../src/client/connect.js';
import { applyPlacedThresholds, applyThresholds, rejudgeThresholds } from '../../../src/gate/threshold-eval.js';
import { measuredText } from '../../../src/report/gate-text.js';
import { workloadView } from '../../../src/report/workload-view.js';
import type { Plan } from '../../../src/scenario/plan.js';
import { WHOLE_RUN } from '../../../src/schedule/shard.js';
import { mergeShards } from '../../../src/shards/merge.js';
import { summarizeColdStart } from '../../../src/summary/cold-start.js';
import type { RunSummary, WorkloadSummary } from '../../../src/summary/summary.js';
import { canAbortOn, isRegressionMetric, isWorkloadOnly } from '../../../src/thresholds/metrics.js';
import { parseThreshold } from '../../../src/thresholds/parse.js';
import type { ThresholdResult, ThresholdSpec } from '../../../src/thresholds/types.js';
import type { WorkloadPlan } from '../../../src/workloads/plan.js';
import { fixtureSummary } from '../../fixtures/summary.js';
import { asFiles, uniformShard } from '../shards/shard-fixtures.js';

function spec(text: string, source: 'scenario' | 'cli' = 'scenario'): ThresholdSpec {
  const parsed = parseThreshold(text, source);
  assert.ok(parsed.ok, text);
  return parsed.spec;
}

/** A session whose set-up took `totalMs`: spawn 10 ms, the rest initialize. */
const session = (totalMs: number): ConnectionTimings => ({ serverStartUs: null, connectUs: 10_000, initializeUs: totalMs * 1_000 - 10_000 });

/** The fixture's first workload with these sessions, its coldStart summarized from them as summarize() does. */
function withSessions(sessions: readonly ConnectionTimings[], tenants = false): WorkloadSummary {
  const base = fixtureSummary().workloads[0]!;
  const { coldStart: _none, ...rest } = base;
  const coldStart = summarizeColdStart(sessions);
  const tenantRows = tenants ? { tenants: [{ name: 'a', weight: 1, operations: base.operations, total: base.total }] } : {};
  return { ...rest, name: 'w', sessions, ...(coldStart && { coldStart }), ...tenantRows, thresholds: [] };
}

const planned = (thresholds: string[], onOperation: string[] = []): WorkloadPlan => ({
  name: 'w', type: 'sequential', warmup: null, measure: { kind: 'iterations', count: 1 }, seed: 1, shard: WHOLE_RUN,
  client: PLAIN_CLIENT, endpoints: [], engine: { kind: 'client' }, thresholds: thresholds.map((t) => spec(t)),
  operations: [{ name: 'tools/call echo', weight: 1, timeoutUs: 1e6, request: { method: 'tools/call', tool: 'echo', args: {} }, thresholds: onOperation.map((t) => spec(t)) }],
});

function judged(workload: WorkloadSummary, thresholds: string[], onOperation: string[] = []): readonly ThresholdResult[] {
  const plan: Plan = { name: 'p', sourceFile: null, target: { kind: 'http', url: 'http://x', headers: {} }, workloads: [planned(thresholds, onOperation)], redacted: {}, resolvedRedacted: {}, targetLabel: 'x' };
  return applyThresholds({ ...fixtureSummary(), workloads: [workload] }, plan, []).workloads[0]!.thresholds;
}

describe('cold_start_p99 and cold_start_max', () => {
  it("judge the workload's total on its sessions' cold start, one sample per session", () => {
    // 10 sessions: nearest-rank p99 of 10 values is the largest; the max too.
    const sessions = [100, 110, 120, 130, 140, 150, 160, 170, 180, 2_500].map(session);
    const results = judged(withSessions(sessions), ['cold_start_p99 < 2s', 'cold_start_max < 3s', 'cold_start_p99 <= 2.5s']);
    assert.deepEqual(results.map((r) => [r.threshold, r.measured, r.samples, r.passed]), [
      ['cold_start_p99 < 2s', 2_500_000, 10, false],
      ['cold_start_max < 3s', 2_500_000, 10, true],
      ['cold_start_p99 <= 2.5s', 2_500_000, 10, true],
    ]);
  });

  it('over 200 sessions p99 is the 198th value, not the max', () => {
    const sessions = Array.from({ length: 200 }, (_, i) => session(100 + i));
    const [p99, max] = judged(withSessions(sessions), ['cold_start_p99 < 1s', 'cold_start_max < 1s']);
    assert.equal(p99?.measured, 297_000);
    assert.equal(max?.measured, 299_000);
  });

  it('no session opened: no samples, and the threshold fails', () => {
    const [result] = judged(withSessions([]), ['cold_start_p99 < 60s']);
    assert.deepEqual([result?.passed, result?.reason, result?.samples, result?.measured], [false, 'no-samples', 0, null]);
  });

  it("on an operation: not applicable (fails), and every format says why", () => {
    const results = judged(withSessions([session(200)]), [], ['cold_start_p99 < 60s']);
    const [result] = results;
    assert.deepEqual([result?.operation, result?.passed, result?.reason], ['tools/call echo', false, 'not-applicable']);
    assert.equal(measuredText(result!), "not applicable: cold start is the workload's (its sessions'), not an operation's or a tenant's");
  });

  it("on a tenant's calls: not applicable, while the workload's total is judged", () => {
    const summary: RunSummary = { ...fixtureSummary(), workloads: [withSessions([session(300)], true)] };
    const placed = [{ spec: spec('cold_start_max < 1s'), workload: 'w', operation: null }, { spec: spec('cold_start_max < 1s'), workload: 'w', operation: null, tenant: 'a' }];
    const results = applyPlacedThresholds(summary, placed).workloads[0]!.thresholds;
    assert.deepEqual(results.map((r) => [r.tenant ?? 'total', r.measured, r.passed, r.reason ?? null]), [
      ['total', 300_000, true, null],
      ['a', null, false, 'not-applicable'],
    ]);
  });

  it('shows in the threshold rows like any latency threshold', () => {
    const workload = withSessions([session(1_250)]);
    const plan: Plan = { name: 'p', sourceFile: null, target: { kind: 'http', url: 'http://x', headers: {} }, workloads: [planned(['cold_start_p99 < 1s'])], redacted: {}, resolvedRedacted: {}, targetLabel: 'x' };
    const summary = applyThresholds({ ...fixtureSummary(), workloads: [workload] }, plan, []);
    assert.deepEqual(workloadView(summary, 0).thresholds[0], { passed: false, threshold: 'cold_start_p99 < 1s', scope: 'all operations', measured: '1.25s', limit: 'limit < 1s' });
  });

  it('are workload figures: neither abortOnFail nor --max-regression takes them', () => {
    for (const metric of ['cold_start_p99', 'cold_start_max'] as const) {
      assert.equal(isWorkloadOnly(metric), true);
      assert.equal(canAbortOn(metric), false);
      assert.equal(isRegressionMetric(metric), false);
    }
    assert.equal(isWorkloadOnly('p99'), false);
  });
});

describe('cold start over merged shards', () => {
  /** Shard i of 2, its sessions and its own cold-start threshold judged as `run --shard` judges it. */
  function shard(index: number, sessions: readonly ConnectionTimings[]): RunSummary {
    const base = uniformShard(100, 1_000, index, 2);
    const { coldStart: _none, ...rest } = base.workloads[0]!;
    const coldStart = summarizeColdStart(sessions);
    const workload: WorkloadSummary = { ...rest, sessions, ...(coldStart && { coldStart }) };
    const summary = { ...base, workloads: [workload] };
    return applyPlacedThresholds(summary, [{ spec: spec('cold_start_p99 < 1s'), workload: workload.name, operation: null }]);
  }

  it("summarizes every shard's sessions exactly, and judges the threshold again on them: a p99 one shard passes fails on the whole", () => {
    const fast = shard(0, [session(400), session(500)]);
    const slow = shard(1, [session(1_500)]);
    assert.equal(fast.gate.passed, true, 'shard 0 passes on its own');
    const outcome = mergeShards(asFiles([fast, slow]));
    assert.ok(outcome.ok, outcome.ok ? '' : outcome.problems.join('\n'));
    const merged = rejudgeThresholds(outcome.summary, []);
    const workload = merged.workloads[0]!;
    assert.deepEqual(workload.coldStart, summarizeColdStart([session(400), session(500), session(1_500)]));
    assert.equal(workload.coldStart?.sessions, 3);
    const [result] = workload.thresholds;
    assert.deepEqual([result?.threshold, result?.measured, result?.samples, result?.passed], ['cold_start_p99 < 1s', 1_500_000, 3, false]);
  });
});
