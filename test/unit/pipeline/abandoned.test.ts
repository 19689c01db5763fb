import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { abandonedWarnings } from '../../../src/pipeline/abandoned.js';
import { notRun, type RunResult } from '../../../src/runner/run.js';
import type { Plan } from '../../../src/scenario/plan.js';
import type { WorkloadPlan } from '../../../src/workloads/plan.js';

describe('abandonedWarnings', () => {
  const workload = (name: string) => ({ name, type: 'concurrent' }) as unknown as WorkloadPlan;
  const run = (name: string, abandonedCalls?: number) => ({
    ...notRun(workload(name)),
    status: 'interrupted' as const,
    execution: { measureStartUs: 0, measureEndUs: 1, fatal: null, interrupted: true, abandonedCalls },
  });

  it('names each workload that left calls in flight, and how many', () => {
    const result = { plan: {} as Plan, startedAt: new Date(0), finishedAt: new Date(0), interrupted: true, workloads: [run('a', 1), run('b'), run('c', 1_234), notRun(workload('d'))] } satisfies RunResult;
    assert.deepEqual(abandonedWarnings(result, '2s'), [
      'a: 1 call was still in flight when the grace period (2s) ended: abandoned, not counted',
      'c: 1,234 calls were still in flight when the grace period (2s) ended: abandoned, not counted',
    ]);
  });

  it('without a label (a library caller with its own abandon signal), says the grace period plainly', () => {
    const result = { plan: {} as Plan, startedAt: new Date(0), finishedAt: new Date(0), interrupted: true, workloads: [run('a', 2)] } satisfies RunResult;
    assert.deepEqual(abandonedWarnings(result, undefined), ['a: 2 calls were still in flight when the grace period ended: abandoned, not counted']);
  });
});
