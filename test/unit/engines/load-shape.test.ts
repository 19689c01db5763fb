import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PLAIN_CLIENT } from '../../../src/client/policies.js';
import { loadShape as engineLoadShape, RATE_MODE_NOTE, withLoadPhases } from '../../../src/engines/autocannon.js';
import type { ConcurrentWorkloadPlan } from '../../../src/workloads/concurrent.js';
import type { ConstantRateWorkloadPlan } from '../../../src/workloads/constant-rate.js';
import { splitWorkload, workloadType } from '../../../src/workloads/registry.js';
import type { OperationPlan } from '../../../src/operations/operation.js';
import { WHOLE_RUN } from '../../../src/schedule/shard.js';

const op = (timeoutUs: number): OperationPlan => ({ name: 'echo', weight: 1, timeoutUs, request: { method: 'tools/call', tool: 'echo', args: {} } });
const base = {
  name: 'w',
  operations: [op(5e6)],
  warmup: null,
  measure: { kind: 'duration', us: 1e6 } as const,
  seed: 1,
  shard: WHOLE_RUN,
  client: PLAIN_CLIENT,
  endpoints: [],
};
const concurrent = (concurrency: number, pipelining: number, operations = [op(5e6)]): ConcurrentWorkloadPlan => ({
  ...base,
  operations,
  type: 'concurrent',
  concurrency,
  engine: { kind: 'autocannon', pipelining },
});
const rate = (ratePerSec: number, maxInFlight: number, pipelining = 1): ConstantRateWorkloadPlan => ({
  ...base,
  type: 'constant-rate',
  ratePerSec,
  maxInFlight,
  engine: { kind: 'autocannon', pipelining },
});

/** The engine's set-up for a workload, with the load its type's descriptor asks for. */
const loadShape = (workload: ConcurrentWorkloadPlan | ConstantRateWorkloadPlan) => engineLoadShape(workload, workloadType(workload.type).autocannon!(workload));

describe('loadShape: a workload → autocannon connections, pipelining, rate, timeout', () => {
  it('concurrent: one connection per unit of concurrency, pipelining from the plan, no notes', () => {
    assert.deepEqual(loadShape(concurrent(32, 4)), { connections: 32, pipelining: 4, overallRate: null, timeoutSeconds: 5, notes: [] });
  });

  it('the timeout is the longest operation timeout, at least autocannon’s 1 s, with a note when raised', () => {
    const shape = loadShape(concurrent(1, 1, [op(200_000), op(300_000)]));
    assert.equal(shape.timeoutSeconds, 1);
    assert.match(shape.notes.join(' '), /at least 1 s/);
    assert.equal(loadShape(concurrent(1, 1, [op(200_000), op(2_500_000)])).timeoutSeconds, 2.5);
  });

  it('constant-rate: overallRate, connections capped by maxInFlight / pipelining and by the rate, and the service-time note', () => {
    const shape = loadShape(rate(500, 64, 2));
    assert.equal(shape.overallRate, 500);
    assert.equal(shape.connections, 32);
    assert.deepEqual(shape.notes, [RATE_MODE_NOTE]);
    assert.equal(loadShape(rate(10, 64)).connections, 10, 'autocannon would lower it to the rate anyway');
    assert.equal(loadShape(rate(2000, 20_000)).connections, 64, 'not 2,000 sockets for 2,000/s');
    assert.equal(loadShape(rate(99.6, 8)).overallRate, 100);
    assert.match(loadShape(rate(99.6, 8)).notes.join(' '), /whole requests per second/);
  });
});

describe('a shard of a constant-rate workload driven by autocannon', () => {
  it('asks for rate / N and runs its share of an iteration bound (the plan keeps the global one its own loop strides)', () => {
    const whole: ConstantRateWorkloadPlan = { ...rate(900, 30), measure: { kind: 'iterations', count: 1_000 }, warmup: { kind: 'iterations', count: 8 } };
    const share = splitWorkload(whole, { index: 2, count: 3 }) as ConstantRateWorkloadPlan;
    const load = workloadType('constant-rate').autocannon!(share);
    assert.equal(loadShape(share).overallRate, 300);
    const run = withLoadPhases(share, load);
    assert.deepEqual([run.warmup, run.measure], [{ kind: 'iterations', count: 2 }, { kind: 'iterations', count: 333 }]);
    assert.equal(withLoadPhases(whole, workloadType('constant-rate').autocannon!(whole)), whole);
  });
});
