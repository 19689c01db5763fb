import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyPlacedThresholds, rejudgeThresholds } from '../../../src/gate/threshold-eval.js';
import { mergeShards } from '../../../src/shards/merge.js';
import type { RunSummary } from '../../../src/summary/summary.js';
import { parseThreshold } from '../../../src/thresholds/parse.js';
import type { ThresholdSpec } from '../../../src/thresholds/types.js';
import { asFiles, uniformShard } from './shard-fixtures.js';

function spec(text: string, source: 'scenario' | 'cli' = 'scenario'): ThresholdSpec {
  const parsed = parseThreshold(text, source);
  assert.ok(parsed.ok, text);
  return parsed.spec;
}

/** A shard judged as `run --shard` judges it: its own thresholds on its own figures. */
function judged(summary: RunSummary, texts: readonly string[], operation: string | null = null): RunSummary {
  return applyPlacedThresholds(summary, texts.map((text) => ({ spec: spec(text), workload: 'rate', operation })));
}

function mergedOf(shards: readonly RunSummary[], thresholds: readonly ThresholdSpec[] = []): RunSummary {
  const outcome = mergeShards(asFiles(shards));
  assert.ok(outcome.ok, outcome.ok ? '' : outcome.problems.join('\n'));
  return rejudgeThresholds(outcome.summary, thresholds);
}

describe('thresholds are judged again on the merged figures', () => {
  it('a p99 limit the first shard passes fails on the whole', () => {
    const fast = judged(uniformShard(1_000, 1_000, 0, 2), ['p99<5ms']);
    const slow = judged(uniformShard(1_000, 10_000, 1, 2), ['p99<5ms']);
    assert.equal(fast.gate.passed, true, 'shard 0 passes on its own');
    const merged = mergedOf([fast, slow]);
    const [result] = merged.workloads[0]!.thresholds;
    assert.equal(result?.threshold, 'p99<5ms');
    assert.equal(result?.passed, false);
    assert.equal(result?.measured, 10_000);
    assert.equal(result?.samples, 2_000);
    assert.equal(merged.gate.passed, false);
    assert.deepEqual(merged.gate.thresholds, { passed: 0, failed: 1 });
  });

  it('and the reverse: a limit a shard fails passes on the whole', () => {
    const many = judged(uniformShard(10_000, 1_000, 0, 2), ['p99<5ms']);
    const few = judged(uniformShard(50, 10_000, 1, 2), ['p99<5ms']);
    assert.equal(few.gate.passed, false, 'shard 1 fails on its own');
    const merged = mergedOf([many, few]);
    assert.equal(merged.workloads[0]!.thresholds[0]?.passed, true);
    assert.equal(merged.workloads[0]!.thresholds[0]?.measured, 1_000);
    assert.equal(merged.gate.passed, true);
  });

  it('per-operation thresholds are rebuilt on their operation', () => {
    const a = judged(uniformShard(100, 1_000, 0, 2), ['p50<2ms'], 'tools/call echo');
    const b = judged(uniformShard(300, 3_000, 1, 2), ['p50<2ms'], 'tools/call echo');
    const [result] = mergedOf([a, b]).workloads[0]!.thresholds;
    assert.equal(result?.operation, 'tools/call echo');
    assert.equal(result?.passed, false);
    assert.equal(result?.measured, 3_000);
  });

  it('merge --threshold applies to every total, once even when the shards had the same one', () => {
    const a = judged(uniformShard(100, 1_000, 0, 2), ['p99<5ms']);
    const b = judged(uniformShard(100, 1_000, 1, 2), ['p99<5ms']);
    const merged = mergedOf([a, b], [spec('p99<5ms', 'cli'), spec('throughput>1000/s', 'cli')]);
    const results = merged.workloads[0]!.thresholds;
    assert.deepEqual(results.map((r) => [r.threshold, r.source, r.passed]), [
      ['p99<5ms', 'scenario', true],
      ['throughput>1000/s', 'cli', false],
    ]);
    assert.equal(merged.gate.passed, false);
  });

  it('a threshold over zero samples fails on the merge too', () => {
    const a = judged(uniformShard(0, 1_000, 0, 2), ['p99<5ms']);
    const b = judged(uniformShard(0, 1_000, 1, 2), ['p99<5ms']);
    const [result] = mergedOf([a, b]).workloads[0]!.thresholds;
    assert.equal(result?.passed, false);
    assert.equal(result?.reason, 'no-samples');
  });
});
