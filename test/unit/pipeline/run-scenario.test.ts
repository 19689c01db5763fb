import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OK } from '../../../src/client/outcome.js';
import { WorkloadRecorder } from '../../../src/metrics/recorder.js';
import { runScenario, type RunScenarioDependencies } from '../../../src/pipeline/run-scenario.js';
import { notRun, type RunOneWorkload } from '../../../src/runner/run.js';
import { resolveScenario, type Plan } from '../../../src/scenario/index.js';
import { parseThreshold } from '../../../src/thresholds/parse.js';
import { FakeClock } from '../../../src/time/fake-clock.js';

const CALLS = 50;
const ENVIRONMENT = { node: 'v20.0.0', platform: 'linux', arch: 'x64', osRelease: '6.0', cpus: { count: 2, model: 'test cpu' }, memoryBytes: 1 };

/** One sequential echo workload, the built-in server at `latency`; `variants` compare it at 1 ms and 3 ms. */
function plan(options: { latency?: string; variants?: boolean; cliThreshold?: string } = {}): Plan {
  const raw = {
    name: 'pipeline',
    target: { builtin: { latency: options.latency ?? '1ms' } },
    workloads: [{ name: 'echo', type: 'sequential', iterations: CALLS, thresholds: ['p50<2ms'], operations: [{ tool: 'echo', args: { message: 'hi' } }] }],
    ...(options.variants && {
      variants: [{ name: 'fast' }, { name: 'slow', target: { builtin: { latency: '3ms' } } }],
      compare: { rounds: 2 },
    }),
  };
  const cli = options.cliThreshold === undefined ? undefined : parseThreshold(options.cliThreshold, 'cli');
  const overrides = cli?.ok ? { thresholds: [cli.spec] } : {};
  const result = resolveScenario(raw, { file: null, env: {}, baseDir: '/srv', overrides });
  assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
  return result.plan;
}

/**
 * The workload runner, in-process: each call takes the built-in server's latency (plus 0–90 µs) on the fake clock,
 * and is recorded as the executor would, so every figure downstream is computed from real recordings.
 */
function inProcess(clock: FakeClock): { runOne: RunOneWorkload; ran: string[] } {
  const ran: string[] = [];
  const runOne: RunOneWorkload = async (workload) => {
    const target = workload.endpoints[0];
    const latencyUs = target?.kind === 'builtin' ? target.server.latencyUs : 0;
    ran.push(`${workload.name}@${latencyUs}`);
    const recorder = new WorkloadRecorder(workload.operations.map((op) => op.name), null, { clock });
    const measureStartUs = clock.nowUs();
    for (let i = 0; i < CALLS; i++) {
      const started = clock.nowUs();
      await clock.advanceUs(latencyUs + (i % 10) * 10);
      recorder.record(0, clock.nowUs() - started, OK);
    }
    const execution = { measureStartUs, measureEndUs: clock.nowUs(), fatal: null, interrupted: false };
    return { ...notRun(workload), status: 'completed', recorder, execution };
  };
  return { runOne, ran };
}

function deps(clock: FakeClock, runOne: RunOneWorkload, more: Partial<RunScenarioDependencies> = {}): RunScenarioDependencies {
  return { clock, now: () => new Date(0), environment: ENVIRONMENT, version: '0.0.0-test', floor: null, runWorkload: runOne, ...more };
}

describe('runScenario', () => {
  it('runs variants in rounds, compares them, and judges every threshold of the plan (file and --threshold)', async () => {
    const clock = new FakeClock();
    const { runOne, ran } = inProcess(clock);
    const summary = await runScenario(plan({ variants: true, cliThreshold: 'error_rate<1%' }), deps(clock, runOne));

    assert.deepEqual(ran, ['echo@1000', 'echo@3000', 'echo@1000', 'echo@3000'], 'interleaved rounds: fast slow fast slow');
    const perRun = CALLS * 1000 + CALLS * 45;
    assert.equal(clock.nowUs(), 2 * perRun + 2 * (perRun + CALLS * 2000), 'every call took its time on the fake clock');
    assert.deepEqual(summary.workloads.map((w) => [w.variant, w.name, w.total.count]), [['fast', 'echo', 2 * CALLS], ['slow', 'echo', 2 * CALLS]]);

    const comparison = summary.comparison;
    assert.ok(comparison, 'a comparison of the variants');
    assert.equal(comparison.rounds, 2);
    const slow = comparison.rows.find((row) => row.operation === 'all')!.cells[1]!;
    const ratio = slow.vsFirst!.p50.ratio!;
    assert.ok(ratio > 2.8 && ratio < 3.1, `slow p50 / fast p50 = ${ratio}`);

    const judged = summary.workloads.map((w) => w.thresholds.map((t) => [t.threshold, t.source, t.passed]));
    assert.deepEqual(judged, [
      [['p50<2ms', 'scenario', true], ['error_rate<1%', 'cli', true]],
      [['p50<2ms', 'scenario', false], ['error_rate<1%', 'cli', true]],
    ]);
    const [fastP50, slowP50] = summary.workloads.map((w) => w.thresholds[0]!.measured!);
    assert.ok(fastP50! >= 1_000 && fastP50! < 1_100, `fast p50 ${fastP50} µs`);
    assert.ok(slowP50! >= 3_000 && slowP50! < 3_100, `slow p50 ${slowP50} µs`);
    assert.equal(summary.workloads[1]!.thresholds[1]!.measured, 0, 'no errors measured');
    assert.deepEqual(summary.gate.thresholds, { passed: 3, failed: 1 });
    assert.equal(summary.gate.passed, false);
    assert.deepEqual(summary.harness, { floor: null }, 'no floor measured when none is asked for');
    assert.deepEqual(summary.warnings, []);
    assert.equal(summary.startedAt, new Date(0).toISOString());
    assert.deepEqual(summary.tool, { name: 'mcp-bench', version: '0.0.0-test' });
  });

  it('checks a baseline: a run slower than its baseline beyond noise fails the gate', async () => {
    const clock = new FakeClock();
    const { runOne } = inProcess(clock);
    const fast = await runScenario(plan(), deps(clock, runOne));
    assert.equal(fast.gate.passed, true);
    const tolerances = [{ metric: 'p50', allowed: 0.1 }] as const;
    const slow = await runScenario(plan({ latency: '2ms' }), deps(clock, runOne, { baseline: { file: 'fast.json', summary: fast, tolerances } }));
    const check = slow.gate.baseline?.checks.find((c) => c.metric === 'p50');
    assert.equal(check?.verdict, 'regressed', JSON.stringify(slow.gate.baseline));
    assert.equal(slow.gate.baseline?.file, 'fast.json');
    assert.equal(slow.gate.passed, false);
    const same = await runScenario(plan(), deps(clock, runOne, { baseline: { file: 'fast.json', summary: fast, tolerances } }));
    assert.equal(same.gate.passed, true, JSON.stringify(same.gate.baseline));
  });

  it('measures the floor first when asked; a floor that fails is a warning, not a failed run', async () => {
    const clock = new FakeClock();
    const { runOne, ran } = inProcess(clock);
    const floor = { inMemory: { calls: 100, p50Us: 12, p99Us: 40, callsPerSec: 50_000 } };
    const order: string[] = [];
    const measured = await runScenario(plan(), deps(clock, runOne, { floor: async () => (order.push(`floor after ${ran.length} runs`), floor) }));
    assert.deepEqual(order, ['floor after 0 runs']);
    assert.deepEqual(measured.harness, { floor });
    const failed = await runScenario(plan(), deps(clock, runOne, { floor: async () => Promise.reject(new Error('no memory')) }));
    assert.deepEqual(failed.harness, { floor: null });
    assert.deepEqual(failed.warnings, ['the harness floor could not be calibrated: no memory']);
    assert.equal(failed.workloads[0]!.total.count, CALLS);
  });
});
