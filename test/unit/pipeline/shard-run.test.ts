import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OK } from '../../../src/client/outcome.js';
import { WorkloadRecorder } from '../../../src/metrics/recorder.js';
import { runScenario } from '../../../src/pipeline/run-scenario.js';
import { THRESHOLDS_ON_MERGE } from '../../../src/pipeline/shard-report.js';
import { notRun, type RunOneWorkload } from '../../../src/runner/run.js';
import { SLOT_GAP_US } from '../../../src/runner/start-slots.js';
import { resolveScenario, type Plan } from '../../../src/scenario/index.js';
import { FakeClock } from '../../../src/time/fake-clock.js';

const WALL_MS = Date.parse('2030-01-31T12:00:00Z');
const ENVIRONMENT = { node: 'v20.0.0', platform: 'linux', arch: 'x64', osRelease: '6.0', cpus: { count: 2, model: 'test cpu' }, memoryBytes: 1 };
const CALLS = 20;
const CONNECT_US = 300_000;

/** Two one-second workloads on the built-in server, each with a threshold a 1 ms call fails (p50 < 500µs). */
function plan(startInMs: number | null): Plan {
  const workloads = ['first', 'second'].map((name) => ({
    name,
    type: 'constant-rate',
    rate: '20/s',
    duration: '1s',
    thresholds: ['p50<500us'],
    operations: [{ tool: 'echo', args: { message: 'hi' } }],
  }));
  const start = startInMs === null ? null : { atEpochMs: WALL_MS + startInMs, maxLateUs: 1_000_000 };
  const result = resolveScenario({ name: 'shards', target: { builtin: {} }, workloads }, { file: null, env: {}, baseDir: '/srv', overrides: { sharding: { shard: { index: 0, count: 1 }, start } } });
  assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
  return result.plan;
}

/** The plan as shard 1 of 2 runs it (the split itself is workloads/registry.ts's; the shares are taken as given). */
const shardOfTwo = (p: Plan): Plan => ({ ...p, shard: { index: 1, count: 2 } });

/**
 * The workload runner, in-process: connects (CONNECT_US on the fake clock), waits for its slot as runWorkload does,
 * then makes CALLS calls of 1 ms each. `log` notes when each executor started (clock µs).
 */
function inProcess(clock: FakeClock, log: { name: string; startedUs: number }[]): RunOneWorkload {
  return async (workload, deps) => {
    await clock.sleepUs(CONNECT_US);
    const slot = await (deps.waitForSlot?.() ?? { kind: 'start' as const, lateUs: 0 });
    if (slot.kind !== 'start') return { ...notRun(workload), status: slot.kind === 'missed' ? 'not-run' : 'interrupted' };
    log.push({ name: workload.name, startedUs: clock.nowUs() });
    const recorder = new WorkloadRecorder(workload.operations.map((op) => op.name), null, { clock });
    const measureStartUs = clock.nowUs();
    for (let i = 0; i < CALLS; i++) {
      await clock.sleepUs(1000);
      recorder.record(0, 1000, OK);
    }
    return { ...notRun(workload), status: 'completed', recorder, execution: { measureStartUs, measureEndUs: clock.nowUs(), fatal: null, interrupted: false } };
  };
}

async function run(p: Plan, stop?: AbortController) {
  const clock = new FakeClock(50_000_000);
  const log: { name: string; startedUs: number }[] = [];
  const deps = { clock, now: () => new Date(WALL_MS), environment: ENVIRONMENT, version: '0.0.0-test', floor: null, runWorkload: inProcess(clock, log), ...(stop && { stopSignal: stop.signal }) };
  const summary = await clock.run(runScenario(p, deps));
  return { summary, log, clock };
}

describe('a sharded run and its synchronised start (runScenario, stand-in workloads on a fake clock)', () => {
  it('each workload starts at its slot; the report records the shard, the plan hash, the start and its offset', async () => {
    const p = plan(5000);
    const { summary, log } = await run(p);
    assert.deepEqual(log, [
      { name: 'first', startedUs: 55_000_000 },
      { name: 'second', startedUs: 55_000_000 + 1_000_000 + SLOT_GAP_US },
    ]);
    assert.deepEqual(summary.shard, { index: 0, count: 1, planHash: p.planHash, startAt: '2030-01-31T12:00:05.000Z', startOffsetUs: 0, late: false });
    assert.equal(summary.partial, false);
    assert.deepEqual(summary.warnings, []);
    // One shard of one is the whole run: its thresholds are judged as always.
    assert.deepEqual(summary.gate.thresholds, { passed: 0, failed: 2 });
  });

  it('a start already past by more than --max-late: nothing runs, the report is late and partial', async () => {
    const { summary, log } = await run(plan(-2000));
    assert.deepEqual(log, [], 'no executor started');
    assert.deepEqual(summary.workloads.map((w) => [w.name, w.status, w.total.count]), [['first', 'not-run', 0], ['second', 'not-run', 0]]);
    assert.equal(summary.shard?.late, true);
    assert.equal(summary.shard?.startOffsetUs, null);
    assert.equal(summary.partial, true);
    assert.match(summary.warnings[0] ?? '', /^this shard missed the synchronised start: first was ready 2\.30s after its slot, more than --max-late 1\.00s/);
  });

  it('Ctrl-C while waiting for the start: interrupted, not late', async () => {
    const stop = new AbortController();
    const clock = new FakeClock(0);
    const runOne = inProcess(clock, []);
    const deps = { clock, now: () => new Date(WALL_MS), environment: ENVIRONMENT, version: 't', floor: null, stopSignal: stop.signal, runWorkload: runOne };
    const running = runScenario(plan(60_000), deps);
    await clock.advanceUs(CONNECT_US + 1000);
    stop.abort();
    const summary = await running;
    assert.equal(summary.interrupted, true);
    assert.deepEqual(summary.workloads.map((w) => w.status), ['interrupted', 'not-run']);
    assert.equal(summary.shard?.late, false);
    assert.equal(clock.nowUs(), CONNECT_US + 1000, 'stopped waiting at once');
  });

  it('a shard of N > 1 leaves thresholds to the merge, and says a spawned server sees 1/N of the load', async () => {
    const { summary } = await run(shardOfTwo(plan(5000)));
    assert.deepEqual(summary.shard && [summary.shard.index, summary.shard.count, summary.shard.late], [1, 2, false]);
    assert.deepEqual(summary.workloads.map((w) => w.thresholds), [[], []], 'not judged on a share');
    assert.deepEqual(summary.gate.thresholds, { passed: 0, failed: 0 });
    assert.equal(summary.gate.passed, true);
    assert.ok(summary.warnings.includes(THRESHOLDS_ON_MERGE), summary.warnings.join('\n'));
    assert.ok(summary.warnings.some((w) => /^each of the 2 shards starts its own built-in server: every server sees 1\/2 of the load/.test(w)), summary.warnings.join('\n'));
  });

  it('a shard with no share of a workload records it as completed with no calls, and why', async () => {
    const p = shardOfTwo(plan(5000));
    // Shard 1 of 2 of a workload of one call: its share is none.
    const none = { ...p.workloads[1]!, type: 'sequential' as const, shard: { index: 1, count: 2 }, measure: { kind: 'iterations' as const, count: 0 } };
    const { summary, log } = await run({ ...p, workloads: [p.workloads[0]!, none] } as Plan);
    assert.deepEqual(summary.workloads.map((w) => [w.name, w.status, w.total.count]), [['first', 'completed', CALLS], ['second', 'completed', 0]]);
    assert.deepEqual(summary.workloads[1]!.operations.map((op) => [op.name, op.count]), [['tools/call echo', 0]], 'its operations, at zero');
    assert.deepEqual(log.map((l) => l.name), ['first'], 'the idle workload never connected');
    assert.equal(summary.partial, false);
    assert.ok(summary.warnings.some((w) => /^second: idle by sharding: .* gives shard 1\/2 nothing/.test(w)), summary.warnings.join('\n'));
  });

  it('a run neither sharded nor given a start has no shard block', async () => {
    const { summary } = await run(plan(null));
    assert.equal(summary.shard, undefined);
    assert.equal('shard' in summary, false);
  });
});
