import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AbortedBy } from '../../../src/thresholds/types.js';
import { runRounds, type RoundStart, type RunVariant } from '../../../src/runner/rounds.js';
import { notRun, type RunDependencies, type RunResult, type WorkloadStatus } from '../../../src/runner/run.js';
import { ServerLog } from '../../../src/client/transports/server-log.js';
import { resolveScenario, type Plan } from '../../../src/scenario/index.js';
import { FakeClock } from '../../../src/time/fake-clock.js';

/** Two workloads, variants told apart by their concurrency (and the last one by its target). */
function plan(rounds: number, names = ['A', 'B']): Plan {
  const result = resolveScenario(
    {
      name: 'rounds',
      target: { builtin: {} },
      workloads: ['one', 'two'].map((name) => ({ name, type: 'concurrent', concurrency: 1, iterations: 1, operations: [{ method: 'ping' }] })),
      variants: names.map((name, index) => ({
        name,
        workload: { concurrency: index + 1 },
        ...(index === names.length - 1 ? { target: { builtin: { transport: 'http' } } } : {}),
      })),
      compare: { rounds },
    },
    { file: null, env: {}, baseDir: '/srv' },
  );
  assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
  return result.plan;
}

interface Call {
  readonly concurrency: number;
  readonly transport: string;
  readonly workloads: readonly string[];
  readonly hasVariants: boolean;
}

/** A runPlan stand-in: notes which variant's plan it got, and answers with the statuses `script` gives. */
function fakeRunner(script: (call: number) => { status?: WorkloadStatus; abortedBy?: AbortedBy; stop?: AbortController } = () => ({})) {
  const calls: Call[] = [];
  const run: RunVariant = async (variantPlan, deps) => {
    const first = variantPlan.workloads[0]!;
    calls.push({
      concurrency: first.type === 'concurrent' ? first.concurrency : 0,
      transport: variantPlan.target.kind === 'builtin' ? variantPlan.target.transport : variantPlan.target.kind,
      workloads: variantPlan.workloads.map((w) => w.name),
      hasVariants: 'variants' in variantPlan || 'compare' in variantPlan,
    });
    const step = script(calls.length - 1);
    step.stop?.abort();
    const workloads = variantPlan.workloads.map((w) => ({ ...notRun(w), status: step.status ?? 'completed' }));
    const result: RunResult = { plan: variantPlan, startedAt: deps.now(), finishedAt: deps.now(), workloads, interrupted: deps.stopSignal.aborted };
    return step.abortedBy ? ({ ...result, abortedBy: step.abortedBy } as RunResult) : result;
  };
  return { calls, run };
}

function deps(stop = new AbortController(), starts: RoundStart[] = []): RunDependencies & { onRoundStart: (s: RoundStart) => void } {
  return { clock: new FakeClock(), serverLog: new ServerLog(null), stopSignal: stop.signal, now: () => new Date(0), onRoundStart: (s) => starts.push(s) };
}

describe('runRounds', () => {
  it('interleaves the variants round by round (A B A B A B), each with its own workloads and target', async () => {
    const { calls, run } = fakeRunner();
    const starts: RoundStart[] = [];
    const result = await runRounds(plan(3), deps(new AbortController(), starts), run);
    assert.deepEqual(calls.map((c) => c.concurrency), [1, 2, 1, 2, 1, 2]);
    assert.deepEqual(calls.map((c) => c.transport), ['stdio', 'http', 'stdio', 'http', 'stdio', 'http']);
    assert.ok(calls.every((c) => c.workloads.join() === 'one,two' && !c.hasVariants), 'workload names unchanged, no variants of its own');
    assert.deepEqual(result.runs.map((r) => `${r.round}${r.variant}`), ['1A', '1B', '2A', '2B', '3A', '3B']);
    assert.deepEqual(starts.map((s) => `${s.round}/${s.rounds} ${s.variant}`), ['1/3 A', '1/3 B', '2/3 A', '2/3 B', '3/3 A', '3/3 B']);
    assert.equal(result.rounds, 3);
    assert.equal(result.interrupted, false);
    assert.equal(result.abortedBy, null);
    assert.ok(result.runs.every((r) => r.result.workloads.length === 2), 'every round keeps its workload runs');
  });

  it('three variants: A B C A B C', async () => {
    const { calls, run } = fakeRunner();
    await runRounds(plan(2, ['A', 'B', 'C']), deps(), run);
    assert.deepEqual(calls.map((c) => c.concurrency), [1, 2, 3, 1, 2, 3]);
  });

  it('the stop signal ends the rounds after the run in progress', async () => {
    const stop = new AbortController();
    const { calls, run } = fakeRunner((n) => (n === 2 ? { stop, status: 'interrupted' } : {}));
    const result = await runRounds(plan(5), deps(stop), run);
    assert.equal(calls.length, 3);
    assert.equal(result.interrupted, true);
    assert.deepEqual(result.runs.map((r) => `${r.round}${r.variant}`), ['1A', '1B', '2A']);
  });

  it('a stop signal already set runs nothing', async () => {
    const stop = new AbortController();
    stop.abort();
    const { calls, run } = fakeRunner();
    const result = await runRounds(plan(2), deps(stop), run);
    assert.equal(calls.length, 0);
    assert.equal(result.interrupted, true);
  });

  it('an abortOnFail threshold stops every later round and is carried with its variant', async () => {
    const abortedBy: AbortedBy = { workload: 'one', operation: null, threshold: 'p99<1ms', metric: 'p99', measured: 5_000, atUs: 2_000_000 };
    const { calls, run } = fakeRunner((n) => (n === 1 ? { abortedBy, status: 'aborted' } : {}));
    const result = await runRounds(plan(4), deps(), run);
    assert.equal(calls.length, 2);
    assert.deepEqual(result.abortedBy, { ...abortedBy, variant: 'B' });
  });

  it('a failed workload (target gone) stops the rounds: the comparison would only measure the failure', async () => {
    const { calls, run } = fakeRunner((n) => (n === 0 ? { status: 'failed' } : {}));
    const result = await runRounds(plan(3), deps(), run);
    assert.equal(calls.length, 1);
    assert.equal(result.runs.length, 1);
    assert.equal(result.interrupted, false);
  });
});
