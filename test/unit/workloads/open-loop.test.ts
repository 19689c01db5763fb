import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CallOptions, Caller } from '../../../src/client/caller.js';
import { isFatal } from '../../../src/client/classify.js';
import { OK, type Outcome } from '../../../src/client/outcome.js';
import { PLAIN_CLIENT } from '../../../src/client/policies.js';
import { latencyStats, type Histogram } from '../../../src/stats/histogram.js';
import { WorkloadRecorder } from '../../../src/metrics/recorder.js';
import { seededRandom } from '../../../src/random/seeded.js';
import { execute } from '../../../src/workloads/registry.js';
import type { ConstantRateWorkloadPlan } from '../../../src/workloads/constant-rate.js';
import type { RampingRateWorkloadPlan } from '../../../src/workloads/ramping-rate.js';
import type { OperationPlan } from '../../../src/operations/operation.js';
import { FakeClock } from '../../../src/time/fake-clock.js';
import type { Clock } from '../../../src/time/clock.js';
import { WHOLE_RUN } from '../../../src/schedule/shard.js';

const ping: OperationPlan = { name: 'ping', weight: 1, timeoutUs: 10_000_000, request: { method: 'ping' } };
const common = { name: 'w', operations: [ping], seed: 1, shard: WHOLE_RUN, client: PLAIN_CLIENT, endpoints: [], engine: { kind: 'client' } as const };

/**
 * A server on one connection, one request at a time (like a single-threaded stdio server): a request goes out only
 * when the previous answer is back, and is served in `serviceUs`, except the one sent at `stallAtUs`, which takes
 * `stallUs`. It notes when each request really went out, as a transport would.
 */
class SingleConnectionServer implements Caller {
  private freeAtUs = 0;
  readonly sentAt: number[] = [];
  constructor(private readonly clock: FakeClock, private readonly serviceUs: number, private readonly stallAtUs = -1, private readonly stallUs = 0) {}
  async call(_request: unknown, options: CallOptions): Promise<Outcome> {
    const sentUs = Math.max(this.clock.nowUs(), this.freeAtUs);
    const takes = sentUs === this.stallAtUs ? this.stallUs : this.serviceUs;
    this.freeAtUs = sentUs + takes;
    options.trace.sentUs = sentUs;
    this.sentAt.push(sentUs);
    await this.clock.sleepUntilUs(this.freeAtUs);
    return OK;
  }
  async close(): Promise<void> {}
}

async function run(plan: ConstantRateWorkloadPlan | RampingRateWorkloadPlan, caller: Caller, clock: FakeClock) {
  const recorder = new WorkloadRecorder(['ping'], null, { openModel: true });
  const context = { caller, clock, random: seededRandom(1, 'test'), recorder, stopSignal: new AbortController().signal, isFatal };
  const result = await clock.run(execute(plan, context));
  return { result, recorder, op: recorder.operations[0]! };
}

describe('open model on a fake clock', () => {
  it('coordinated omission: a 500 ms stall at 100/s shows in the corrected tail, not in service time', async () => {
    const clock = new FakeClock();
    const server = new SingleConnectionServer(clock, 1_000, 1_000_000, 500_000);
    const plan: ConstantRateWorkloadPlan = { ...common, type: 'constant-rate', ratePerSec: 100, maxInFlight: 1_000, warmup: null, measure: { kind: 'duration', us: 3_000_000 } };
    const { result, op } = await run(plan, server, clock);
    assert.equal(op.count, 300);
    assert.deepEqual(result.arrivals, { scheduled: 300, sent: 300, dropped: 0, spanUs: 3_000_000 });
    const corrected = latencyStats(op.histogram);
    const service = latencyStats(op.service!);
    assert.ok(corrected.p99 >= 400_000, `corrected p99 ${corrected.p99}µs`);
    assert.ok(service.p99 <= 1_001, `service p99 ${service.p99}µs`);
    assert.ok(service.max >= 500_000, 'the stalled request itself took 500 ms');
    // Calls whose corrected latency exceeds their 1 ms of service: the stalled one, the 50 scheduled during the stall,
    // and 5 more until the 1 ms-per-call catch-up overtakes the 10 ms schedule (…, 15 ms, 6 ms, then 1 ms again).
    const affected = countAbove(op.histogram, 1_001);
    assert.equal(affected, 56);
  });

  it('without a stall every call takes its service time from its scheduled start', async () => {
    const clock = new FakeClock();
    const plan: ConstantRateWorkloadPlan = { ...common, type: 'constant-rate', ratePerSec: 200, maxInFlight: 10, warmup: { kind: 'duration', us: 100_000 }, measure: { kind: 'duration', us: 1_000_000 } };
    const { op, result } = await run(plan, new SingleConnectionServer(clock, 2_000), clock);
    assert.equal(op.count, 200);
    assert.equal(op.warmupCalls, 20);
    assert.equal(latencyStats(op.histogram).max, 2_000);
    assert.equal(result.measureStartUs, 100_000, 'measuring starts where the warmup schedule ends');
  });

  it('arrivals beyond maxInFlight are dropped and counted, never queued', async () => {
    const clock = new FakeClock();
    // Every call takes 50 ms at 100/s: 5 would be in flight, but only 2 may be. Each 50 ms, the arrivals at +0 and
    // +10 ms go out (the call that ends at +50 ms frees its slot just before the next arrival), the next three drop.
    const slow: Caller = { call: async () => (await clock.sleepUs(50_000), OK), close: async () => undefined };
    const plan: ConstantRateWorkloadPlan = { ...common, type: 'constant-rate', ratePerSec: 100, maxInFlight: 2, warmup: null, measure: { kind: 'duration', us: 1_000_000 } };
    const { op, result } = await run(plan, slow, clock);
    assert.deepEqual(result.arrivals, { scheduled: 100, sent: 40, dropped: 60, spanUs: 1_000_000 });
    assert.equal(op.count, 40);
    assert.equal(op.dropped, 60);
  });

  it('a ramp sends exactly its schedule', async () => {
    const clock = new FakeClock();
    const server = new SingleConnectionServer(clock, 100);
    const plan: RampingRateWorkloadPlan = { ...common, type: 'ramping-rate', startRatePerSec: 0, stages: [{ target: 100, durationUs: 1_000_000 }, { target: 100, durationUs: 1_000_000 }], maxInFlight: 100, warmup: null, measure: { kind: 'duration', us: 2_000_000 } };
    const { op } = await run(plan, server, clock);
    assert.equal(op.count, 150);
    assert.equal(server.sentAt[50], 1_000_000);
    assert.equal(server.sentAt[149], 1_990_000);
  });
});

/**
 * A generator that cannot keep up: every call it hands over costs 100 µs of its time (as a blocked write would), so
 * from the first call on every arrival is overdue and no sleep is ever awaited. Its calls never answer.
 */
class BehindClock implements Clock {
  private now = 0;
  nowUs(): number {
    return this.now;
  }
  spend(us: number): void {
    this.now += us;
  }
  sleepUs(): Promise<void> {
    return Promise.resolve();
  }
  sleepUntilUs(): Promise<void> {
    return Promise.resolve();
  }
}

describe('open model: a generator far behind its schedule (catch-up)', () => {
  // 100,000/s for 1 s: 100,000 arrivals, all overdue; 100 µs per send, so a 5 ms turn budget passes every 50 sends.
  const plan: ConstantRateWorkloadPlan = { ...common, type: 'constant-rate', ratePerSec: 100_000, maxInFlight: 1_000, warmup: null, measure: { kind: 'duration', us: 1_000_000 } };
  const setUp = () => {
    const clock = new BehindClock();
    let sent = 0;
    const caller: Caller = {
      call: () => {
        sent++;
        clock.spend(100);
        return new Promise<Outcome>(() => {}); // never answers: in flight until abandoned
      },
      close: async () => undefined,
    };
    const recorder = new WorkloadRecorder(['ping'], null, { openModel: true });
    const stop = new AbortController();
    const abandon = new AbortController();
    const context = { caller, clock, random: seededRandom(1, 'test'), recorder, stopSignal: stop.signal, abandonSignal: abandon.signal, isFatal };
    return { context, stop, abandon, sentSoFar: () => sent };
  };

  it('gives the event loop turns during the catch-up: a macrotask runs before the 1,000 sends are done', async () => {
    const { context, abandon, sentSoFar } = setUp();
    // One look per event-loop turn (the check phase), until the workload returns.
    const seen: number[] = [];
    let finished = false;
    const look = (): void => {
      seen.push(sentSoFar());
      if (!finished) setImmediate(look);
    };
    setImmediate(look);
    const done = execute(plan, context);
    // Every arrival after the first 1,000 finds maxInFlight full and is dropped: 99,000 drops, no sleep.
    setImmediate(() => abandon.abort());
    const result = await done;
    finished = true;
    assert.deepEqual(result.arrivals, { scheduled: 100_000, sent: 1_000, dropped: 99_000, spanUs: 1_000_000 });
    assert.ok(seen.length > 0 && seen[0]! < 1_000, `a timer ran while sending (saw ${JSON.stringify(seen.slice(0, 3))} sent)`);
  });

  it('a stop during the catch-up is acted on at the next turn: most of the 100,000 overdue arrivals are never scheduled', async () => {
    const { context, stop, abandon } = setUp();
    const done = execute(plan, context);
    setImmediate(() => {
      stop.abort();
      abandon.abort();
    });
    const result = await done;
    assert.equal(result.interrupted, true);
    assert.ok(result.arrivals!.scheduled <= 100, `stopped after ${result.arrivals!.scheduled} arrivals (one 5 ms turn is 50 sends)`);
    assert.equal(result.abandonedCalls, result.arrivals!.sent);
  });
});

/** How many recorded values exceed `limitUs`, walking the distribution rank by rank. */
function countAbove(histogram: Histogram, limitUs: number): number {
  let count = 0;
  for (let rank = 1; rank <= histogram.totalCount; rank++) {
    if (histogram.getValueAtPercentile((rank / histogram.totalCount) * 100 - 1e-9) > limitUs) count++;
  }
  return count;
}
