import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Connection } from '../../../../src/client/connect.js';
import { ConnectError } from '../../../../src/client/connect.js';
import type { ClientEvent } from '../../../../src/client/events.js';
import { errorKey, type Outcome } from '../../../../src/client/outcome.js';
import { EndpointPool } from '../../../../src/client/pool/pool.js';
import { fixedPool } from '../../../../src/client/pool/policy.js';
import { CallTrace } from '../../../../src/client/trace.js';
import { ServerLog } from '../../../../src/client/transports/server-log.js';
import type { McpRequest } from '../../../../src/client/request.js';
import type { TargetPlan } from '../../../../src/client/targets/registry.js';
import { FakeClock } from '../../../../src/time/fake-clock.js';

const target: TargetPlan = { kind: 'http', url: 'http://127.0.0.1:1/mcp', headers: {} };
const ping: McpRequest = { method: 'ping' };

/** A session whose answers the test scripts; `lost` flips when it answers `closed`. */
class FakeSession {
  lost = false;
  calls = 0;
  closed = false;
  constructor(readonly id: number, private readonly answer: (n: number) => Outcome) {}
  connection(): Connection {
    const caller = {
      call: async (): Promise<Outcome> => {
        const outcome = this.answer(this.calls++);
        if (outcome.kind === 'transport' && outcome.code === 'closed') this.lost = true;
        return outcome;
      },
      close: async () => undefined,
      get lost() { return self.lost; },
    };
    const self = this;
    return { caller, client: null, timings: { serverStartUs: null, connectUs: 1, initializeUs: 2 }, server: { name: 's', version: '1', protocolVersion: null }, close: async () => { this.closed = true; } } as unknown as Connection;
  }
}

function harness(answers: ((n: number) => Outcome)[], failOpensAfter = Infinity) {
  const sessions: FakeSession[] = [];
  const events: ClientEvent[] = [];
  let opens = 0;
  const open = async (): Promise<Connection> => {
    if (opens >= failOpensAfter) { opens++; throw new ConnectError('refused', 'transport:ECONNREFUSED', []); }
    const session = new FakeSession(opens, answers[Math.min(opens, answers.length - 1)]!);
    opens++;
    sessions.push(session);
    return session.connection();
  };
  const clock = new FakeClock();
  return { sessions, events, clock, deps: { clock, log: new ServerLog(), emit: (e: ClientEvent) => events.push(e), open }, opens: () => opens };
}

const OK: Outcome = { kind: 'ok' };
const CLOSED: Outcome = { kind: 'transport', code: 'closed' };
async function call(pool: EndpointPool): Promise<{ outcome: string; session: number }> {
  const trace = new CallTrace();
  const outcome = await pool.call(ping, { timeoutUs: 1e6, trace });
  return { outcome: errorKey(outcome), session: trace.session };
}

describe('EndpointPool', () => {
  it('rotates calls over its sessions', async () => {
    const h = harness([() => OK]);
    const pool = await EndpointPool.open(0, target, fixedPool(3), true, h.deps);
    const sessions = [];
    for (let i = 0; i < 6; i++) sessions.push((await call(pool)).session);
    assert.deepEqual(sessions, [0, 1, 2, 0, 1, 2]);
    assert.equal(pool.connections.length, 3);
  });

  it('re-opens a session whose transport closed; calls meanwhile go to the others', async () => {
    const h = harness([(n) => (n === 1 ? CLOSED : OK), () => OK]);
    const pool = await EndpointPool.open(0, target, fixedPool(2), true, h.deps);
    assert.deepEqual(await call(pool), { outcome: 'ok', session: 0 });
    assert.deepEqual(await call(pool), { outcome: 'ok', session: 1 });
    assert.deepEqual(await call(pool), { outcome: 'transport:closed', session: 0 }); // session 0 dies, revival starts
    assert.deepEqual(await call(pool), { outcome: 'ok', session: 1 });
    await h.clock.run(Promise.resolve());
    assert.equal(h.opens(), 3);
    assert.equal(h.sessions[0]!.closed, true, 'the lost connection was closed');
    assert.deepEqual(pool.stats(), { sessions: 2, live: 2, reconnects: 1, reconnectFailures: 0, opened: 3 });
    assert.deepEqual(h.events, [{ type: 'reconnect', endpoint: 0, session: 0, cause: 'transport closed' }]);
    const after = [await call(pool), await call(pool)].map((c) => c.session).sort();
    assert.deepEqual(after, [0, 1]);
  });

  it('a session whose server died while it held no call is re-opened by the next call', async () => {
    const h = harness([() => OK]);
    const pool = await EndpointPool.open(0, target, fixedPool(1), true, h.deps);
    assert.deepEqual(await call(pool), { outcome: 'ok', session: 0 });
    h.sessions[0]!.lost = true; // the server exited between calls: no call in flight saw it
    assert.deepEqual(await h.clock.run(call(pool)), { outcome: 'ok', session: 0 }, 'the call waits for the revival');
    assert.equal(h.opens(), 2);
    assert.equal(h.sessions[0]!.closed, true);
    assert.equal(pool.stats()['reconnects'], 1);
  });

  it('an expired HTTP session (404) is re-initialized too', async () => {
    const h = harness([(n) => (n === 0 ? { kind: 'transport', code: 'http-404' } : OK), () => OK]);
    const pool = await EndpointPool.open(0, target, fixedPool(1), true, h.deps);
    assert.equal((await call(pool)).outcome, 'transport:http-404');
    assert.equal((await call(pool)).outcome, 'ok', 'the next call waits for the new session');
    assert.equal(h.opens(), 2);
    assert.equal(h.events[0]?.type === 'reconnect' && h.events[0].cause, 'session expired');
  });

  it('without reconnect a lost session stays lost', async () => {
    const h = harness([(n) => (n === 0 ? CLOSED : OK)]);
    const pool = await EndpointPool.open(0, target, fixedPool(1), false, h.deps);
    assert.equal((await call(pool)).outcome, 'transport:closed');
    assert.equal((await call(pool)).outcome, 'transport:closed');
    assert.equal(h.opens(), 1);
  });

  it('revival failing three times in a row marks the endpoint failed, answering with the cause', async () => {
    const h = harness([() => CLOSED], 1);
    const pool = await EndpointPool.open(0, target, fixedPool(1), true, h.deps);
    assert.equal((await call(pool)).outcome, 'transport:closed');
    let last = '';
    for (let i = 0; i < 3 && !pool.failed; i++) last = (await h.clock.run(call(pool))).outcome;
    assert.equal(pool.failed, true);
    assert.equal(last, 'transport:ECONNREFUSED');
    assert.equal(pool.stats()['reconnectFailures'], 3);
    assert.equal(h.opens(), 4);
  });

  it('a session that cannot be opened at first fails open() and closes the ones already open', async () => {
    const h = harness([() => OK], 1);
    await assert.rejects(EndpointPool.open(0, target, fixedPool(2), true, h.deps), ConnectError);
    assert.equal(h.sessions[0]!.closed, true);
  });
});
