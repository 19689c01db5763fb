import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { loadPlan, type Bound, type WorkloadPlan } from '../../../src/scenario/index.js';
import { SCENARIOS_DIR } from './helpers.js';

test('every scenario shipped in scenarios/ validates (with no environment variables set)', async () => {
  const files = (await readdir(SCENARIOS_DIR)).filter((name) => /\.(ya?ml|json)$/.test(name));
  assert.ok(files.length >= 5, `found ${files.join(', ')}`);
  for (const name of files) {
    const result = await loadPlan(path.join(SCENARIOS_DIR, name), {});
    assert.ok(result.ok, `${name}: ${JSON.stringify(!result.ok && result.issues)}`);
    assert.equal(result.plan.name, path.basename(name, path.extname(name)), 'the name matches the file name');
  }
});

async function planOf(name: string) {
  const result = await loadPlan(path.join(SCENARIOS_DIR, name), {});
  assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
  return result.plan;
}

test('rate.yaml: two constant-rate workloads on the built-in server over stdio, under 30 s of load in all', async () => {
  const plan = await planOf('rate.yaml');
  assert.deepEqual(plan.target, { kind: 'builtin', transport: 'stdio', server: { latencyUs: 10_000, jitterUs: 0, failRate: 0, seed: 1 } });
  assert.deepEqual(
    plan.workloads.map((workload) => workload.type === 'constant-rate' && [workload.ratePerSec, workload.maxInFlight, workload.warmup, workload.measure]),
    [
      [50, 500, { kind: 'duration', us: 2_000_000 }, { kind: 'duration', us: 10_000_000 }],
      [200, 2000, { kind: 'duration', us: 1_000_000 }, { kind: 'duration', us: 8_000_000 }],
    ],
  );
  assert.deepEqual(plan.workloads[1]?.operations[0]?.request, { method: 'tools/call', tool: 'sleep', args: { ms: 5 } });
  assert.ok(totalUs(plan.workloads) < 30_000_000);
});

test('ramp.yaml: a rate ramp 10/s → 400/s then a hold, and a concurrency ramp 1 → 32', async () => {
  const plan = await planOf('ramp.yaml');
  const [rate, concurrency] = plan.workloads;
  assert.ok(rate?.type === 'ramping-rate' && concurrency?.type === 'ramping-concurrency');
  assert.equal(rate.startRatePerSec, 10);
  assert.deepEqual(rate.stages, [
    { target: 400, durationUs: 10_000_000 },
    { target: 400, durationUs: 5_000_000 },
  ]);
  assert.deepEqual(rate.measure, { kind: 'duration', us: 15_000_000 });
  assert.equal(concurrency.startConcurrency, 1);
  assert.deepEqual(concurrency.stages, [{ target: 32, durationUs: 10_000_000 }]);
  assert.deepEqual(concurrency.measure, { kind: 'duration', us: 10_000_000 });
});

test('http-capacity.yaml: the same workload through autocannon and through the client, and autocannon at a constant rate', async () => {
  const plan = await planOf('http-capacity.yaml');
  assert.equal(plan.target.kind === 'builtin' && plan.target.transport, 'http');
  assert.deepEqual(
    plan.workloads.map((workload) => [workload.type, workload.engine]),
    [
      ['concurrent', { kind: 'autocannon', pipelining: 1 }],
      ['concurrent', { kind: 'client' }],
      ['constant-rate', { kind: 'autocannon', pipelining: 1 }],
    ],
  );
  const [autocannon, client] = plan.workloads;
  assert.deepEqual({ ...autocannon, name: '', engine: null }, { ...client, name: '', engine: null, seed: autocannon?.seed });
});

/** Warmup plus measured time of duration-bounded workloads. */
function totalUs(workloads: readonly WorkloadPlan[]): number {
  const us = (bound: Bound | null) => (bound?.kind === 'duration' ? bound.us : 0);
  return workloads.reduce((total, workload) => total + us(workload.warmup) + us(workload.measure), 0);
}
