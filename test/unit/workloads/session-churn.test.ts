import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Caller } from '../../../src/client/caller.js';
import { isFatal } from '../../../src/client/classify.js';
import { CONNECT_INTERRUPTED, ConnectError } from '../../../src/client/connect.js';
import { OK, type Outcome } from '../../../src/client/outcome.js';
import { PLAIN_CLIENT } from '../../../src/client/policies.js';
import { WorkloadRecorder } from '../../../src/metrics/recorder.js';
import type { OperationPlan } from '../../../src/operations/operation.js';
import { seededRandom } from '../../../src/random/seeded.js';
import type { Bound } from '../../../src/schedule/bound.js';
import { WHOLE_RUN, type Shard } from '../../../src/schedule/shard.js';
import { FakeClock } from '../../../src/time/fake-clock.js';
import type { ChurnSession, ExecutionContext, SessionOpener } from '../../../src/workloads/executor.js';
import { MAX_OPEN_FAILURES_IN_A_ROW } from '../../../src/workloads/loops/churn-sessions.js';
import type { SessionChurnWorkloadPlan } from '../../../src/workloads/session-churn.js';
import { execute, splitWorkload } from '../../../src/workloads/registry.js';

/** Sessions on the fake clock: opening takes 2 ms, each call 1 ms, closing 500 µs; the server's RSS grows `leak` a session. */
class FakeSessions implements SessionOpener {
  opened = 0;
  closed = 0;
  open_ = 0;
  maxOpen = 0;
  failNext = 0;
  readonly callsPerSession: number[] = [];
  constructor(
    private readonly clock: FakeClock,
    private readonly leakBytes = 0,
  ) {}
  readonly serverRssBytes = async (): Promise<number> => 50_000_000 + this.opened * this.leakBytes;
  async open(signal: AbortSignal): Promise<ChurnSession> {
    await this.clock.sleepUs(2_000, signal);
    if (signal.aborted) throw new ConnectError('interrupted', CONNECT_INTERRUPTED, []);
    if (this.failNext > 0) {
      this.failNext--;
      throw new ConnectError('refused', 'transport:ECONNREFUSED', []);
    }
    this.opened++;
    this.open_++;
    this.maxOpen = Math.max(this.maxOpen, this.open_);
    const slot = this.callsPerSession.push(0) - 1;
    let closed = false;
    const caller: Caller = {
      call: async (): Promise<Outcome> => {
        this.callsPerSession[slot]!++;
        await this.clock.sleepUs(1_000);
        return OK;
      },
      close: async () => undefined,
    };
    return {
      caller,
      close: async () => {
        if (closed) return;
        closed = true;
        await this.clock.sleepUs(500);
        this.closed++;
        this.open_--;
      },
    };
  }
}

const ping: OperationPlan = { name: 'ping', weight: 1, timeoutUs: 1e6, request: { method: 'ping' } };

function plan(fields: Partial<SessionChurnWorkloadPlan> & { measure: Bound }): SessionChurnWorkloadPlan {
  return {
    name: 'churn',
    type: 'session-churn',
    operations: [ping],
    warmup: null,
    seed: 1,
    shard: WHOLE_RUN,
    client: PLAIN_CLIENT,
    endpoints: [],
    engine: { kind: 'client' },
    callsPerSession: 3,
    concurrency: 2,
    sessionsPerSecond: null,
    maxInFlight: 2,
    close: true,
    maxOpen: 1_000,
    ...fields,
  };
}

async function run(p: SessionChurnWorkloadPlan, clock: FakeClock, sessions: SessionOpener, stop = new AbortController()) {
  const recorder = new WorkloadRecorder(p.operations.map((o) => o.name));
  const never: Caller = { call: () => Promise.reject(new Error('churned calls go through their session')), close: async () => undefined };
  const context: ExecutionContext = { caller: never, clock, random: seededRandom(1, 'test'), recorder, stopSignal: stop.signal, isFatal, sessions };
  const result = await clock.run(execute(p, context));
  return { result, recorder, churn: result.sessionChurn! };
}

describe('session-churn executor on a fake clock', () => {
  it('closed: N sessions at a time, each making its calls, opened and closed with exact latencies; warmup apart', async () => {
    const clock = new FakeClock();
    const sessions = new FakeSessions(clock);
    const { result, recorder, churn } = await run(plan({ measure: { kind: 'iterations', count: 10 }, warmup: { kind: 'iterations', count: 2 } }), clock, sessions);
    assert.equal(sessions.opened, 12);
    assert.equal(sessions.closed, 12);
    assert.equal(sessions.maxOpen, 2);
    assert.deepEqual(sessions.callsPerSession, new Array(12).fill(3));
    assert.equal(churn.opened, 10);
    assert.equal(churn.closed, 10);
    assert.equal(churn.warmupSessions, 2);
    assert.equal(churn.calls, 30);
    assert.equal(recorder.operations[0]!.count, 30);
    assert.equal(recorder.operations[0]!.warmupCalls, 6);
    assert.equal(churn.openUs.minNonZeroValue, 2_000);
    assert.equal(churn.openUs.maxValue, 2_000);
    assert.equal(churn.closeUs.maxValue, 500);
    assert.equal(recorder.operations[0]!.histogram.maxValue, 1_000);
    assert.equal(result.interrupted, false);
    assert.equal(result.fatal, null);
  });

  it('close: false leaves every session open until the workload ends, then closes them all', async () => {
    const clock = new FakeClock();
    const sessions = new FakeSessions(clock);
    const { churn } = await run(plan({ measure: { kind: 'iterations', count: 6 }, close: false }), clock, sessions);
    assert.equal(sessions.maxOpen, 6, 'none was closed while the workload ran');
    assert.equal(sessions.closed, 6, 'all closed at the end');
    assert.equal(churn.closed, 0);
    assert.equal(churn.leftOpen, 6);
    assert.equal(churn.closeUs.totalCount, 0);
  });

  it('close: false keeps at most maxOpen sessions left open: the oldest is closed (untimed) and measured ones counted', async () => {
    const clock = new FakeClock();
    const sessions = new FakeSessions(clock);
    const p = plan({ measure: { kind: 'iterations', count: 6 }, warmup: { kind: 'iterations', count: 1 }, close: false, maxOpen: 2, concurrency: 1, maxInFlight: 1 });
    const { churn } = await run(p, clock, sessions);
    assert.equal(sessions.maxOpen, 3, 'two left open and the one in use, never more');
    assert.equal(sessions.closed, 7, 'all closed at the end');
    assert.equal(churn.leftOpen, 6);
    // Left open in turn: warmup w, then m1…m6; the 3rd onwards each close the oldest: w (warmup, not counted), m1…m4.
    assert.equal(churn.evicted, 4);
    assert.equal(churn.closed, 0);
    assert.equal(churn.closeUs.totalCount, 0);
  });

  it('abandoned while a session is opening: the open that completes after the workload returned is closed at once', async () => {
    const clock = new FakeClock();
    let finishOpen: (session: ChurnSession) => void = () => undefined;
    let signalled: AbortSignal | undefined;
    // An opener that ignores its signal: its open completes only when the test says so.
    const late: SessionOpener = {
      open: (signal) => {
        signalled = signal;
        return new Promise<ChurnSession>((resolve) => (finishOpen = resolve));
      },
    };
    const stop = new AbortController();
    const abandon = new AbortController();
    void clock.sleepUs(1_000).then(() => {
      stop.abort();
      abandon.abort();
    });
    const p = plan({ measure: { kind: 'iterations', count: 5 }, concurrency: 1, maxInFlight: 1 });
    const recorder = new WorkloadRecorder(p.operations.map((o) => o.name));
    const never: Caller = { call: () => Promise.reject(new Error('unused')), close: async () => undefined };
    const context: ExecutionContext = { caller: never, clock, random: seededRandom(1, 'test'), recorder, stopSignal: stop.signal, abandonSignal: abandon.signal, isFatal, sessions: late };
    const result = await clock.run(execute(p, context));
    assert.equal(result.interrupted, true);
    assert.equal(signalled?.aborted, true, 'the open in progress was told to end');
    let closes = 0;
    let calls = 0;
    finishOpen({ caller: { call: async () => (calls++, OK), close: async () => undefined }, close: async () => void closes++ });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(closes, 1, 'closed, not left behind');
    assert.equal(calls, 0, 'and never used');
    assert.equal(result.sessionChurn?.opened, 0);
  });

  it('an interrupt stops new sessions and closes every one still open', async () => {
    const clock = new FakeClock();
    const sessions = new FakeSessions(clock);
    const stop = new AbortController();
    void clock.sleepUs(10_000).then(() => stop.abort());
    const { result } = await run(plan({ measure: { kind: 'duration', us: 10_000_000 }, close: false, concurrency: 4, maxInFlight: 4 }), clock, sessions, stop);
    assert.equal(result.interrupted, true);
    assert.ok(sessions.opened > 0);
    assert.equal(sessions.open_, 0, 'nothing outlives the workload');
    assert.equal(sessions.closed, sessions.opened);
  });

  it('failed opens are counted by code; five in a row stop the workload as failed', async () => {
    const clock = new FakeClock();
    const sessions = new FakeSessions(clock);
    sessions.failNext = 2;
    const first = await run(plan({ measure: { kind: 'iterations', count: 6 }, concurrency: 1, maxInFlight: 1 }), clock, sessions);
    assert.deepEqual(first.churn.failedToOpen, { 'transport:ECONNREFUSED': 2 });
    assert.equal(first.churn.opened, 4);
    assert.equal(first.result.fatal, null);
    sessions.failNext = 100;
    const second = await run(plan({ measure: { kind: 'iterations', count: 50 }, concurrency: 1, maxInFlight: 1 }), clock, sessions);
    assert.deepEqual(second.result.fatal, { kind: 'transport', code: 'ECONNREFUSED' });
    assert.deepEqual(second.churn.failedToOpen, { 'transport:ECONNREFUSED': MAX_OPEN_FAILURES_IN_A_ROW });
  });

  it('RSS growth per 1,000 sessions is the slope of the shared server\'s RSS against sessions opened', async () => {
    const clock = new FakeClock();
    const { churn } = await run(plan({ measure: { kind: 'iterations', count: 40 } }), clock, new FakeSessions(clock, 100_000));
    assert.equal(churn.rssGrowth?.bytesPer1000Sessions, 100_000_000);
    assert.equal(churn.rssGrowth?.samples, 40);
    const flat = await run(plan({ measure: { kind: 'iterations', count: 40 } }), clock, new FakeSessions(clock, 0));
    assert.equal(flat.churn.rssGrowth?.bytesPer1000Sessions, 0);
  });

  it('open model: sessions arrive on the clock, their open latency from the scheduled start; arrivals beyond the cap are dropped', async () => {
    const clock = new FakeClock();
    const sessions = new FakeSessions(clock);
    // 1,000 sessions/s = one every 1 ms; a session lasts 2 + 3 × 1 + 0.5 = 5.5 ms, so about 5.5 are in flight: cap 3 drops some.
    const { churn } = await run(plan({ measure: { kind: 'iterations', count: 20 }, concurrency: null, sessionsPerSecond: 1_000, maxInFlight: 3 }), clock, sessions);
    assert.equal(churn.opened + churn.dropped, 20);
    assert.ok(churn.dropped > 0);
    assert.equal(sessions.maxOpen, 3);
    assert.equal(churn.openUs.maxValue, 2_000, 'the clock never ran late, so open latency is the open itself');
    assert.equal(sessions.open_, 0);
  });

  it('sharded: closed concurrency and open-model caps split; session numbers stay global', () => {
    const shard: Shard = { index: 1, count: 2 };
    const closed = splitWorkload(plan({ measure: { kind: 'iterations', count: 10 }, concurrency: 3, maxInFlight: 3 }), shard) as SessionChurnWorkloadPlan;
    assert.equal(closed.concurrency, 1);
    assert.equal(closed.maxInFlight, 1);
    assert.deepEqual(closed.measure, { kind: 'iterations', count: 5 });
    const open = splitWorkload(plan({ measure: { kind: 'iterations', count: 10 }, concurrency: null, sessionsPerSecond: 10, maxInFlight: 8 }), shard) as SessionChurnWorkloadPlan;
    assert.equal(open.maxInFlight, 4);
    assert.equal(open.sessionsPerSecond, 10);
    assert.equal((splitWorkload(plan({ measure: { kind: 'iterations', count: 10 }, close: false, maxOpen: 5 }), shard) as SessionChurnWorkloadPlan).maxOpen, 2);
    const few = splitWorkload(plan({ measure: { kind: 'iterations', count: 10 }, concurrency: null, sessionsPerSecond: 10, close: false, maxOpen: 1 }), { index: 2, count: 3 });
    assert.equal((few as SessionChurnWorkloadPlan).maxOpen, 1, 'at least one per shard');
  });
});
