import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OK, TOOL_ERROR } from '../../../src/client/outcome.js';
import { WorkloadRecorder } from '../../../src/metrics/recorder.js';
import { summarizeVariants } from '../../../src/compare/summarize-variants.js';
import type { RoundsResult, VariantRound } from '../../../src/runner/rounds.js';
import { notRun, type RunResult } from '../../../src/runner/run.js';
import { resolveScenario, type Plan } from '../../../src/scenario/index.js';

const ENVIRONMENT = { node: 'v20', platform: 'linux', arch: 'x64', osRelease: '', cpus: { count: 2, model: '' }, memoryBytes: 0 };

function plan(): Plan {
  const result = resolveScenario(
    {
      name: 'summary',
      target: { builtin: {} },
      workloads: [{ name: 'w', type: 'sequential', iterations: 10, operations: [{ method: 'ping' }, { method: 'tools/list' }] }],
      variants: [{ name: 'slow' }, { name: 'fast', target: { builtin: { transport: 'http' } } }],
      compare: { rounds: 3 },
    },
    { file: null, env: {}, baseDir: '/srv' },
  );
  assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
  return result.plan;
}

/** One variant's run of one round: 10 calls of each operation at `latencyUs`, one ping failing, over 1 s. */
function round(p: Plan, variant: number, n: number, latencyUs: number): VariantRound {
  const v = p.variants![variant]!;
  const workload = v.workloads[0]!;
  const recorder = new WorkloadRecorder(workload.operations.map((op) => op.name));
  for (let i = 0; i < 10; i++) {
    recorder.record(0, latencyUs, i === 0 ? TOOL_ERROR : OK);
    recorder.record(1, latencyUs * 2, OK);
  }
  const execution = { measureStartUs: 0, measureEndUs: 1_000_000, fatal: null, interrupted: false };
  const result: RunResult = { plan: p, startedAt: new Date(0), finishedAt: new Date(0), interrupted: false, workloads: [{ ...notRun(workload), status: 'completed', recorder, execution }] };
  return { round: n, variant: v.name, result };
}

function rounds(p: Plan, runs: VariantRound[], more: Partial<RoundsResult> = {}): RoundsResult {
  return { plan: p, startedAt: new Date(0), finishedAt: new Date(1_000), rounds: 3, variants: p.variants!, runs, interrupted: false, abortedBy: null, ...more };
}

describe('summarizeVariants', () => {
  const p = plan();
  const all = [1, 2, 3].flatMap((n) => [round(p, 0, n, 1_000 * n), round(p, 1, n, 250 * n)]);

  it("each variant's workloads merged over its rounds and marked with the variant; the comparison from every round", () => {
    const summary = summarizeVariants(rounds(p, all), ENVIRONMENT, '1.2.3');
    assert.deepEqual(summary.workloads.map((w) => [w.variant, w.name, w.total.count, w.durationUs]), [['slow', 'w', 60, 3_000_000], ['fast', 'w', 60, 3_000_000]]);
    assert.equal(summary.workloads[0]!.operations[0]!.latencyUs.max, 3_000, 'percentiles over every round');
    assert.equal(summary.workloads[0]!.operations[0]!.errorRate, 0.1);
    assert.equal(summary.tool.version, '1.2.3');
    const comparison = summary.comparison!;
    assert.deepEqual(comparison.rows.map((row) => row.operation), ['ping', 'tools/list', 'all']);
    const ping = comparison.rows[0]!.cells[1]!.vsFirst!;
    // fast is 4× faster in every round: ratio 0.25 with no spread; the same number of calls in the same time.
    assert.ok(Math.abs(ping.p50.ratio! - 0.25) < 1e-9 && Math.abs(ping.p50.low! - 0.25) < 1e-9, JSON.stringify(ping.p50));
    assert.equal(ping.throughput.ratio, 1);
    assert.equal(ping.errorRateDelta, 0);
    assert.equal(comparison.roundFigures.length, 3 * 2 * 3);
    assert.deepEqual(summary.gate.abortedBy, null);
    assert.equal(summary.partial, false);
  });

  it('an abort is carried into the gate with its variant; rounds that never ran are noted', () => {
    const abortedBy = { workload: 'w', variant: 'fast', operation: null, threshold: 'p99<1ms', metric: 'p99' as const, measured: 2_000, atUs: 5 };
    const summary = summarizeVariants(rounds(p, all.slice(0, 3), { abortedBy }), ENVIRONMENT, '1.2.3');
    assert.equal(summary.gate.passed, false);
    assert.deepEqual(summary.gate.abortedBy, abortedBy);
    assert.deepEqual(summary.workloads.map((w) => w.total.count), [40, 20]);
    assert.ok(summary.comparison!.notes.includes('fast ran 1 of 3 rounds (the run stopped early)'), summary.comparison!.notes.join('\n'));
  });

  it('a variant that never ran is listed as not run, with zero figures', () => {
    const summary = summarizeVariants(rounds(p, [all[0]!], { interrupted: true }), ENVIRONMENT, '1.2.3');
    assert.deepEqual(summary.workloads.map((w) => [w.variant, w.status]), [['slow', 'completed'], ['fast', 'not-run']]);
    assert.equal(summary.partial, true);
    assert.equal(summary.interrupted, true);
    assert.equal(summary.comparison!.rows[2]!.cells[1]!.count, 0);
  });
});
