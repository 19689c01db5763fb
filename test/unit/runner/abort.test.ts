import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Caller } from '../../../src/client/caller.js';
import { isFatal } from '../../../src/client/classify.js';
import { OK, TOOL_ERROR, type Outcome } from '../../../src/client/outcome.js';
import { PLAIN_CLIENT } from '../../../src/client/policies.js';
import { runWatched } from '../../../src/runner/abort-watch.js';
import { parseThreshold } from '../../../src/thresholds/parse.js';
import type { AbortedBy, ThresholdSpec } from '../../../src/thresholds/types.js';
import { WorkloadRecorder } from '../../../src/metrics/recorder.js';
import { summarize } from '../../../src/summary/summarize.js';
import { seededRandom } from '../../../src/random/seeded.js';
import { execute } from '../../../src/workloads/registry.js';
import { notRun, runPlan, type RunDependencies, type WorkloadRun } from '../../../src/runner/run.js';
import type { Bound } from '../../../src/schedule/bound.js';
import type { McpRequest } from '../../../src/client/request.js';
import type { OperationPlan } from '../../../src/operations/operation.js';
import type { Plan } from '../../../src/scenario/plan.js';
import type { WorkloadPlan } from '../../../src/workloads/plan.js';
import { FakeClock } from '../../../src/time/fake-clock.js';
import { WHOLE_RUN } from '../../../src/schedule/shard.js';

/** A caller whose calls take a scripted time on the fake clock (decided by the clock time they start at). */
class ScriptedCaller implements Caller {
  calls = 0;
  constructor(
    private readonly clock: FakeClock,
    private readonly script: (startUs: number, request: McpRequest) => { us: number; outcome: Outcome },
  ) {}
  async call(request: McpRequest): Promise<Outcome> {
    this.calls++;
    const step = this.script(this.clock.nowUs(), request);
    await this.clock.sleepUs(step.us);
    return step.outcome;
  }
  async close(): Promise<void> {}
}

function abortOn(text: string, delayUs = 0): ThresholdSpec {
  const parsed = parseThreshold(text, 'scenario');
  assert.ok(parsed.ok, text);
  return { ...parsed.spec, abortOnFail: true, abortDelayUs: delayUs };
}

const tool = (name: string, thresholds?: ThresholdSpec[]): OperationPlan => ({
  name: `tools/call ${name}`,
  weight: 1,
  timeoutUs: 60e6,
  request: { method: 'tools/call', tool: name, args: {} },
  ...(thresholds ? { thresholds } : {}),
});

interface Shape {
  measure?: Bound;
  warmup?: Bound | null;
  thresholds?: ThresholdSpec[];
  operations?: OperationPlan[];
}

function workload(shape: Shape): WorkloadPlan {
  return {
    name: 'w',
    type: 'sequential',
    operations: shape.operations ?? [tool('echo')],
    warmup: shape.warmup ?? null,
    measure: shape.measure ?? { kind: 'duration', us: 60_000_000 },
    seed: 1,
    shard: WHOLE_RUN,
    client: PLAIN_CLIENT,
    endpoints: [],
    engine: { kind: 'client' },
    ...(shape.thresholds ? { thresholds: shape.thresholds } : {}),
  };
}

/** Runs the workload's executor under its abort watch, on the fake clock. */
async function run(plan: WorkloadPlan, caller: (clock: FakeClock) => Caller, stop = new AbortController()) {
  const clock = new FakeClock();
  const recorder = new WorkloadRecorder(plan.operations.map((o) => o.name));
  const context = { caller: caller(clock), clock, random: seededRandom(plan.seed, 'test'), recorder, isFatal };
  const watched = runWatched(plan, recorder, clock, stop.signal, (stopSignal) => execute(plan, { ...context, stopSignal }));
  const { result, abortedBy } = await clock.run(watched);
  return { result, abortedBy, recorder, clock };
}

/** 10 ms calls, 100 ms from `slowFromUs` on. */
const slowingDown = (slowFromUs: number) => (clock: FakeClock) =>
  new ScriptedCaller(clock, (startUs) => ({ us: startUs >= slowFromUs ? 100_000 : 10_000, outcome: OK }));

describe('abortOnFail: a workload stopped by its rolling window', () => {
  it('stops the executor at the first tick whose window fails, and says what and when', async () => {
    const { result, abortedBy, recorder } = await run(workload({ thresholds: [abortOn('p99 < 50ms')] }), slowingDown(8_000_000));
    // Window 4–9 s at the 9 s tick: 400 fast calls and 9 slow ones (2.2% > 1%), so its p99 is a slow call.
    assert.deepEqual(abortedBy, { workload: 'w', operation: null, threshold: 'p99 < 50ms', metric: 'p99', measured: 100_000, atUs: 9_000_000 });
    assert.equal(result.interrupted, true, 'the executor was stopped through its stop signal');
    // The call in flight at the tick (sent at 8.9 s) completed and was recorded; no call was sent after it.
    assert.equal(result.measureEndUs, 9_000_000);
    assert.equal(recorder.operations[0]!.count, 800 + 10);
  });

  it('judges nothing before the delay', async () => {
    const { abortedBy, result } = await run(workload({ thresholds: [abortOn('p99 < 50ms', 12_000_000)] }), slowingDown(8_000_000));
    assert.equal(abortedBy?.atUs, 12_000_000);
    assert.equal(result.measureEndUs, 12_000_000);
  });

  it('runs to the end when every window holds', async () => {
    const plan = workload({ measure: { kind: 'duration', us: 10_000_000 }, thresholds: [abortOn('p99 < 50ms'), abortOn('error_rate < 1%')] });
    const { result, abortedBy, recorder, clock } = await run(plan, slowingDown(Number.POSITIVE_INFINITY));
    assert.equal(abortedBy, null);
    assert.equal(result.interrupted, false);
    assert.equal(recorder.operations[0]!.count, 1_000);
    assert.equal(clock.pendingTimers, 0, 'the watch stopped with the workload');
  });

  it('a threshold on one operation stops the workload when that operation fails', async () => {
    const operations = [tool('good'), tool('flaky', [abortOn('error_rate < 10%')])];
    const caller = (clock: FakeClock) =>
      new ScriptedCaller(clock, (startUs, request) => {
        const flaky = request.method === 'tools/call' && request.tool === 'flaky';
        return { us: 10_000, outcome: flaky && startUs >= 3_000_000 ? TOOL_ERROR : OK };
      });
    const { abortedBy } = await run(workload({ operations }), caller);
    assert.equal(abortedBy?.operation, 'tools/call flaky');
    assert.equal(abortedBy?.threshold, 'error_rate < 10%');
    assert.equal(abortedBy?.atUs, 4_000_000);
    assert.ok(abortedBy!.measured > 0.1 && abortedBy!.measured < 0.5, String(abortedBy!.measured));
  });

  it('windows without calls judge no latency, but a throughput floor catches the hang', async () => {
    // One call that takes 20 s: every window until it completes has no calls.
    const slow = (clock: FakeClock) => new ScriptedCaller(clock, () => ({ us: 20_000_000, outcome: OK }));
    const latency = workload({ measure: { kind: 'iterations', count: 1 }, thresholds: [abortOn('p99 < 1ms')] });
    const quiet = await run(latency, slow);
    assert.equal(quiet.abortedBy, null);
    assert.equal(quiet.recorder.operations[0]!.count, 1);
    const floor = workload({ measure: { kind: 'iterations', count: 1 }, thresholds: [abortOn('throughput > 100/s')] });
    const { abortedBy } = await run(floor, slow);
    assert.equal(abortedBy?.threshold, 'throughput > 100/s');
    assert.equal(abortedBy?.measured, 0);
    assert.ok(abortedBy!.atUs < 20_000_000, `aborted at ${abortedBy!.atUs} µs, before the hung call returned`);
  });

  it('a timed warmup is in no window, and time counts from the measured phase', async () => {
    // 100 ms calls during a 3 s warmup, 10 ms afterwards, then slow again from 9 s (6 s into the measured phase).
    const caller = (clock: FakeClock) =>
      new ScriptedCaller(clock, (startUs) => ({ us: startUs < 3_000_000 || startUs >= 9_000_000 ? 100_000 : 10_000, outcome: OK }));
    const plan = workload({ warmup: { kind: 'duration', us: 3_000_000 }, thresholds: [abortOn('p99 < 50ms')] });
    const { abortedBy } = await run(plan, caller);
    assert.equal(abortedBy?.atUs, 7_000_000);
  });

  it('after a warmup of a number of calls, the measured phase starts at the first tick that finds measured calls', async () => {
    // 150 warmup calls of 10 ms end at 1.5 s; the 2 s tick finds measured calls and starts there.
    const plan = workload({ warmup: { kind: 'iterations', count: 150 }, thresholds: [abortOn('p99 < 50ms')] });
    const { abortedBy } = await run(plan, slowingDown(8_000_000));
    // Slow calls from 8 s; the 9 s tick (7 s after the start at 2 s) has 400 fast calls and 9 slow ones in 4–9 s.
    assert.equal(abortedBy?.atUs, 7_000_000);
  });

  it('without abortOnFail thresholds nothing is watched: the executor gets the stop signal as given', async () => {
    const stop = new AbortController();
    let given: AbortSignal | undefined;
    const clock = new FakeClock();
    const recorder = new WorkloadRecorder(['a']);
    const plan = workload({ thresholds: [{ ...abortOn('p99 < 1ms'), abortOnFail: false }] });
    const { abortedBy } = await runWatched(plan, recorder, clock, stop.signal, async (signal) => {
      given = signal;
      return 'done';
    });
    assert.equal(given, stop.signal);
    assert.equal(abortedBy, null);
    assert.equal(clock.pendingTimers, 0);
  });

  it('an interrupt still stops a watched workload, without an abort', async () => {
    const stop = new AbortController();
    const caller = (clock: FakeClock) =>
      new ScriptedCaller(clock, (startUs) => {
        if (startUs >= 2_000_000) stop.abort();
        return { us: 10_000, outcome: OK };
      });
    const { abortedBy, result } = await run(workload({ thresholds: [abortOn('p99 < 50ms')] }), caller, stop);
    assert.equal(abortedBy, null);
    assert.equal(result.interrupted, true);
    assert.equal(result.measureEndUs, 2_010_000);
  });

  it('judges nothing once the stop signal fired: a grace period that drains the calls aborts nothing (issue 11)', async () => {
    // 4 in flight, 10 ms calls: 400/s against a floor of 300/s. The interrupt comes at 7.5 s; the calls sent then take
    // 2 s, so the grace period runs to 9.5 s and the 9 s tick's window (4–9 s, 3.5 s of calls) reads 280/s.
    const stop = new AbortController();
    const caller = (clock: FakeClock) =>
      new ScriptedCaller(clock, (startUs) => {
        if (startUs >= 7_500_000 && !stop.signal.aborted) stop.abort();
        return { us: startUs >= 7_500_000 ? 2_000_000 : 10_000, outcome: OK };
      });
    const plan = { ...workload({ thresholds: [abortOn('throughput > 300/s')] }), type: 'concurrent', concurrency: 4 } as WorkloadPlan;
    const { abortedBy, result, clock } = await run(plan, caller, stop);
    assert.equal(abortedBy, null, `no abort judged in the grace period: ${JSON.stringify(abortedBy)}`);
    assert.equal(result.interrupted, true);
    assert.ok((result.measureEndUs ?? 0) > 9_000_000, `the grace ran past the 9 s tick: ${result.measureEndUs}`);
    assert.equal(clock.pendingTimers, 0);
  });
});

describe('abortOnFail: the run stops and the gate fails', () => {
  const planned = (name: string): WorkloadPlan => ({ ...workload({}), name });
  const plan: Plan = {
    name: 'p',
    sourceFile: null,
    target: { kind: 'http', url: 'http://127.0.0.1:1/mcp', headers: {} },
    workloads: [planned('first'), planned('aborted'), planned('after')],
    redacted: {},
    resolvedRedacted: {},
    targetLabel: 'x',
  };
  const abortedBy: AbortedBy = { workload: 'aborted', operation: null, threshold: 'p99 < 50ms', metric: 'p99', measured: 100_000, atUs: 9_000_000 };
  const deps = (stop = new AbortController()): RunDependencies => ({
    clock: new FakeClock(),
    serverLog: { tail: () => [] } as unknown as RunDependencies['serverLog'],
    stopSignal: stop.signal,
    now: () => new Date('2026-01-01T00:00:00Z'),
  });
  const fakeRun = async (workload: WorkloadPlan): Promise<WorkloadRun> => {
    const recorder = new WorkloadRecorder(workload.operations.map((o) => o.name));
    recorder.record(0, 1_000, OK);
    const execution = { measureStartUs: 0, measureEndUs: 1_000, fatal: null, interrupted: workload.name === 'aborted' };
    const base = { ...notRun(workload), recorder, execution };
    return workload.name === 'aborted' ? { ...base, status: 'aborted', abortedBy } : { ...base, status: 'completed' };
  };

  it('runPlan leaves the later workloads not run and carries abortedBy; the run is not interrupted', async () => {
    const ran: string[] = [];
    const result = await runPlan(plan, deps(), async (workload) => {
      ran.push(workload.name);
      return fakeRun(workload);
    });
    assert.deepEqual(ran, ['first', 'aborted']);
    assert.deepEqual(result.workloads.map((w) => w.status), ['completed', 'aborted', 'not-run']);
    assert.equal(result.abortedBy, abortedBy);
    assert.equal(result.interrupted, false);
  });

  it('summarize puts it in the gate: failed, partial, not interrupted', async () => {
    const result = await runPlan(plan, deps(), fakeRun);
    const environment = { node: 'v20', platform: 'linux', arch: 'x64', osRelease: '6', cpus: { count: 2, model: 'cpu' }, memoryBytes: 1 };
    const summary = summarize(result, environment, '0.0.0');
    assert.deepEqual(summary.gate.abortedBy, abortedBy);
    assert.equal(summary.gate.passed, false);
    assert.equal(summary.partial, true);
    assert.equal(summary.interrupted, false);
    assert.deepEqual(summary.workloads.map((w) => w.status), ['completed', 'aborted', 'not-run']);
  });

  it('a run without an abort has no abortedBy and a passing gate', async () => {
    const result = await runPlan({ ...plan, workloads: [planned('first')] }, deps(), fakeRun);
    assert.equal(result.abortedBy, undefined);
    const summary = summarize(result, { node: 'v20', platform: 'linux', arch: 'x64', osRelease: '6', cpus: { count: 2, model: 'cpu' }, memoryBytes: 1 }, '0.0.0');
    assert.deepEqual([summary.gate.passed, summary.gate.abortedBy, summary.partial], [true, null, false]);
  });
});
