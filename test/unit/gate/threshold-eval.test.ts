import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PLAIN_CLIENT, type ClientPolicies } from '../../../src/client/policies.js';
import { applyThresholds } from '../../../src/gate/threshold-eval.js';
import { compare } from '../../../src/thresholds/judge.js';
import { parseThreshold } from '../../../src/thresholds/parse.js';
import type { Comparator, ThresholdResult, ThresholdSpec } from '../../../src/thresholds/types.js';
import type { LatencyStats } from '../../../src/stats/histogram.js';
import type { OperationSummary, RunSummary, WorkloadSummary } from '../../../src/summary/summary.js';
import type { OperationPlan } from '../../../src/operations/operation.js';
import type { Plan } from '../../../src/scenario/plan.js';
import type { WorkloadPlan } from '../../../src/workloads/plan.js';
import { fixtureSummary } from '../../fixtures/summary.js';
import { WHOLE_RUN } from '../../../src/schedule/shard.js';

function spec(text: string, source: 'scenario' | 'cli' = 'scenario'): ThresholdSpec {
  const parsed = parseThreshold(text, source);
  assert.ok(parsed.ok, text);
  return parsed.spec;
}

const LATENCY: LatencyStats = { p50: 1_000, p90: 2_000, p95: 3_000, p99: 4_000, p999: 5_000, min: 500, max: 6_000, mean: 1_500, stdev: 10 };

function operation(name: string, over: Partial<OperationSummary> = {}): OperationSummary {
  return { name, count: 300, ok: 297, errors: { 'tool-error': 3 }, errorRate: 0.01, throughputPerSec: 1_000, latencyUs: LATENCY, histogram: '', warmupCalls: 0, ...over };
}

const SAMPLE_WORKLOAD = fixtureSummary().workloads[0]!;

function workloadSummary(name: string, operations: OperationSummary[], over: Partial<WorkloadSummary> = {}): WorkloadSummary {
  const total = operation('all', { count: operations.reduce((sum, op) => sum + op.count, 0) });
  return { ...SAMPLE_WORKLOAD, name, status: 'completed', operations, total, thresholds: [], ...over };
}

function planned(name: string, thresholds: string[], operations: Record<string, string[]> = {}, client: ClientPolicies = PLAIN_CLIENT): WorkloadPlan {
  const ops: OperationPlan[] = Object.entries(operations).map(([op, texts]) => ({
    name: op,
    weight: 1,
    timeoutUs: 1e6,
    request: { method: 'ping' },
    ...(texts.length > 0 ? { thresholds: texts.map((text) => spec(text)) } : {}),
  }));
  return { name, type: 'sequential', operations: ops, warmup: null, measure: { kind: 'iterations', count: 1 }, seed: 1, shard: WHOLE_RUN, client, endpoints: [], engine: { kind: 'client' }, thresholds: thresholds.map((text) => spec(text)) };
}

function plan(workloads: WorkloadPlan[], extra: Partial<Plan> = {}): Plan {
  return { name: 'p', sourceFile: null, target: { kind: 'http', url: 'http://x', headers: {} }, workloads, redacted: {}, resolvedRedacted: {}, targetLabel: 'x', ...extra };
}

function summary(workloads: WorkloadSummary[]): RunSummary {
  return { ...fixtureSummary(), workloads };
}

/** Evaluates one threshold on the total of a workload with these operations. */
function one(text: string, operations: OperationSummary[], over: Partial<WorkloadSummary> = {}, client?: ClientPolicies): ThresholdResult {
  const result = applyThresholds(summary([workloadSummary('w', operations, over)]), plan([planned('w', [text], {}, client)]), []);
  const first = result.workloads[0]?.thresholds[0];
  assert.ok(first);
  return first;
}

describe('compare', () => {
  const cases: [number, Comparator, number, boolean][] = [
    [1, '<', 2, true],
    [2, '<', 2, false],
    [2, '<=', 2, true],
    [3, '<=', 2, false],
    [3, '>', 2, true],
    [2, '>', 2, false],
    [2, '>=', 2, true],
    [1, '>=', 2, false],
    [2, '==', 2, true],
    [2, '==', 3, false],
    // 3 errors in 300 calls is exactly 1%, however the float falls.
    [3 / 300, '<', 0.01, false],
    [3 / 300, '<=', 0.01, true],
    [0.1 + 0.2, '==', 0.3, true],
  ];
  for (const [measured, comparator, limit, expected] of cases) {
    it(`${measured} ${comparator} ${limit} is ${expected}`, () => assert.equal(compare(measured, comparator, limit), expected));
  }
});

describe('applyThresholds: measured values', () => {
  const cases: [text: string, measured: number, passed: boolean][] = [
    ['p50 < 2ms', 1_000, true],
    ['p90 <= 2ms', 2_000, true],
    ['p95 < 3ms', 3_000, false],
    ['p99 < 50ms', 4_000, true],
    ['p99.9 < 5ms', 5_000, false],
    ['max <= 6ms', 6_000, true],
    ['mean < 1ms', 1_500, false],
    ['error_rate < 1%', 0.01, false],
    ['error_rate <= 1%', 0.01, true],
    ['throughput > 1000/s', 1_000, false],
    ['throughput >= 60000/m', 1_000, true],
  ];
  for (const [text, measured, passed] of cases) {
    it(`${text}: measures ${measured} on the total, ${passed ? 'passes' : 'fails'}`, () => {
      const result = one(text, [operation('ping')]);
      assert.equal(result.measured, measured);
      assert.equal(result.passed, passed);
      assert.equal(result.samples, 300);
      assert.equal(result.reason, undefined);
      assert.equal(result.operation, null);
      assert.equal(result.workload, 'w');
      assert.equal(result.threshold, text);
    });
  }
});

describe('applyThresholds: zero samples never pass', () => {
  const texts = ['p99 < 1h', 'error_rate <= 100%', 'throughput >= 0', 'throughput < 1000000/s', 'dropped == 0', 'max > 0'];
  for (const text of texts) {
    it(`${text} over zero calls fails with no-samples`, () => {
      const result = one(text, [operation('ping', { count: 0, ok: 0, errors: {}, errorRate: 0, throughputPerSec: 0 })]);
      assert.deepEqual([result.passed, result.measured, result.samples, result.reason], [false, null, 0, 'no-samples']);
    });
  }

  it('a workload that was not run fails every threshold with no-samples', () => {
    const base = fixtureSummary();
    const never = base.workloads.find((w) => w.status === 'not-run');
    assert.ok(never);
    const result = applyThresholds(base, plan([planned(never.name, ['p99 < 1h'], { 'tools/call echo': ['error_rate < 100%'] })]), [spec('dropped == 0', 'cli')]);
    const thresholds = result.workloads.find((w) => w.name === never.name)!.thresholds;
    assert.equal(thresholds.length, 3);
    for (const t of thresholds) assert.deepEqual([t.passed, t.reason, t.measured], [false, 'no-samples', null]);
  });

  it('an operation the summary does not have fails with no-samples', () => {
    const result = applyThresholds(summary([workloadSummary('w', [operation('ping')])]), plan([planned('w', [], { ghost: ['p99 < 1h'] })]), []);
    const [t] = result.workloads[0]!.thresholds;
    assert.deepEqual([t?.operation, t?.passed, t?.reason], ['ghost', false, 'no-samples']);
  });
});

describe('applyThresholds: client metrics', () => {
  const cache = { hits: 70, misses: 30, hitRatio: 0.7, hitLatencyUs: LATENCY, missLatencyUs: LATENCY };
  const retry = { attempts: 360, amplification: 1.2, attemptsPerCall: { '1': 240, '2': 60 }, successRateFirstAttempt: 0.9, successRate: 1, backoffUs: 0, attemptLatencyUs: LATENCY };
  const withCache = { ...PLAIN_CLIENT, cache: { ttlUs: 1e6, tools: ['echo'], readOnly: false, maxEntries: 100, maxBytes: 1e6 } } as unknown as ClientPolicies;
  const withRetry = { ...PLAIN_CLIENT, retry: { attempts: 3 } } as unknown as ClientPolicies;

  it('cache_hit_ratio without a cache layer is not applicable (fails)', () => {
    const result = one('cache_hit_ratio > 0.5', [operation('ping')]);
    assert.deepEqual([result.passed, result.reason, result.measured], [false, 'not-applicable', null]);
  });

  it('cache_hit_ratio sums hits and misses over the cached operations', () => {
    const ops = [operation('a', { client: { cache } }), operation('b', { client: { cache: { ...cache, hits: 10, misses: 90, hitRatio: 0.1 } } })];
    const result = one('cache_hit_ratio >= 0.4', ops, {}, withCache);
    assert.deepEqual([result.measured, result.samples, result.passed], [0.4, 200, true]);
  });

  it('cache_hit_ratio on an operation the cache never looked up is not applicable', () => {
    const ops = [operation('a', { client: { cache: { ...cache, hits: 0, misses: 0, hitRatio: 0 } } })];
    const result = applyThresholds(summary([workloadSummary('w', ops)]), plan([planned('w', [], { a: ['cache_hit_ratio > 0.5'] }, withCache)]), []);
    assert.equal(result.workloads[0]!.thresholds[0]!.reason, 'not-applicable');
  });

  it('retry_amplification without retry is not applicable; with retry it is attempts per call', () => {
    assert.equal(one('retry_amplification < 1.5', [operation('ping')]).reason, 'not-applicable');
    const result = one('retry_amplification < 1.25', [operation('a', { client: { retry } })], {}, withRetry);
    assert.deepEqual([result.measured, result.samples, result.passed], [1.2, 300, true]);
  });

  it('retry_amplification is over the calls that reached the retry layer: cache and dedup answers made no attempt', () => {
    const cached = { ...retry, attemptsPerCall: { '0': 700, '1': 240, '2': 60 } };
    const result = one('retry_amplification < 1.25', [operation('a', { count: 1_000, ok: 1_000, client: { retry: cached } })], {}, withRetry);
    assert.deepEqual([result.measured, result.samples, result.passed], [1.2, 300, true]);
    const allCached = { ...retry, attempts: 0, attemptsPerCall: { '0': 1_000 } };
    assert.equal(one('retry_amplification < 2', [operation('a', { count: 1_000, ok: 1_000, client: { retry: allCached } })], {}, withRetry).reason, 'no-samples');
  });

  it('a client metric over zero calls is no-samples when the layer is there', () => {
    const empty = operation('a', { count: 0, ok: 0 });
    assert.equal(one('retry_amplification < 2', [empty], {}, withRetry).reason, 'no-samples');
    assert.equal(one('cache_hit_ratio > 0', [empty], {}, withCache).reason, 'no-samples');
  });
});

describe('applyThresholds: dropped', () => {
  it('a closed-loop workload measures 0 dropped', () => {
    const result = one('dropped == 0', [operation('ping')]);
    assert.deepEqual([result.measured, result.samples, result.passed], [0, 300, true]);
  });

  it('an open-model total reads the arrivals dropped; an operation its own', () => {
    const arrivals = { targetRatePerSec: 100, achievedRatePerSec: 90, scheduled: 310, sent: 300, dropped: 10, sendLagUs: LATENCY };
    const ops = [operation('a', { dropped: 4 })];
    const result = applyThresholds(summary([workloadSummary('w', ops, { arrivals })]), plan([planned('w', ['dropped == 0'], { a: ['dropped < 5'] })]), []);
    const [total, op] = result.workloads[0]!.thresholds;
    assert.deepEqual([total?.measured, total?.samples, total?.passed], [10, 310, false]);
    assert.deepEqual([op?.measured, op?.samples, op?.passed, op?.operation], [4, 304, true, 'a']);
  });
});

describe('applyThresholds: the gate', () => {
  const twoWorkloads = () => summary([workloadSummary('a', [operation('ping')]), workloadSummary('b', [operation('ping')])]);

  it('CLI thresholds apply to every workload total, after the scenario ones, before the operations', () => {
    const p = plan([planned('a', ['p99 < 1ms'], { ping: ['p50 < 1h'] }), planned('b', [])]);
    const result = applyThresholds(twoWorkloads(), p, [spec('error_rate < 5%', 'cli')]);
    const a = result.workloads[0]!.thresholds.map((t) => [t.threshold, t.source, t.operation, t.passed]);
    assert.deepEqual(a, [
      ['p99 < 1ms', 'scenario', null, false],
      ['error_rate < 5%', 'cli', null, true],
      ['p50 < 1h', 'scenario', 'ping', true],
    ]);
    assert.deepEqual(result.workloads[1]!.thresholds.map((t) => t.threshold), ['error_rate < 5%']);
    assert.deepEqual(result.gate.thresholds, { passed: 3, failed: 1 });
    assert.equal(result.gate.passed, false);
  });

  it('passes when every threshold passes, and with none at all', () => {
    const p = plan([planned('a', ['p99 < 1h']), planned('b', [])]);
    const passing = applyThresholds(twoWorkloads(), p, []);
    assert.deepEqual([passing.gate.passed, passing.gate.thresholds], [true, { passed: 1, failed: 0 }]);
    const none = applyThresholds(twoWorkloads(), plan([]), []);
    assert.deepEqual([none.gate.passed, none.gate.thresholds], [true, { passed: 0, failed: 0 }]);
  });

  it('stays failed when the gate already failed (an abort), and keeps what else the gate holds', () => {
    const abortedBy = { workload: 'a', operation: null, threshold: 'p99<1ms', metric: 'p99' as const, measured: 5_000, atUs: 3_000_000 };
    const aborted = { ...twoWorkloads(), gate: { passed: false, thresholds: { passed: 0, failed: 0 }, baseline: null, abortedBy } };
    const result = applyThresholds(aborted, plan([planned('a', ['p99 < 1h'])]), []);
    assert.equal(result.gate.passed, false);
    assert.equal(result.gate.abortedBy, abortedBy);
    assert.deepEqual(result.gate.thresholds, { passed: 1, failed: 0 });
  });

  it('does not change the summary it was given', () => {
    const input = twoWorkloads();
    const before = JSON.stringify(input);
    applyThresholds(input, plan([planned('a', ['p99 < 1ms'])]), [spec('p50 < 1ms', 'cli')]);
    assert.equal(JSON.stringify(input), before);
  });
});

describe('applyThresholds: variants', () => {
  it("takes each workload's thresholds from its variant's plan and labels results with the variant", () => {
    const variants = [
      { name: 'slow', target: { kind: 'http', url: 'http://x', headers: {} } as const, targetLabel: 'x', workloads: [planned('w', ['p99 < 1ms'])] },
      { name: 'fast', target: { kind: 'http', url: 'http://x', headers: {} } as const, targetLabel: 'x', workloads: [planned('w', ['p99 < 1h'])] },
    ];
    const p = plan([planned('w', ['p50 < 1us'])], { variants, compare: { rounds: 3 } });
    const s = summary([workloadSummary('w', [operation('ping')], { variant: 'slow' }), workloadSummary('w', [operation('ping')], { variant: 'fast' })]);
    const result = applyThresholds(s, p, []);
    const shown = result.workloads.map((w) => w.thresholds.map((t) => [t.variant, t.threshold, t.passed]));
    assert.deepEqual(shown, [[['slow', 'p99 < 1ms', false]], [['fast', 'p99 < 1h', true]]]);
  });
});
