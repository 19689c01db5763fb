import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PLAIN_CLIENT } from '../../../src/client/policies.js';
import { applyThresholds } from '../../../src/gate/threshold-eval.js';
import type { Plan } from '../../../src/scenario/plan.js';
import { WHOLE_RUN } from '../../../src/schedule/shard.js';
import type { WorkloadSummary } from '../../../src/summary/summary.js';
import { parseThreshold } from '../../../src/thresholds/parse.js';
import type { ThresholdResult, ThresholdSpec } from '../../../src/thresholds/types.js';
import type { WorkloadPlan } from '../../../src/workloads/plan.js';
import { fixtureSummary } from '../../fixtures/summary.js';

function spec(text: string): ThresholdSpec {
  const parsed = parseThreshold(text, 'scenario');
  assert.ok(parsed.ok, text);
  return parsed.spec;
}

function judged(layers: Record<string, Record<string, number>> | null, thresholds: string[], countOverride?: number): readonly ThresholdResult[] {
  const base = fixtureSummary().workloads[0]!;
  const total = countOverride === undefined ? base.total : { ...base.total, count: countOverride };
  const workload: WorkloadSummary = { ...base, name: 'w', total, client: layers && { layers }, thresholds: [] };
  const planned: WorkloadPlan = {
    name: 'w', type: 'sequential', warmup: null, measure: { kind: 'iterations', count: 1 }, seed: 1, shard: WHOLE_RUN,
    client: PLAIN_CLIENT, endpoints: [], engine: { kind: 'client' }, thresholds: thresholds.map(spec),
    operations: [{ name: 'tools/call echo', weight: 1, timeoutUs: 1e6, request: { method: 'tools/call', tool: 'echo', args: {} } }],
  };
  const plan: Plan = { name: 'p', sourceFile: null, target: { kind: 'http', url: 'http://x', headers: {} }, workloads: [planned], redacted: {}, resolvedRedacted: {}, targetLabel: 'x' };
  return applyThresholds({ ...fixtureSummary(), workloads: [workload] }, plan, []).workloads[0]!.thresholds;
}

describe('pool_utilization', () => {
  it("judges the largest peak utilization of the workload's pools", () => {
    const results = judged({ pool: { utilization: 0.75 }, pool1: { utilization: 0.95 } }, ['pool_utilization < 0.9', 'pool_utilization <= 95%']);
    assert.deepEqual(results.map((r) => [r.measured, r.passed]), [[0.95, false], [0.95, true]]);
  });

  it('without a pool block it is not applicable (and fails, as a threshold that measures nothing does)', () => {
    const [result] = judged({ pool: { sessions: 2, live: 2 } }, ['pool_utilization < 0.9']);
    assert.equal(result!.measured, null);
    assert.equal(result!.passed, false);
  });

  it('over zero calls it fails: no samples', () => {
    const [result] = judged({ pool: { utilization: 0.1 } }, ['pool_utilization < 0.9'], 0);
    assert.equal(result!.measured, null);
    assert.equal(result!.samples, 0);
    assert.equal(result!.passed, false);
  });
});
