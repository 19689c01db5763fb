import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WorkloadPlan } from '../../../src/workloads/plan.js';
import { DESCRIPTORS, WORKLOAD_TYPE_NAMES, findWorkloadType, loadModelOf, workloadType } from '../../../src/workloads/registry.js';
import { minimalScenario, resolve } from '../scenario/helpers.js';

const ECHO = [{ tool: 'echo' }];

/** One workload of every type, resolved through the scenario exactly as a file would be. */
function plans(): Map<string, WorkloadPlan> {
  const plan = resolve({
    ...minimalScenario(),
    workloads: [
      { name: 'seq', type: 'sequential', iterations: 10, operations: ECHO },
      { name: 'conc', type: 'concurrent', concurrency: 16, duration: '1s', operations: ECHO },
      { name: 'rate', type: 'constant-rate', rate: '500/s', duration: '1s', maxInFlight: 1000, operations: ECHO },
      { name: 'ramp', type: 'ramping-rate', startRate: '10/s', stages: [{ target: '200/s', duration: '1s' }], operations: ECHO },
      { name: 'rampc', type: 'ramping-concurrency', stages: [{ target: 8, duration: '1s' }, { target: 32, duration: '1s' }], operations: ECHO },
      { name: 'churn', type: 'session-churn', concurrency: 4, callsPerSession: 3, iterations: 100, operations: ECHO },
    ],
  });
  return new Map(plan.workloads.map((workload) => [workload.type, workload]));
}

describe('workload type descriptors (src/workloads/)', () => {
  it('the registry lists every type once, by the name a scenario writes, and finds each by name', () => {
    assert.deepEqual(WORKLOAD_TYPE_NAMES, ['sequential', 'concurrent', 'constant-rate', 'ramping-rate', 'ramping-concurrency', 'session-churn']);
    assert.equal(new Set(DESCRIPTORS.map((d) => d.type)).size, DESCRIPTORS.length);
    for (const name of WORKLOAD_TYPE_NAMES) assert.equal(findWorkloadType(name)?.type, name);
    assert.equal(findWorkloadType('soak'), undefined);
    assert.equal(findWorkloadType(undefined), undefined);
  });

  it('every type resolves from a scenario into a plan of its own type', () => {
    assert.deepEqual([...plans().keys()], WORKLOAD_TYPE_NAMES);
  });

  it('load model: the rate types are open, the rest closed; a type a report names but this version lacks counts as closed', () => {
    const models = Object.fromEntries(WORKLOAD_TYPE_NAMES.map((name) => [name, loadModelOf(name)]));
    assert.deepEqual(models, { sequential: 'closed', concurrent: 'closed', 'constant-rate': 'open', 'ramping-rate': 'open', 'ramping-concurrency': 'closed', 'session-churn': 'closed' });
    assert.equal(loadModelOf('from-a-later-version'), 'closed');
  });

  it('calls in flight a report names: 1, the concurrency, the open model’s cap, a ramp’s peak', () => {
    const byType = plans();
    const inFlight = Object.fromEntries([...byType].map(([type, plan]) => [type, workloadType(plan.type).concurrency(plan)]));
    assert.deepEqual(inFlight, { sequential: 1, concurrent: 16, 'constant-rate': 1000, 'ramping-rate': 2000, 'ramping-concurrency': 32, 'session-churn': 4 });
  });

  it('a fixed rate is the target a report shows; a ramp has none of its own (its arrivals over the span are)', () => {
    const byType = plans();
    const nominal = (type: string) => {
      const plan = byType.get(type)!;
      return workloadType(plan.type).nominalRatePerSec?.(plan);
    };
    assert.equal(nominal('constant-rate'), 500);
    assert.equal(nominal('ramping-rate'), undefined);
  });

  it('autocannon drives concurrent by connections and constant-rate by rate; the other types only with the client', () => {
    const byType = plans();
    const loads = Object.fromEntries([...byType].map(([type, plan]) => [type, workloadType(plan.type).autocannon?.(plan) ?? null]));
    assert.deepEqual(loads, {
      sequential: null,
      concurrent: { connections: 16 },
      'constant-rate': { ratePerSec: 500, maxInFlight: 1000 },
      'ramping-rate': null,
      'ramping-concurrency': null,
      'session-churn': null,
    });
  });

  it('headlines: each type words its own shape; the open model shows target and sent rates once measured, its cap before', () => {
    const headline = (type: string, facts: Parameters<ReturnType<typeof workloadType>['headline']>[0]) => findWorkloadType(type)!.headline(facts);
    assert.equal(headline('sequential', { concurrency: 1 }), 'sequential');
    assert.equal(headline('concurrent', { concurrency: 16 }), 'concurrent · 16 in flight');
    assert.equal(headline('ramping-concurrency', { concurrency: 32 }), 'ramping-concurrency · up to 32 in flight');
    assert.equal(headline('session-churn', { concurrency: 4 }), 'session-churn · 4 sessions at a time');
    const measured = { concurrency: 1000, arrivals: { targetRatePerSec: 500, achievedRatePerSec: 498.04 } };
    assert.equal(headline('constant-rate', measured), 'constant-rate · target 500/s, sent 498/s');
    assert.equal(headline('ramping-rate', { concurrency: 2000, arrivals: { targetRatePerSec: 12.5, achievedRatePerSec: 12.5 } }), 'ramping-rate · target 12.5/s, sent 12.5/s');
    assert.equal(headline('constant-rate', { concurrency: 1000 }), 'constant-rate · at most 1000 in flight');
  });
});
