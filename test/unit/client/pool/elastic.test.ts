import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Connection } from '../../../../src/client/connect.js';
import { errorKey, type Outcome } from '../../../../src/client/outcome.js';
import { EndpointPool } from '../../../../src/client/pool/pool.js';
import { buildPool, type RawPool } from '../../../../src/client/pool/policy.js';
import { CallTrace } from '../../../../src/client/trace.js';
import { ServerLog } from '../../../../src/client/transports/server-log.js';
import type { TargetPlan } from '../../../../src/client/targets/registry.js';
import { FakeClock } from '../../../../src/time/fake-clock.js';

const target: TargetPlan = { kind: 'http', url: 'http://127.0.0.1:1/mcp', headers: {} };
const MS = 1_000;

/** A fake session: each call takes `latencyUs` of the fake clock; counts calls, in flight and whether it was closed. */
class Session {
  calls = 0;
  inFlight = 0;
  maxInFlight = 0;
  closed = false;
  closedWithInFlight = false;
  answersPing = true;
  constructor(readonly id: number, private readonly clock: FakeClock, private readonly latencyUs: number) {}
  connection(): Connection {
    const caller = {
      call: async (): Promise<Outcome> => {
        this.calls++;
        this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
        await this.clock.sleepUs(this.latencyUs);
        this.inFlight--;
        return { kind: 'ok' };
      },
      close: async () => undefined,
      lost: false,
    };
    const close = async (): Promise<void> => {
      this.closedWithInFlight ||= this.inFlight > 0;
      this.closed = true;
    };
    return { caller, client: null, timings: { serverStartUs: null, connectUs: 1, initializeUs: 2 }, server: { name: 's', version: '1', protocolVersion: null }, serverPid: 1000 + this.id, close } as unknown as Connection;
  }
}

function setup(raw: RawPool, options: { latencyUs?: number; openUs?: number; rss?: (pid: number) => number } = {}) {
  const clock = new FakeClock();
  const sessions: Session[] = [];
  const open = async (): Promise<Connection> => {
    await clock.sleepUs(options.openUs ?? 0);
    const session = new Session(sessions.length, clock, options.latencyUs ?? 10 * MS);
    sessions.push(session);
    return session.connection();
  };
  const ping = async (connection: Connection, timeoutUs: number): Promise<boolean> => {
    const session = sessions[(connection.serverPid ?? 0) - 1000]!;
    if (session.answersPing) return true;
    await clock.sleepUs(timeoutUs);
    return false;
  };
  const rssOf = async (pid: number): Promise<number | null> => options.rss?.(pid) ?? null;
  const policy = buildPool(undefined, raw);
  const deps = { clock, log: new ServerLog(), open, ping, rssOf };
  return { clock, sessions, policy, pool: () => clock.run(EndpointPool.open(0, target, policy, true, deps)) };
}

async function call(pool: EndpointPool, timeoutUs = 1_000_000): Promise<{ outcome: string; session: number; waitedUs: number }> {
  const trace = new CallTrace();
  const outcome = await pool.call({ method: 'tools/call', tool: 'echo', args: {} }, { timeoutUs, trace });
  return { outcome: errorKey(outcome), session: trace.session, waitedUs: trace.poolWaitUs };
}

describe('EndpointPool: growth, waiting and shrinking', () => {
  it('grows on demand up to max; callers beyond wait first come, first served, and every call succeeds', async () => {
    const t = setup({ min: 1, max: 3, perSession: 1 }, { openUs: 5 * MS });
    const pool = await t.pool();
    const results = await t.clock.run(Promise.all(Array.from({ length: 5 }, () => call(pool))));
    assert.deepEqual(results.map((r) => r.outcome), ['ok', 'ok', 'ok', 'ok', 'ok']);
    assert.equal(t.sessions.length, 3, 'grew to max and no further');
    assert.ok(t.sessions.every((s) => s.maxInFlight === 1), 'perSession 1: one call per session at a time');
    // The first call finds the session; the next two wait for the sessions opened for them (their 5 ms set-up is
    // theirs to pay: what warm pools avoid); the fourth waits for the first call to end (at 10 ms), the fifth for
    // the next session to free up (the grown ones, busy from 5 to 15 ms).
    assert.deepEqual(results.map((r) => r.waitedUs), [0, 5 * MS, 5 * MS, 10 * MS, 15 * MS]);
    const stats = pool.stats();
    assert.equal(stats['grown'], 2);
    assert.equal(stats['peakBusy'], 3);
    assert.equal(stats['utilization'], 1);
    assert.equal(stats['waited'], 4);
    assert.equal(stats['waitedMaxUs'], 15 * MS);
    await pool.close();
  });

  it('a caller that waits longer than acquireTimeout ends rejected:pool-exhausted, never sent', async () => {
    const t = setup({ min: 1, max: 1, perSession: 1, acquireTimeout: 5 * MS });
    const pool = await t.pool();
    const [first, second] = await t.clock.run(Promise.all([call(pool), call(pool)]));
    assert.equal(first!.outcome, 'ok');
    assert.equal(second!.outcome, 'rejected:pool-exhausted');
    assert.equal(second!.waitedUs, 5 * MS);
    assert.equal(t.sessions[0]!.calls, 1);
    assert.equal(pool.stats()['exhausted'], 1);
    await pool.close();
  });

  it('closes sessions above min once idle for `idle`, never below min', async () => {
    const t = setup({ min: 1, max: 3, perSession: 1, idle: 2_000 * MS });
    const pool = await t.pool();
    await t.clock.run(Promise.all(Array.from({ length: 3 }, () => call(pool))));
    assert.equal(pool.stats()['sessions'], 3);
    await t.clock.advanceUs(1_000 * MS);
    assert.equal(pool.stats()['sessions'], 3, 'not idle long enough yet');
    await t.clock.advanceUs(2_000 * MS);
    assert.equal(pool.stats()['sessions'], 1, 'shrunk back to min');
    assert.equal(pool.stats()['shrunk'], 2);
    assert.deepEqual(t.sessions.map((s) => s.closed), [false, true, true], 'the highest slots closed first');
    await pool.close();
  });

  it('peak and mean utilization: busy sessions over max', async () => {
    const t = setup({ min: 4, max: 4, perSession: 1 });
    const pool = await t.pool();
    await t.clock.run(Promise.all([call(pool), call(pool)])); // 2 of 4 busy for 10 ms
    await t.clock.advanceUs(10 * MS); // then none for 10 ms
    const stats = pool.stats();
    assert.equal(stats['utilization'], 0.5);
    assert.equal(stats['meanUtilization'], 0.25, '2 busy for half of the 20 ms, over 4');
    await pool.close();
  });
});

describe('EndpointPool: health checks', () => {
  it('a session that stops answering ping is out of rotation after `failures` checks, revived, and no call is lost', async () => {
    const t = setup({ min: 3, max: 3, health: { every: 1_000 * MS, timeout: 100 * MS, failures: 2 } }, { latencyUs: 1 * MS });
    const pool = await t.pool();
    t.sessions[1]!.answersPing = false;
    await t.clock.advanceUs(1_100 * MS); // first check fails
    assert.equal(pool.stats()['unhealthy'], 0);
    await t.clock.advanceUs(1_100 * MS); // second: out
    assert.equal(pool.stats()['unhealthy'], 1);
    assert.equal(t.sessions[1]!.closed, true);
    const results = await t.clock.run(Promise.all(Array.from({ length: 9 }, () => call(pool))));
    assert.ok(results.every((r) => r.outcome === 'ok'));
    assert.equal(t.sessions[1]!.calls, 0, 'no call went to the silent session');
    assert.equal(t.sessions.length, 4, 'its slot was revived with a new session');
    assert.equal(t.sessions[3]!.calls, 3, 'which takes calls again');
    assert.equal(pool.stats()['reconnects'], 1);
    await pool.close();
  });
});

describe('EndpointPool: recycling', () => {
  it('after N calls: the new session opens first, the old one drains its calls and only then closes', async () => {
    const t = setup({ min: 1, max: 1, recycle: { calls: 3 } }, { openUs: 5 * MS, latencyUs: 10 * MS });
    const pool = await t.pool();
    // Calls 1-3 one after another; the third's end starts the replacement (5 ms), during which call 4 still goes to
    // the old session, which leaves with call 4 in flight and closes when it ends; calls 5 and 6 take the new one.
    const outcomes: string[] = [];
    const fourth = await t.clock.run((async () => {
      for (let i = 0; i < 3; i++) outcomes.push((await call(pool)).outcome);
      return call(pool);
    })());
    assert.equal(t.sessions[0]!.closed, true);
    assert.equal(t.sessions[0]!.closedWithInFlight, false, 'closed only once drained');
    for (let i = 0; i < 2; i++) outcomes.push((await t.clock.run(call(pool))).outcome);
    assert.deepEqual([...outcomes, fourth.outcome], ['ok', 'ok', 'ok', 'ok', 'ok', 'ok'], 'no call lost');
    assert.equal(t.sessions.length, 2);
    assert.deepEqual(t.sessions.map((s) => s.calls), [4, 2]);
    assert.equal(pool.stats()['recycled.calls'], 1);
    await pool.close();
  });

  it('by RSS: a session whose server passed the limit is replaced at the next reading', async () => {
    let rss = 100;
    const t = setup({ min: 2, max: 2, recycle: { rss: 150, every: 1_000 * MS } }, { rss: (pid) => (pid === 1000 ? rss : 50) });
    const pool = await t.pool();
    await t.clock.advanceUs(1_000 * MS);
    assert.equal(t.sessions.length, 2, 'under the limit: nothing recycled');
    rss = 200;
    await t.clock.advanceUs(1_000 * MS);
    assert.equal(t.sessions.length, 3);
    assert.equal(t.sessions[0]!.closed, true);
    assert.equal(t.sessions[1]!.closed, false, 'the other server is under the limit');
    assert.equal(pool.stats()['recycled.rss'], 1);
    await pool.close();
  });

  it('by age', async () => {
    const t = setup({ min: 1, max: 1, recycle: { age: 5_000 * MS, every: 1_000 * MS } });
    const pool = await t.pool();
    await t.clock.advanceUs(4_000 * MS);
    assert.equal(t.sessions.length, 1);
    await t.clock.advanceUs(1_000 * MS);
    assert.equal(t.sessions.length, 2);
    assert.equal(pool.stats()['recycled.age'], 1);
    await pool.close();
  });
});

describe('EndpointPool: warming', () => {
  it('opens every session up to max, one after another, and closes none for idling while it does', async () => {
    const t = setup({ min: 1, max: 4, perSession: 1, idle: 1_000 * MS }, { openUs: 600 * MS });
    const pool = await t.pool();
    await t.clock.run(pool.warm());
    assert.equal(t.sessions.length, 4, 'exactly max sessions opened (none closed and re-opened)');
    assert.ok(t.sessions.every((s) => !s.closed));
    assert.equal(pool.openedTimings.length, 4);
    const results = await t.clock.run(Promise.all(Array.from({ length: 4 }, () => call(pool))));
    assert.deepEqual(results.map((r) => r.waitedUs), [0, 0, 0, 0], 'no call waits on a warm pool');
    assert.equal(pool.stats()['grown'] ?? 0, 0);
    await pool.close();
  });
});

describe('EndpointPool: utilization while recycling', () => {
  it('a session draining after its replacement opened is not counted busy: peak never passes max', async () => {
    const t = setup({ min: 1, max: 1, recycle: { calls: 1 } }, { openUs: 5 * MS, latencyUs: 10 * MS });
    const pool = await t.pool();
    const first = call(pool); // ends at 10 ms: the replacement opens until 15 ms
    await t.clock.advanceUs(12 * MS);
    const second = call(pool); // still the old session (in rotation until 15 ms), ends at 22 ms
    await t.clock.advanceUs(4 * MS);
    const third = call(pool); // the new session, while the old one drains the second call
    await t.clock.run(Promise.all([first, second, third]));
    assert.deepEqual(t.sessions.slice(0, 2).map((s) => s.calls), [2, 1], 'the second call drained on the old session, the third on the new');
    assert.equal(pool.stats()['peakBusy'], 1);
    assert.equal(pool.stats()['utilization'], 1);
    await t.clock.run(pool.close()); // a later replacement may still be opening
  });
});
