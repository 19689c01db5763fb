import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import { AutocannonDriver, type AutocannonClient } from '../../../src/engines/autocannon-driver.js';
import { RequestEncoder } from '../../../src/engines/request-encoder.js';
import { WorkloadRecorder } from '../../../src/metrics/recorder.js';
import type { Bound } from '../../../src/schedule/bound.js';
import type { OperationPlan } from '../../../src/operations/operation.js';
import type { Clock } from '../../../src/time/clock.js';

/** Stands in for autocannon's per-connection client: the same calls, in the same order, as lib/httpClient.js. */
class FakeClient extends EventEmitter implements AutocannonClient {
  conn = { destroyed: false };
  requestIterator = { recordBody: (_request: unknown, _status: number, _body: string, _rawHeaders?: readonly string[]): void => undefined };
  written: Buffer[] = [];
  destroyed = false;
  getRequestBuffer(): Buffer {
    throw new Error('the driver replaces this');
  }
  _doRequest(): void {
    this.written.push(this.getRequestBuffer());
  }
  destroy(): void {
    this.destroyed = true;
  }
  /** A new socket, as autocannon's `_connect` makes after an error or a server close. */
  reconnect(): void {
    this.conn = { destroyed: false };
    this._doRequest();
  }
}

const echo: OperationPlan = { name: 'echo', weight: 1, timeoutUs: 50_000, request: { method: 'tools/call', tool: 'echo', args: {} } };
const idOf = (buffer: Buffer | undefined): number => (JSON.parse(buffer!.toString().split('\r\n\r\n')[1]!) as { id: number }).id;
const answer = (id: number, isError = false): string =>
  `event: message\ndata: ${JSON.stringify({ jsonrpc: '2.0', id, result: { content: [], isError } })}\n\n`;

function setup(warmup: Bound | null, measure: Bound) {
  let now = 1_000;
  const clock: Clock = { nowUs: () => now, sleepUs: () => Promise.resolve(), sleepUntilUs: () => Promise.resolve() } as Clock;
  const recorder = new WorkloadRecorder(['echo']);
  const events: string[] = [];
  const encoder = new RequestEncoder([echo], { url: new URL('http://127.0.0.1:1/mcp'), headers: {}, sessionId: 's', protocolVersion: 'v' });
  const driver = new AutocannonDriver({
    encoder,
    pick: () => 0,
    recorder,
    clock,
    warmup,
    measure,
    timeoutsUs: [echo.timeoutUs],
    connectionTimeoutUs: 1_000_000,
    onMeasureStart: (at) => events.push(`measure@${at}`),
    onDrain: () => events.push('drain'),
  });
  const client = new FakeClient();
  driver.setupClient(client);
  /** autocannon's order on a complete answer: recordBody, the `response` event, then `_doRequest`. */
  const respond = (body: string, status = 200): void => {
    client.requestIterator.recordBody({}, status, body, ['Cache-Control', 'no-cache', 'Content-Type', 'text/event-stream']);
    client.emit('response', status, body.length, 0);
    client._doRequest();
  };
  const advance = (us: number): void => {
    now += us;
  };
  return { driver, client, recorder, events, respond, advance, op: recorder.operations[0]! };
}

describe('AutocannonDriver: matches answers to requests and records them in our recorder', () => {
  it('unique ids; latency from write to answer in µs; warmup, then measured, then drain by iterations', async () => {
    const { driver, client, respond, advance, op, events } = setup({ kind: 'iterations', count: 2 }, { kind: 'iterations', count: 3 });
    client._doRequest();
    for (let i = 0; i < 6; i++) {
      const id = idOf(client.written.at(-1));
      advance(250 + i);
      respond(answer(id, i === 4));
    }
    await new Promise((resolve) => process.nextTick(resolve));
    assert.deepEqual(client.written.map(idOf), [1, 2, 3, 4, 5], 'two warmup, three measured, then no more writes');
    assert.equal(op.warmupCalls, 2);
    assert.equal(op.count, 3);
    assert.deepEqual([...op.errors], [['tool-error', 1]]);
    assert.equal(op.histogram.minNonZeroValue, 252);
    assert.equal(op.histogram.maxValue, 254);
    assert.equal(driver.measureStartUs, 1_000 + 250 + 251);
    assert.deepEqual(events, [`measure@${driver.measureStartUs}`, 'drain']);
    assert.equal(driver.boundReached, true);
    assert.equal(client.destroyed, true, 'closed once its last answer came');
  });

  it('a request whose connection failed is settled with the errno; one lost to a server close is transport:closed', () => {
    const { driver, client, respond, advance, op } = setup(null, { kind: 'iterations', count: 100 });
    driver.beginMeasure(1_000);
    client._doRequest();
    client.conn.destroyed = true;
    client.emit('connError', Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }));
    client.reconnect();
    advance(10);
    client.reconnect(); // the server closed the connection: no error, just a new socket
    respond(answer(idOf(client.written.at(-1))));
    assert.deepEqual([...op.errors].sort(), [['transport:ECONNREFUSED', 1], ['transport:closed', 1]]);
    assert.equal(op.ok, 1);
    assert.equal(driver.firstConnectionError, 'ECONNREFUSED');
    assert.equal(driver.stats.lostInFlight, 2);
    assert.equal(driver.stats.responses, 1);
  });

  it('an answer later than the operation timeout, or a request lost that old, is a timeout', () => {
    const { driver, client, respond, advance, op } = setup(null, { kind: 'iterations', count: 100 });
    driver.beginMeasure(1_000);
    client._doRequest();
    advance(60_000);
    respond(answer(idOf(client.written.at(-1))));
    advance(60_000);
    client.reconnect();
    assert.deepEqual([...op.errors], [['timeout', 2]]);
  });

  it('an answer for another id is a bad response; a stop drains without counting it as the bound', async () => {
    const { driver, client, respond, op } = setup(null, { kind: 'duration', us: 1e9 });
    driver.beginMeasure(1_000);
    client._doRequest();
    respond(answer(999));
    driver.drain(false);
    respond(answer(idOf(client.written.at(-1))));
    await new Promise((resolve) => process.nextTick(resolve));
    assert.deepEqual([...op.errors], [['transport:bad-response', 1]]);
    assert.equal(op.ok, 1);
    assert.equal(driver.boundReached, false);
    assert.equal(client.written.length, 2);
    assert.equal(client.destroyed, true);
  });
});
