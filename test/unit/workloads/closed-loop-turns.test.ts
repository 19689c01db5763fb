import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CallOptions, Caller } from '../../../src/client/caller.js';
import { isFatal } from '../../../src/client/classify.js';
import { BreakerLayer, type BreakerPolicy } from '../../../src/client/layers/breaker.js';
import { PLAIN_CLIENT } from '../../../src/client/policies.js';
import { OK, type Outcome } from '../../../src/client/outcome.js';
import { WorkloadRecorder } from '../../../src/metrics/recorder.js';
import { seededRandom } from '../../../src/random/seeded.js';
import type { Bound } from '../../../src/schedule/bound.js';
import type { Clock } from '../../../src/time/clock.js';
import { FakeClock } from '../../../src/time/fake-clock.js';
import { TURN_BUDGET_US } from '../../../src/time/turns.js';
import type { WorkloadPlan } from '../../../src/workloads/plan.js';
import { execute } from '../../../src/workloads/registry.js';
import { WHOLE_RUN } from '../../../src/schedule/shard.js';

/**
 * Closed loops whose calls resolve without I/O (cache hits, an open breaker's rejections) must still give the event
 * loop its turns, and a worker the open breaker rejected waits for the breaker instead of spinning.
 */

function concurrent(measure: Bound, concurrency = 4): WorkloadPlan {
  const operations = [{ name: 'ping', weight: 1, timeoutUs: 1e6, request: { method: 'ping' as const } }];
  return { name: 'w', type: 'concurrent', concurrency, operations, warmup: null, measure, seed: 1, shard: WHOLE_RUN, client: PLAIN_CLIENT, endpoints: [], engine: { kind: 'client' } };
}

function context(plan: WorkloadPlan, caller: Caller, clock: Clock, stop: AbortController) {
  const recorder = new WorkloadRecorder(plan.operations.map((o) => o.name));
  return { recorder, context: { caller, clock, random: seededRandom(1, 'test'), recorder, stopSignal: stop.signal, isFatal } };
}

/** The fake clock, plus time that moves by itself: each call below takes 1 µs without a timer. */
class SteppingClock extends FakeClock {
  steppedUs = 0;
  override nowUs(): number {
    return super.nowUs() + this.steppedUs;
  }
}

describe('closed loop: event-loop turns', { timeout: 20_000 }, () => {
  it('calls that resolve at once still let a macrotask run: a stop from setImmediate ends the loop within one budget', async () => {
    const clock = new SteppingClock();
    const stop = new AbortController();
    let calls = 0;
    // Answers through microtasks alone, like a cache hit: no timer, no I/O.
    const caller: Caller = {
      call: async (): Promise<Outcome> => {
        calls++;
        clock.steppedUs += 1;
        return OK;
      },
      close: async () => {},
    };
    const plan = concurrent({ kind: 'duration', us: 10_000_000 });
    const { recorder, context: ctx } = context(plan, caller, clock, stop);
    setImmediate(() => stop.abort());
    const result = await execute(plan, ctx);
    assert.equal(result.interrupted, true, 'the stop was seen before the duration ended');
    // The first turn is due once the budget (5 ms at 1 µs a call) is spent: the stop comes in that turn.
    assert.ok(calls >= TURN_BUDGET_US && calls <= TURN_BUDGET_US + 4, `${calls} calls before the stop`);
    assert.equal(recorder.operations[0]!.count, calls);
  });
});

describe('closed loop over an open breaker', { timeout: 20_000 }, () => {
  const RPC_ERROR: Outcome = { kind: 'rpc-error', code: -32603 };
  const policy: BreakerPolicy = { failures: 3, windowUs: 1_000_000, cooldownUs: 200_000, halfOpenProbes: 1 };

  /** A server that fails every call after 100 µs, behind a breaker; records when each call reached it. */
  function failingBehindBreaker(clock: FakeClock, p = policy) {
    const reached: number[] = [];
    const server: Caller = {
      async call(_request, _options: CallOptions): Promise<Outcome> {
        reached.push(clock.nowUs());
        await clock.sleepUs(100);
        return RPC_ERROR;
      },
      close: async () => {},
    };
    return { reached, breaker: new BreakerLayer(p, server, { clock }) };
  }

  /**
   * The breaker as the loop's caller, with a guard: workers spinning on rejections never let the fake clock move, so
   * past `limit` calls the guard stops the loop (and the test's assertions fail) instead of hanging.
   */
  function guarded(inner: Caller, stop: AbortController, limit = 1_000): Caller {
    let calls = 0;
    return {
      call: (request, options) => {
        if (++calls > limit) stop.abort();
        return inner.call(request, options);
      },
      close: () => inner.close(),
    };
  }

  it('workers wait for the cooldown: each half-open probe goes out exactly when the cooldown ends, rejections stay few', async () => {
    const clock = new FakeClock();
    const { reached, breaker } = failingBehindBreaker(clock);
    const plan = concurrent({ kind: 'duration', us: 1_000_000 });
    const stop = new AbortController();
    const { recorder, context: ctx } = context(plan, guarded(breaker, stop), clock, stop);
    const result = await clock.run(execute(plan, ctx));
    // 4 calls at 0 fail at 100 µs; two of them come back (and go out again) before the third failure opens the
    // breaker, whose later outcomes (from an earlier phase) change nothing. Each probe fails 100 µs after it went out, reopening it.
    assert.deepEqual(reached, [0, 0, 0, 0, 100, 100, 200_100, 400_200, 600_300, 800_400]);
    const op = recorder.operations[0]!;
    // Per open phase: the 4 workers rejected once while open, the 3 that were not the probe once more while it ran.
    assert.equal(op.errors.get('rejected:breaker-open'), 4 + 4 * 7);
    assert.equal(breaker.stats()['rejected'], 4 + 4 * 7);
    assert.equal(result.interrupted, false);
    assert.equal(clock.nowUs(), 1_000_000, 'the waits end with the measured duration');
  });

  it('a cooldown longer than the run does not hold the workload past its duration; a stop ends the wait at once', async () => {
    const clock = new FakeClock();
    const { breaker } = failingBehindBreaker(clock, { ...policy, cooldownUs: 30_000_000 });
    const plan = concurrent({ kind: 'duration', us: 1_000_000 });
    const stop = new AbortController();
    const { context: ctx } = context(plan, guarded(breaker, stop), clock, stop);
    const result = await clock.run(execute(plan, ctx));
    assert.equal(result.interrupted, false);
    assert.equal(clock.nowUs(), 1_000_000);
    assert.equal(clock.pendingTimers, 0, 'no timer left behind');

    const stopped = new AbortController();
    const again = failingBehindBreaker(clock, { ...policy, cooldownUs: 30_000_000 });
    const iterations = concurrent({ kind: 'iterations', count: 1_000 });
    const running = execute(iterations, context(iterations, guarded(again.breaker, stopped), clock, stopped).context);
    await clock.advanceUs(1_000); // open, every worker waiting for the cooldown
    stopped.abort();
    const interrupted = await running;
    assert.equal(interrupted.interrupted, true);
    assert.equal(clock.pendingTimers, 0);
  });
});
