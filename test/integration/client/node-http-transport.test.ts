import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { classifyError } from '../../../src/client/classify.js';
import { errorKey } from '../../../src/client/outcome.js';
import { HttpStatusError } from '../../../src/client/transports/http-errors.js';
import { NodeHttpClientTransport, type NodeHttpTransportOptions } from '../../../src/client/transports/node-http.js';
import { eventually, failureIn, ScriptedServer, sleep, type Handler } from './scripted-server.js';

let server: ScriptedServer;
before(async () => {
  server = await ScriptedServer.start();
});
after(() => server.close());

const request = (id: number): JSONRPCMessage => ({ jsonrpc: '2.0', id, method: 'ping' });
const key = (error: unknown): string => errorKey(classifyError(error, false));

type Options = Partial<Omit<NodeHttpTransportOptions, 'url'>>;

/** Sends one message; a request's failure arrives as a synthesized error response, whose typed failure is `failure`. */
async function exchange(message: JSONRPCMessage, options: Options = {}) {
  const transport = new NodeHttpClientTransport({ url: server.url, headers: {}, ...options });
  const received: JSONRPCMessage[] = [];
  transport.onmessage = (m) => received.push(m);
  let error: unknown = null;
  await transport.send(message).catch((e: unknown) => (error = e));
  return { transport, received, error, failure: failureIn(received.at(-1)) };
}

describe('NodeHttpClientTransport against a scripted server', { timeout: 30_000 }, () => {
  it('reads a JSON answer, keeps the session id, and sends it back with the protocol version', async () => {
    server.handler = (body, _req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': 'sess-1' });
      res.end(JSON.stringify({ jsonrpc: '2.0', id: body.id, result: {} }));
    };
    const { transport, received, error } = await exchange(request(1), { headers: { 'x-token': 'abc' } });
    assert.equal(error, null);
    assert.deepEqual(received, [{ jsonrpc: '2.0', id: 1, result: {} }]);
    assert.equal(transport.sessionId, 'sess-1');
    transport.setProtocolVersion('2025-06-18');
    await transport.send(request(2));
    const last = server.received.at(-1)!.headers;
    assert.equal(last['mcp-session-id'], 'sess-1');
    assert.equal(last['mcp-protocol-version'], '2025-06-18');
    assert.equal(last['x-token'], 'abc');
    assert.equal(last['content-type'], 'application/json');
    assert.equal(last['content-length'], String(Buffer.byteLength(JSON.stringify(request(2)))), 'node:http sets Content-Length');
    assert.match(String(last.accept), /application\/json.*text\/event-stream/);
    await transport.close();
    const deleted = server.received.at(-1)!;
    assert.equal(deleted.method, 'DELETE');
    assert.equal(deleted.headers['mcp-session-id'], 'sess-1', 'close() sends DELETE with the session');
    assert.equal(deleted.headers['x-token'], 'abc');
  });

  it('reads an event-stream answer with a notification before the response', async () => {
    server.handler = (body, _req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`event: message\ndata: ${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/progress', params: { progress: 1 } })}\n\n`);
      res.end(`event: message\ndata: ${JSON.stringify({ jsonrpc: '2.0', id: body.id, result: { ok: true } })}\n\n`);
    };
    const { transport, received, error } = await exchange(request(7));
    assert.equal(error, null);
    assert.equal(received.length, 2);
    assert.deepEqual(received[1], { jsonrpc: '2.0', id: 7, result: { ok: true } });
    await transport.close();
  });

  it("a request's failure is answered as a JSON-RPC error for its id, carrying the typed failure; send() resolves", async () => {
    const cases: [Handler, string][] = [
      [(_b, _q, res) => void res.writeHead(503, { 'retry-after': '2' }).end('busy'), 'transport:http-503'],
      [(_b, _q, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end('{not json'), 'transport:bad-response'],
      [(_b, _q, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>'), 'transport:bad-response'],
      [(_b, req) => req.socket.destroy(), 'transport:ECONNRESET'],
    ];
    for (const [answer, expected] of cases) {
      server.handler = answer;
      const { transport, received, error, failure } = await exchange(request(3));
      assert.equal(error, null, 'send() resolves');
      assert.equal(received.length, 1);
      assert.equal((received[0] as { id: number }).id, 3);
      assert.equal(key(failure), expected);
      await transport.close();
    }
    server.handler = (_b, _q, res) => void res.writeHead(429, { 'retry-after': '7' }).end();
    const { transport, failure } = await exchange(request(4));
    assert.ok(failure instanceof HttpStatusError);
    assert.equal(failure.retryAfterSeconds, 7);
    await transport.close();
  });

  it('an answer with the request id but no result or error, or no JSON-RPC object at all, is bad-response', async () => {
    const answers = [
      '{"jsonrpc":"2.0","id":3}',
      '{"jsonrpc":"2.0","id":3,"result":5}',
      '{"jsonrpc":"2.0","id":3,"result":{},"extra":1}',
      '{"jsonrpc":"2.0","id":3,"error":{"message":"no code"}}',
      '{"id":3,"result":{}}',
      '5',
      'null',
      '[1]',
      '[]',
    ];
    for (const answer of answers) {
      server.handler = (_b, _q, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end(answer);
      const { transport, received, failure } = await exchange(request(3));
      assert.equal(key(failure), 'transport:bad-response', answer);
      assert.equal(received.length, 1, `only the synthesized error is delivered for ${answer}`);
      await transport.close();
    }
    // The same on an event stream: the call fails at once instead of waiting for the stream to end.
    server.handler = (_b, _q, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: {"jsonrpc":"2.0","id":3}\n\n'); // and the stream stays open
    };
    const { transport, failure } = await exchange(request(3));
    assert.equal(key(failure), 'transport:bad-response');
    await transport.close();
  });

  it('a well-formed answer with a string id equal to ours (the SDK accepts it) answers the request', async () => {
    server.handler = (_b, _q, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end('{"jsonrpc":"2.0","id":"3","result":{}}');
    const { transport, received } = await exchange(request(3));
    assert.deepEqual(received, [{ jsonrpc: '2.0', id: '3', result: {} }]);
    await transport.close();
  });

  it('202 or 204 to a request is bad-response (no answer will come); to a notification it is success', { timeout: 10_000 }, async () => {
    for (const status of [202, 204]) {
      server.handler = (_b, _q, res) => void res.writeHead(status).end();
      const call = await exchange(request(9));
      assert.equal(key(call.failure), 'transport:bad-response');
      await call.transport.close();
      const note = await exchange({ jsonrpc: '2.0', method: 'notifications/initialized' });
      assert.equal(note.error, null);
      assert.deepEqual(note.received, []);
      await note.transport.close();
    }
  });

  it('an event stream the server closes cleanly before the response is stream-ended, not garbage', async () => {
    server.handler = (_b, _q, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end('data: {"jsonrpc":"2.0","method":"notifications/progress","params":{"progress":1}}\n\n');
    };
    const { transport, received, failure } = await exchange(request(3));
    assert.equal(received.length, 2, 'the notification, then the synthesized error');
    assert.equal(key(failure), 'transport:stream-ended');
    await transport.close();
  });

  it('an event-stream answer left open after the response resolves the call and releases the socket', { timeout: 10_000 }, async () => {
    let closedByClient = false;
    server.handler = (body, req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`data: ${JSON.stringify({ jsonrpc: '2.0', id: body.id, result: {} })}\n\n`); // never ended
      req.socket.once('close', () => (closedByClient = true));
    };
    const { transport, received, error } = await exchange(request(11));
    assert.equal(error, null);
    assert.deepEqual(received, [{ jsonrpc: '2.0', id: 11, result: {} }]);
    assert.ok(await eventually(() => closedByClient, 2000), 'the client destroyed the stream it no longer needs');
    await transport.close();
  });

  it('an event-stream answer the server ends right after the response keeps its keep-alive socket', async () => {
    let ended = 0;
    server.handler = (body, _req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`data: ${JSON.stringify({ jsonrpc: '2.0', id: body.id, result: {} })}\n\n`);
      res.once('finish', () => ended++);
      setTimeout(() => res.end(), 5);
    };
    const transport = new NodeHttpClientTransport({ url: server.url, headers: {} });
    const before = server.accepted;
    for (let id = 1; id <= 5; id++) {
      await transport.send(request(id));
      // The server ends the stream 5 ms after the response (later on a loaded machine): the next call goes once it
      // has, and the client has had a moment to read the end and hand the socket back.
      await eventually(() => ended >= id);
      await sleep(30);
    }
    assert.equal(server.accepted - before, 1, 'one connection for five calls');
    await transport.close();
  });

  it('close() destroys calls in flight first, and returns even when the DELETE is never answered', { timeout: 10_000 }, async () => {
    let hungCallClosed = false;
    let hungCallClosedBeforeDelete: boolean | null = null;
    server.handler = (body, req, res) => {
      if (req.method === 'DELETE') return void (hungCallClosedBeforeDelete = hungCallClosed); // never answered
      if (body.id === 2) return void req.socket.once('end', () => (hungCallClosed = true)); // never answered
      res.writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': 's' });
      res.end(JSON.stringify({ jsonrpc: '2.0', id: 1, result: {} }));
    };
    const transport = new NodeHttpClientTransport({ url: server.url, headers: {}, closeTimeoutMs: 200 });
    await transport.send(request(1));
    const mark = server.received.length;
    const hung = transport.send(request(2));
    await eventually(() => server.received.slice(mark).some((r) => r.body.id === 2));
    const started = performance.now();
    await transport.close();
    assert.ok(performance.now() - started < 1500, `close() returned after ${Math.round(performance.now() - started)} ms`);
    await hung; // settled silently: the SDK fails it as closed on onclose
    const deleted = server.received.at(-1)!;
    assert.equal(deleted.method, 'DELETE');
    assert.equal(deleted.headers.connection, 'close', 'the DELETE has a connection of its own');
    assert.ok(await eventually(() => hungCallClosedBeforeDelete !== null));
    assert.equal(hungCallClosedBeforeDelete, true, 'the call in flight was destroyed before the DELETE was sent');
    assert.ok(await eventually(() => server.openSockets === 0), 'no socket left open');
  });

  it('a notification POST the server never answers is abandoned at its wall-clock deadline', { timeout: 10_000 }, async () => {
    server.handler = () => undefined;
    const started = performance.now();
    const { transport, error } = await exchange({ jsonrpc: '2.0', method: 'notifications/initialized' }, { notificationTimeoutMs: 150 });
    assert.ok(performance.now() - started < 1500);
    assert.equal(key(error), 'transport:ETIMEDOUT');
    assert.ok(await eventually(() => server.openSockets === 0), 'the POST was destroyed');
    await transport.close();
  });

  it("a cancelled request's POST is abandoned: its socket is freed, no error is delivered for it", async () => {
    let heldSocketClosed = false;
    server.handler = (body, req, res) => {
      if (body.id === 21) return void req.socket.once('close', () => (heldSocketClosed = true)); // never answered
      res.writeHead(202).end();
    };
    const transport = new NodeHttpClientTransport({ url: server.url, headers: {} });
    const received: JSONRPCMessage[] = [];
    transport.onmessage = (m) => received.push(m);
    const call = transport.send(request(21));
    await eventually(() => server.received.some((r) => r.body.id === 21));
    await transport.send({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 21, reason: 'timeout' } });
    await call;
    assert.ok(await eventually(() => heldSocketClosed), 'the abandoned POST was destroyed');
    assert.deepEqual(received, []);
    await transport.close();
  });

  it('gzip bodies: a 415 turns compression off for good, the refused call is resent plain, told once', async () => {
    server.handler = (body, req, res) => {
      if (req.headers['content-encoding'] === 'gzip') return void res.writeHead(415).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', id: body.id, result: {} }));
    };
    let refused = 0;
    const transport = new NodeHttpClientTransport({ url: server.url, headers: {}, compression: { requests: 'gzip', answers: null }, onCompressionRefused: () => refused++ });
    const received: JSONRPCMessage[] = [];
    transport.onmessage = (m) => received.push(m);
    const big = (id: number): JSONRPCMessage => ({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'echo', arguments: { message: 'x'.repeat(4000) } } });
    const first = server.received.length;
    await Promise.all([transport.send(big(1)), transport.send(big(2))]);
    await transport.send(big(3));
    assert.deepEqual(received.map((m) => (m as { id: number }).id).sort(), [1, 2, 3]);
    assert.equal(refused, 1);
    const encodings = server.received.slice(first).map((r) => r.headers['content-encoding'] ?? 'plain');
    assert.deepEqual(encodings.slice(-1), ['plain'], 'after the 415 nothing is compressed');
    await transport.close();
  });

  it('a refused connection is ECONNREFUSED', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const transport = new NodeHttpClientTransport({ url: `http://127.0.0.1:${port}/mcp`, headers: {} });
    const received: JSONRPCMessage[] = [];
    transport.onmessage = (m) => received.push(m);
    await transport.send(request(1));
    assert.equal(key(failureIn(received[0])), 'transport:ECONNREFUSED');
    await assert.rejects(transport.send({ jsonrpc: '2.0', method: 'notifications/initialized' }), (e) => key(e) === 'transport:ECONNREFUSED');
    await transport.close();
  });
});

describe('NodeHttpClientTransport sockets', { timeout: 30_000 }, () => {
  it('default: no socket limit — 300 calls in flight at once all reach the server (none queue in the agent)', async () => {
    const inFlight = 300;
    const held: http.ServerResponse[] = [];
    server.handler = (body, _req, res) => {
      held.push(res);
      res.writeHead(200, { 'content-type': 'application/json' });
      (res as http.ServerResponse & { id?: number }).id = body.id;
      // Answer nobody until every call has arrived: with a socket limit below 300 this would never happen.
      if (held.length === inFlight) for (const r of held) r.end(JSON.stringify({ jsonrpc: '2.0', id: (r as { id?: number }).id, result: {} }));
    };
    const transport = new NodeHttpClientTransport({ url: server.url, headers: {} });
    const received: JSONRPCMessage[] = [];
    transport.onmessage = (m) => received.push(m);
    const calls = Array.from({ length: inFlight }, (_, i) => transport.send(request(i + 1)));
    const all = Promise.all(calls);
    assert.ok(await eventually(() => received.length === inFlight, 5000), `${held.length} of ${inFlight} calls reached the server`);
    await all;
    await transport.close();
  });

  it('maxSockets caps the connections when the caller asks for it', async () => {
    server.handler = (body, _req, res) => {
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', id: body.id, result: {} })), 20);
    };
    const transport = new NodeHttpClientTransport({ url: server.url, headers: {}, maxSockets: 2 });
    const before = server.accepted;
    await Promise.all(Array.from({ length: 10 }, (_, i) => transport.send(request(i + 1))));
    assert.equal(server.accepted - before, 2);
    await transport.close();
  });
});
