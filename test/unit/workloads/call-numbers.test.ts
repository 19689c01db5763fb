/**
 * The call number `seq` the loops give the performer: global over shards and counting warmup calls, so a template's
 * `{{seq}}` and a data file's rows are unique over a whole sharded run; and `ended(seq)` stops a loop early.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Caller } from '../../../src/client/caller.js';
import { isFatal } from '../../../src/client/classify.js';
import { OK } from '../../../src/client/outcome.js';
import { PLAIN_CLIENT } from '../../../src/client/policies.js';
import { WorkloadRecorder } from '../../../src/metrics/recorder.js';
import type { OperationPlan } from '../../../src/operations/operation.js';
import { seededRandom } from '../../../src/random/seeded.js';
import { WHOLE_RUN, type Shard } from '../../../src/schedule/shard.js';
import { FakeClock } from '../../../src/time/fake-clock.js';
import type { Performer } from '../../../src/traffic/performer.js';
import type { ConcurrentWorkloadPlan } from '../../../src/workloads/concurrent.js';
import type { ConstantRateWorkloadPlan } from '../../../src/workloads/constant-rate.js';
import { execute, splitWorkload } from '../../../src/workloads/registry.js';
import type { SequentialWorkloadPlan } from '../../../src/workloads/sequential.js';

const ping: OperationPlan = { name: 'ping', weight: 1, timeoutUs: 10_000_000, request: { method: 'ping' } };
const common = { name: 'w', operations: [ping], seed: 1, client: PLAIN_CLIENT, endpoints: [], engine: { kind: 'client' } as const };
const noCaller: Caller = { call: () => assert.fail('the performer makes the calls'), close: async () => {} };

/** A performer that answers after 1 ms of fake time and notes each call's number and phase. */
function notingPerformer(clock: FakeClock, lastSeq = Number.POSITIVE_INFINITY) {
  const calls: { seq: number; measured: boolean }[] = [];
  const performer: Performer = {
    perform: async (_index, seq, _options, measured) => {
      calls.push({ seq, measured });
      await clock.sleepUs(1_000);
      return OK;
    },
    ended: (seq) => seq > lastSeq,
  };
  return { calls, performer };
}

async function run(plan: ConcurrentWorkloadPlan | ConstantRateWorkloadPlan, clock: FakeClock, performer: Performer, openModel: boolean) {
  const recorder = new WorkloadRecorder(['ping'], null, { openModel });
  const context = { caller: noCaller, performer, clock, random: seededRandom(1, 'test'), recorder, stopSignal: new AbortController().signal, isFatal };
  return clock.run(execute(plan, context));
}

const closed = (shard: Shard): ConcurrentWorkloadPlan => ({
  ...common,
  shard,
  type: 'concurrent',
  concurrency: 2,
  warmup: { kind: 'iterations', count: 2 },
  measure: { kind: 'iterations', count: 4 },
});

describe('call numbers', () => {
  it('a closed loop numbers its calls 0, 1, 2, … warmup first; shard i of N numbers them c·N + i', async () => {
    const wholeClock = new FakeClock();
    const whole = notingPerformer(wholeClock);
    await run(closed(WHOLE_RUN), wholeClock, whole.performer, false);
    assert.deepEqual(whole.calls.map((c) => c.seq).sort((a, b) => a - b), [0, 1, 2, 3, 4, 5]);
    assert.equal(whole.calls.filter((c) => !c.measured).length, 2);
    const clock = new FakeClock();
    const shard = notingPerformer(clock);
    await run(closed({ index: 1, count: 3 }), clock, shard.performer, false);
    assert.ok(shard.calls.length > 0);
    for (const { seq } of shard.calls) assert.equal(seq % 3, 1, `seq ${seq} is shard 1/3's`);
    assert.equal(new Set(shard.calls.map((c) => c.seq)).size, shard.calls.length, 'no number twice');
  });

  it('calls are numbered over the shards that make any: a sequential workload over 3 shards numbers 0, 1, 2, … on shard 0', async () => {
    const plan: SequentialWorkloadPlan = { ...common, shard: WHOLE_RUN, type: 'sequential', warmup: null, measure: { kind: 'iterations', count: 5 } };
    const share = splitWorkload(plan, { index: 0, count: 3 });
    const clock = new FakeClock();
    const noting = notingPerformer(clock);
    const recorder = new WorkloadRecorder(['ping'], null, {});
    const context = { caller: noCaller, performer: noting.performer, clock, random: seededRandom(1, 'test'), recorder, stopSignal: new AbortController().signal, isFatal };
    await clock.run(execute(share, context));
    assert.deepEqual(noting.calls.map((c) => c.seq), [0, 1, 2, 3, 4], 'no number left to the idle shards 1 and 2');
    const two = splitWorkload({ ...closed(WHOLE_RUN), concurrency: 2 }, { index: 1, count: 3 });
    assert.deepEqual(two.callNumbers, { index: 1, count: 2 }, 'concurrency 2 over 3 shards: numbers stride over 2');
  });

  it('the open model numbers warmup arrivals first, then the measured ones, each shard its global arrivals', async () => {
    const plan = (shard: Shard): ConstantRateWorkloadPlan => ({
      ...common,
      shard,
      type: 'constant-rate',
      ratePerSec: 10,
      maxInFlight: 100,
      warmup: { kind: 'duration', us: 500_000 },
      measure: { kind: 'iterations', count: 6 },
    });
    const clock = new FakeClock();
    const whole = notingPerformer(clock);
    await run(plan(WHOLE_RUN), clock, whole.performer, true);
    assert.deepEqual(whole.calls.map((c) => `${c.seq}${c.measured ? '' : 'w'}`), ['0w', '1w', '2w', '3w', '4w', '5', '6', '7', '8', '9', '10']);
    const shardClock = new FakeClock();
    const shard = notingPerformer(shardClock);
    await run(plan({ index: 1, count: 2 }), shardClock, shard.performer, true);
    assert.deepEqual(shard.calls.map((c) => c.seq), [1, 3, 6, 8, 10], 'warmup arrivals 1, 3; measured arrivals k = 1, 3, 5 → 5 + k');
  });

  it('a performer whose input ran out ends the loop: no call numbered past it is made', async () => {
    const clock = new FakeClock();
    const closedRun = notingPerformer(clock, 3);
    const result = await run({ ...closed(WHOLE_RUN), warmup: null, measure: { kind: 'iterations', count: 100 } }, clock, closedRun.performer, false);
    assert.deepEqual(closedRun.calls.map((c) => c.seq).sort((a, b) => a - b), [0, 1, 2, 3]);
    assert.equal(result.interrupted, false);
    const openClock = new FakeClock();
    const open = notingPerformer(openClock, 2);
    const openPlan: ConstantRateWorkloadPlan = { ...common, shard: WHOLE_RUN, type: 'constant-rate', ratePerSec: 10, maxInFlight: 100, warmup: null, measure: { kind: 'iterations', count: 50 } };
    const openResult = await run(openPlan, openClock, open.performer, true);
    assert.deepEqual(open.calls.map((c) => c.seq), [0, 1, 2]);
    assert.equal(openResult.arrivals?.scheduled, 3);
  });
});
