import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CallOptions, Caller } from '../../../src/client/caller.js';
import { isFatal } from '../../../src/client/classify.js';
import { OK, type Outcome } from '../../../src/client/outcome.js';
import type { McpRequest } from '../../../src/client/request.js';
import { WorkloadRecorder } from '../../../src/metrics/recorder.js';
import { seededRandom } from '../../../src/random/seeded.js';
import { concurrencyAt } from '../../../src/schedule/ramping-concurrency.js';
import { WHOLE_RUN, type Shard } from '../../../src/schedule/shard.js';
import type { ExecutionResult } from '../../../src/workloads/executor.js';
import type { WorkloadPlan } from '../../../src/workloads/plan.js';
import { execute, idleBySharding, splitWorkload } from '../../../src/workloads/registry.js';
import { FakeClock } from '../../../src/time/fake-clock.js';
import { minimalScenario, resolve } from '../scenario/helpers.js';

const shards = (count: number): Shard[] => Array.from({ length: count }, (_, index) => ({ index, count }));

/** A weighted mix of four tools, so that which operation an arrival sends is visible to the caller. */
const MIX = [
  { tool: 'a', weight: 3 },
  { tool: 'b', weight: 1 },
  { tool: 'c', weight: 1 },
  { tool: 'd', weight: 2 },
];

function plan(workload: Record<string, unknown>): WorkloadPlan {
  return resolve({ ...minimalScenario(), workloads: [{ name: 'w', operations: MIX, seed: 4, ...workload }] }).workloads[0]!;
}

/** Every call's [start, end) on the fake clock and the tool it called; each call takes `serviceUs`. */
class LoggingCaller implements Caller {
  readonly calls: { startUs: number; endUs: number; tool: string }[] = [];
  constructor(private readonly clock: FakeClock, private readonly serviceUs: number) {}
  async call(request: McpRequest, _options: CallOptions): Promise<Outcome> {
    const startUs = this.clock.nowUs();
    this.calls.push({ startUs, endUs: startUs + this.serviceUs, tool: request.method === 'tools/call' ? request.tool : request.method });
    await this.clock.sleepUs(this.serviceUs);
    return OK;
  }
  async close(): Promise<void> {}
}

function runShare(share: WorkloadPlan, clock: FakeClock, caller: Caller, stopSignal = new AbortController().signal): Promise<ExecutionResult> {
  const recorder = new WorkloadRecorder(share.operations.map((op) => op.name), null, { openModel: share.type.endsWith('-rate') });
  // A closed loop draws its mix from the context's stream, which the runner seeds with the share's seed.
  return execute(share, { caller, clock, random: seededRandom(share.seed, 'mix'), recorder, stopSignal, isFatal });
}

/** Runs each shard's share alone on its own fake clock from 0 (as separate machines would) and lists its calls. */
async function callsOfShards(whole: WorkloadPlan, count: number): Promise<string[]> {
  const all: string[] = [];
  for (const shard of shards(count)) {
    const clock = new FakeClock();
    const caller = new LoggingCaller(clock, 700);
    await clock.run(runShare(splitWorkload(whole, shard), clock, caller));
    all.push(...caller.calls.map((call) => `${call.startUs.toFixed(3)} ${call.tool}`));
  }
  return all.sort((a, b) => parseFloat(a) - parseFloat(b));
}

describe('sharded open-model runs send exactly the single-machine calls (real executor, fake clock)', () => {
  const workloads: Record<string, Record<string, unknown>> = {
    'constant-rate with warmup': { type: 'constant-rate', rate: '300/s', duration: '1s', warmup: '200ms' },
    'ramping-rate with warmup': { type: 'ramping-rate', startRate: '50/s', warmup: '100ms', stages: [{ target: '400/s', duration: '500ms' }, { target: '10/s', duration: '500ms' }] },
  };
  for (const [name, workload] of Object.entries(workloads)) {
    it(`${name}: the union of 3 and of 7 shards’ calls is the whole run’s (times and operations)`, async () => {
      const whole = await callsOfShards(plan(workload), 1);
      assert.ok(whole.length > 200, `${whole.length} calls`);
      assert.equal(new Set(whole.map((call) => call.split(' ')[1])).size, 4);
      assert.deepEqual(await callsOfShards(plan(workload), 3), whole);
      assert.deepEqual(await callsOfShards(plan(workload), 7), whole);
    });
  }
});

describe('sharded ramping concurrency (real executor, one fake clock for all shards)', () => {
  const workload = {
    type: 'ramping-concurrency',
    startConcurrency: 1,
    warmup: '20ms',
    stages: [
      { target: 5, duration: '30ms' },
      { target: 5, duration: '100ms' },
      { target: 2, duration: '30ms' },
      { target: 2, duration: '100ms' },
    ],
  };
  /** Calls in flight at an instant: every running user has exactly one call covering it (calls run back to back). */
  const inFlightAt = (caller: LoggingCaller, us: number): number => caller.calls.filter((call) => call.startUs <= us && us < call.endUs).length;

  for (const count of [1, 3, 7]) {
    it(`N = ${count}: the shards’ calls in flight add up to the global target on the flat stages, and every shard ends the warmup on time`, async () => {
      const clock = new FakeClock();
      const caller = new LoggingCaller(clock, 1_000);
      // A bound on the test: were a shard stuck in its warmup, the stop would end it and the checks below fail.
      const stop = new AbortController();
      void clock.sleepUs(1_000_000).then(() => stop.abort());
      // The runner runs no idle share (peak 5 over 7 shards: shards 5 and 6 own no user).
      const shares = shards(count).map((shard) => splitWorkload(plan(workload), shard)).filter((share) => idleBySharding(share) === null);
      assert.equal(shares.length, Math.min(count, 5));
      const results = await clock.run(Promise.all(shares.map((share) => runShare(share, clock, caller, stop.signal))));
      assert.equal(stop.signal.aborted, false, 'the run ended by itself');
      for (const result of results) assert.equal(result.measureStartUs, 20_000, 'measured phase from the end of the warmup');
      const whole = plan(workload);
      const stages = whole.type === 'ramping-concurrency' ? whole.stages : [];
      for (const atUs of [5_500, 15_500, 70_500, 110_500, 150_500, 230_500, 270_500]) {
        const target = atUs < 20_000 ? 1 : concurrencyAt(1, stages, atUs - 20_000);
        assert.equal(inFlightAt(caller, atUs), target, `N = ${count} at ${atUs} µs`);
      }
    });
  }
});

describe("a shard's timeline starts where the global measured phase does", () => {
  it('shard 2/3 at 100/s: its first 1 s interval holds its 33 arrivals of [0, 1 s), not those of [20 ms, 1.02 s)', async () => {
    const share = splitWorkload(plan({ type: 'constant-rate', rate: '100/s', duration: '2s' }), { index: 2, count: 3 });
    const clock = new FakeClock();
    const recorder = new WorkloadRecorder(share.operations.map((op) => op.name), null, { openModel: true, clock });
    const caller = new LoggingCaller(clock, 0);
    const result = await clock.run(execute(share, { caller, clock, random: seededRandom(share.seed, 'mix'), recorder, stopSignal: new AbortController().signal, isFatal }));
    const points = recorder.timeline!.finish(result.measureEndUs!).points;
    // Shard 2 owns arrivals k = 2, 5, 8, …: those below k = 100 fall in [0, 1 s); the shard's first is at 20 ms.
    assert.equal(points[0]!.tUs, 1_000_000);
    assert.equal(points[0]!.calls, 33);
    assert.equal(points.reduce((sum, p) => sum + p.calls, 0), 66);
  });
});
