import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PLAIN_CLIENT } from '../../../src/client/policies.js';
import { applyThresholds, rejudgeThresholds } from '../../../src/gate/threshold-eval.js';
import { parseThreshold } from '../../../src/thresholds/parse.js';
import type { LatencyStats } from '../../../src/stats/histogram.js';
import type { OperationSummary, RunSummary, WorkloadSummary } from '../../../src/summary/summary.js';
import type { Plan } from '../../../src/scenario/plan.js';
import type { WorkloadPlan } from '../../../src/workloads/plan.js';
import { WHOLE_RUN } from '../../../src/schedule/shard.js';
import { fixtureSummary } from '../../fixtures/summary.js';
import { workloadView } from '../../../src/report/workload-view.js';

const latency = (p99: number): LatencyStats => ({ p50: 1_000, p90: 2_000, p95: 3_000, p99, p999: p99, min: 500, max: p99, mean: 1_500, stdev: 10 });
const op = (name: string, count: number, p99: number): OperationSummary => ({ name, count, ok: count, errors: {}, errorRate: 0, throughputPerSec: 100, latencyUs: latency(p99), histogram: '', warmupCalls: 0 });

function spec(text: string) {
  const parsed = parseThreshold(text, 'scenario');
  assert.ok(parsed.ok);
  return parsed.spec;
}

/** Tenant slow's p99 is 80ms, quick's 5ms; the workload's total p99 reads 10ms (slow is 1% of the calls). */
function setup(): { summary: RunSummary; plan: Plan } {
  const base = fixtureSummary().workloads[0]!;
  const workload: WorkloadSummary = {
    ...base,
    name: 'w',
    status: 'completed',
    operations: [op('ping', 1_000, 10_000)],
    total: op('all', 1_000, 10_000),
    thresholds: [],
    tenants: [
      { name: 'quick', weight: 99, operations: [op('ping', 990, 5_000)], total: op('all', 990, 5_000) },
      { name: 'slow', weight: 1, operations: [op('ping', 10, 80_000)], total: op('all', 10, 80_000) },
    ],
  };
  const planned: WorkloadPlan = {
    name: 'w', type: 'sequential', operations: [{ name: 'ping', weight: 1, timeoutUs: 1e6, request: { method: 'ping' } }], warmup: null,
    measure: { kind: 'iterations', count: 1 }, seed: 1, shard: WHOLE_RUN, client: PLAIN_CLIENT, endpoints: [], engine: { kind: 'client' },
    thresholds: [spec('p99 < 50ms')],
    tenants: [
      { name: 'quick', weight: 99, headers: {}, route: null, thresholds: [spec('p99 < 50ms')] },
      { name: 'slow', weight: 1, headers: {}, route: null, thresholds: [spec('p99 < 50ms')] },
    ],
  };
  const plan: Plan = { name: 'p', sourceFile: null, target: { kind: 'http', url: 'http://x', headers: {} }, workloads: [planned], redacted: {}, resolvedRedacted: {}, targetLabel: 'x' };
  return { summary: { ...fixtureSummary(), workloads: [workload] }, plan };
}

describe("a tenant's thresholds", () => {
  it("fail on the tenant's own figure while the total passes", () => {
    const { summary, plan } = setup();
    const judged = applyThresholds(summary, plan, []);
    const results = judged.workloads[0]!.thresholds.map((r) => [r.tenant ?? 'total', r.measured, r.passed]);
    assert.deepEqual(results, [['total', 10_000, true], ['quick', 5_000, true], ['slow', 80_000, false]]);
    assert.equal(judged.gate.passed, false);
    assert.equal(workloadView(judged, 0).thresholds[2]?.scope, 'tenant slow · all operations');
  });

  it('are judged again, on the same tenant, from a merged report', () => {
    const { summary, plan } = setup();
    const again = rejudgeThresholds(applyThresholds(summary, plan, []), []);
    assert.deepEqual(again.workloads[0]!.thresholds.map((r) => [r.tenant ?? 'total', r.passed]), [['total', true], ['quick', true], ['slow', false]]);
  });

  it('show a table per tenant in the view', () => {
    const { summary } = setup();
    const view = workloadView(summary, 0);
    assert.deepEqual(view.tenants.map((t) => t.title), ['tenant quick · weight 99 · 990 calls (99.0%)', 'tenant slow · weight 1 · 10 calls (1.00%)']);
    assert.equal(view.tenants[1]?.operations[0]?.latency.p99, '80.0ms');
  });
});
