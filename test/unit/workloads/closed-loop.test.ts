import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Caller } from '../../../src/client/caller.js';
import { isFatal } from '../../../src/client/classify.js';
import { PLAIN_CLIENT } from '../../../src/client/policies.js';
import { OK, TOOL_ERROR, type Outcome } from '../../../src/client/outcome.js';
import { latencyStats } from '../../../src/stats/histogram.js';
import { WorkloadRecorder } from '../../../src/metrics/recorder.js';
import { seededRandom } from '../../../src/random/seeded.js';
import { execute } from '../../../src/workloads/registry.js';
import type { Bound } from '../../../src/schedule/bound.js';
import type { McpRequest } from '../../../src/client/request.js';
import type { OperationPlan } from '../../../src/operations/operation.js';
import type { WorkloadPlan } from '../../../src/workloads/plan.js';
import { FakeClock } from '../../../src/time/fake-clock.js';
import { WHOLE_RUN } from '../../../src/schedule/shard.js';

/** A caller whose calls take a scripted time on the fake clock, and which tracks how many are in flight. */
class ScriptedCaller implements Caller {
  inFlight = 0;
  maxInFlight = 0;
  calls = 0;
  constructor(
    private readonly clock: FakeClock,
    private readonly script: (n: number, request: McpRequest) => { us: number; outcome: Outcome },
  ) {}
  async call(request: McpRequest): Promise<Outcome> {
    const step = this.script(this.calls++, request);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await this.clock.sleepUs(step.us);
    this.inFlight--;
    return step.outcome;
  }
  async close(): Promise<void> {}
}

const ping = (name: string, weight = 1): OperationPlan => ({ name, weight, timeoutUs: 1e6, request: { method: 'ping' } });

function workload(type: 'sequential' | 'concurrent', measure: Bound, warmup: Bound | null, operations = [ping('ping')]): WorkloadPlan {
  const base = { name: 'w', operations, warmup, measure, seed: 1, shard: WHOLE_RUN, client: PLAIN_CLIENT, endpoints: [], engine: { kind: 'client' } as const };
  return type === 'sequential' ? { ...base, type } : { ...base, type, concurrency: 4 };
}

async function run(plan: WorkloadPlan, clock: FakeClock, caller: Caller, stop = new AbortController()) {
  const recorder = new WorkloadRecorder(plan.operations.map((o) => o.name));
  const context = { caller, clock, random: seededRandom(plan.seed, 'test'), recorder, stopSignal: stop.signal, isFatal };
  const result = await clock.run(execute(plan, context));
  return { result, recorder };
}

describe('closed-loop executors on a fake clock', () => {
  it('sequential: exact counts and latencies, warmup excluded, measured window exact', async () => {
    const clock = new FakeClock();
    const caller = new ScriptedCaller(clock, (n) => ({ us: n < 2 ? 50_000 : 1_000 + n, outcome: OK }));
    const { result, recorder } = await run(workload('sequential', { kind: 'iterations', count: 10 }, { kind: 'iterations', count: 2 }), clock, caller);
    const op = recorder.operations[0]!;
    assert.equal(caller.calls, 12);
    assert.equal(caller.maxInFlight, 1);
    assert.equal(op.count, 10);
    assert.equal(op.warmupCalls, 2);
    const stats = latencyStats(op.histogram);
    assert.equal(stats.min, 1_002); // the 50 ms warmup calls are not in the figures
    assert.equal(stats.max, 1_011);
    assert.equal(result.measureStartUs, 100_000);
    assert.equal(result.measureEndUs, 100_000 + [...Array(10).keys()].reduce((sum, i) => sum + 1_002 + i, 0));
    assert.equal(result.fatal, null);
  });

  it('concurrent: keeps exactly N in flight and stops starting calls at the duration', async () => {
    const clock = new FakeClock();
    const caller = new ScriptedCaller(clock, () => ({ us: 10_000, outcome: OK }));
    const { result, recorder } = await run(workload('concurrent', { kind: 'duration', us: 100_000 }, null), clock, caller);
    assert.equal(caller.maxInFlight, 4);
    // 4 workers × calls started at 0, 10 ms, …, 90 ms = 40 calls; the one at 100 ms is not started.
    assert.equal(recorder.operations[0]!.count, 40);
    assert.equal(result.measureEndUs, 100_000);
  });

  it('a fatal transport outcome stops every worker; calls in flight still finish and count', async () => {
    const clock = new FakeClock();
    const closed: Outcome = { kind: 'transport', code: 'closed' };
    const caller = new ScriptedCaller(clock, (n) => ({ us: 1_000, outcome: n >= 6 ? closed : OK }));
    const { result, recorder } = await run(workload('concurrent', { kind: 'iterations', count: 1000 }, null), clock, caller);
    assert.deepEqual(result.fatal, closed);
    const op = recorder.operations[0]!;
    // Calls 0–3 start at 0; 4–7 at 1 ms; at 2 ms the workers holding calls 4 and 5 (OK) resume first and start
    // 8 and 9, then call 6 returns `closed` and nothing more starts. Everything started is counted.
    assert.equal(caller.calls, 10);
    assert.equal(op.count, 10);
    assert.equal(op.errors.get('transport:closed'), 4);
  });

  it('the stop signal ends the workload early and says so', async () => {
    const clock = new FakeClock();
    const stop = new AbortController();
    const caller = new ScriptedCaller(clock, (n) => {
      if (n === 3) stop.abort();
      return { us: 1_000, outcome: OK };
    });
    const { result, recorder } = await run(workload('sequential', { kind: 'iterations', count: 100 }, null), clock, caller, stop);
    assert.equal(result.interrupted, true);
    assert.equal(recorder.operations[0]!.count, 4);
  });

  it('records each operation of a weighted mix under its own name', async () => {
    const clock = new FakeClock();
    const ops = [ping('fast', 3), { ...ping('failing', 1), request: { method: 'tools/call', tool: 'x', args: {} } } as OperationPlan];
    const caller = new ScriptedCaller(clock, (_n, request) =>
      request.method === 'tools/call' ? { us: 5_000, outcome: TOOL_ERROR } : { us: 1_000, outcome: OK },
    );
    const { recorder } = await run(workload('sequential', { kind: 'iterations', count: 400 }, null, ops), clock, caller);
    const [fast, failing] = recorder.operations;
    assert.equal(fast!.count + failing!.count, 400);
    assert.ok(fast!.count > 250 && fast!.count < 350, `fast: ${fast!.count}`);
    assert.equal(fast!.ok, fast!.count);
    assert.equal(failing!.errors.get('tool-error'), failing!.count);
    const p50 = latencyStats(failing!.histogram).p50;
    assert.ok(p50 >= 5_000 && p50 <= 5_005, `p50 ${p50} is 5 ms to HDR resolution`);
  });

  it('the abandon signal (grace over) returns at once, records nothing later, and counts the calls left in flight', async () => {
    const clock = new FakeClock();
    const stop = new AbortController();
    const abandon = new AbortController();
    const caller = new ScriptedCaller(clock, (n) => ({ us: n < 4 ? 1_000 : 10_000_000, outcome: OK }));
    const plan = workload('concurrent', { kind: 'iterations', count: 100 }, null);
    const recorder = new WorkloadRecorder(['ping']);
    const context = { caller, clock, random: seededRandom(1, 'test'), recorder, stopSignal: stop.signal, abandonSignal: abandon.signal, isFatal };
    const running = execute(plan, context);
    await clock.advanceUs(2_000); // the first 4 calls done, 4 slow ones in flight
    stop.abort();
    abandon.abort();
    const result = await running;
    assert.equal(result.abandonedCalls, 4);
    assert.equal(recorder.operations[0]!.count, 4);
    await clock.advanceUs(20_000_000);
    assert.equal(recorder.operations[0]!.count, 4, 'calls completing after the abandon are not recorded');
  });

  it('throughput over a fixed window is unbiased when latency is long against it (Little\'s law)', async () => {
    const clock = new FakeClock();
    const random = seededRandom(5, 'test');
    // 8 in flight, latency uniform in 10–190 ms (mean 100 ms): 80 calls/s. A 1 s window after 1 s of warmup.
    const caller = new ScriptedCaller(clock, () => ({ us: 10_000 + Math.round(random() * 180_000), outcome: OK }));
    const plan = { ...workload('concurrent', { kind: 'duration', us: 1_000_000 }, { kind: 'duration', us: 1_000_000 }), concurrency: 8 } as WorkloadPlan;
    const { result, recorder } = await run(plan, clock, caller);
    const perSecond = result.window!.completions.reduce((a, b) => a + b, 0) / (result.window!.durationUs / 1_000_000);
    // The old figure: calls started in the window over (last completion − window start).
    const naive = recorder.operations[0]!.count / ((result.measureEndUs! - result.measureStartUs!) / 1_000_000);
    assert.ok(Math.abs(perSecond - 80) <= 8, `${perSecond} calls/s in the window, expected about 80`);
    assert.ok(Math.abs(perSecond - 80) < Math.abs(naive - 80), `window ${perSecond} vs naive ${naive}`);
  });
});
