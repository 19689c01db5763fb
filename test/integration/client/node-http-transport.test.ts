import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { classifyError } from '../../../src/client/classify.js';
import { errorKey } from '../../../src/client/outcome.js';
import { NodeHttpClientTransport } from '../../../src/client/transports/node-http.js';

type Handler = (body: { id?: number; method?: string }, req: http.IncomingMessage, res: http.ServerResponse) => void;

/** A scripted HTTP endpoint on 127.0.0.1: each test says how it answers. */
let handler: Handler = () => undefined;
let seenHeaders: http.IncomingHttpHeaders[] = [];
const server = http.createServer((req, res) => {
  seenHeaders.push(req.headers);
  let text = '';
  req.on('data', (c: Buffer) => (text += c.toString()));
  req.on('end', () => handler(text ? JSON.parse(text) : {}, req, res));
});
let url = '';

before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

const request = (id: number): JSONRPCMessage => ({ jsonrpc: '2.0', id, method: 'ping' });

async function exchange(message: JSONRPCMessage, headers: Record<string, string> = {}) {
  const transport = new NodeHttpClientTransport({ url, headers });
  const received: JSONRPCMessage[] = [];
  transport.onmessage = (m) => received.push(m);
  let error: unknown = null;
  await transport.send(message).catch((e: unknown) => (error = e));
  return { transport, received, error };
}

describe('NodeHttpClientTransport against a scripted server', () => {
  it('reads a JSON answer, keeps the session id, and sends it back with the protocol version', async () => {
    seenHeaders = [];
    handler = (body, _req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': 'sess-1' });
      res.end(JSON.stringify({ jsonrpc: '2.0', id: body.id, result: {} }));
    };
    const { transport, received, error } = await exchange(request(1), { 'x-token': 'abc' });
    assert.equal(error, null);
    assert.deepEqual(received, [{ jsonrpc: '2.0', id: 1, result: {} }]);
    assert.equal(transport.sessionId, 'sess-1');
    transport.setProtocolVersion('2025-06-18');
    await transport.send(request(2));
    const last = seenHeaders.at(-1)!;
    assert.equal(last['mcp-session-id'], 'sess-1');
    assert.equal(last['mcp-protocol-version'], '2025-06-18');
    assert.equal(last['x-token'], 'abc');
    assert.match(String(last.accept), /application\/json.*text\/event-stream/);
    await transport.close();
    assert.equal(seenHeaders.at(-1)!['mcp-session-id'], 'sess-1', 'close() sends DELETE with the session');
  });

  it('reads an event-stream answer with a notification before the response', async () => {
    handler = (body, _req, res) => {
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

  it('classifies faults by code: HTTP status (with Retry-After), garbage, missing response, wrong content type', async () => {
    const cases: [Handler, string][] = [
      [(_b, _q, res) => { res.writeHead(503, { 'retry-after': '2' }); res.end('busy'); }, 'transport:http-503'],
      [(_b, _q, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{not json'); }, 'transport:bad-response'],
      [(_b, _q, res) => { res.writeHead(200, { 'content-type': 'text/event-stream' }); res.end('data: {"jsonrpc":"2.0","method":"x"}\n\n'); }, 'transport:bad-response'],
      [(_b, _q, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end('<html>'); }, 'transport:bad-response'],
      [(_b, req) => req.socket.destroy(), 'transport:ECONNRESET'],
    ];
    for (const [answer, expected] of cases) {
      handler = answer;
      const { transport, error } = await exchange(request(3));
      assert.equal(errorKey(classifyError(error, false)), expected);
      await transport.close();
    }
    handler = (_b, _q, res) => { res.writeHead(429, { 'retry-after': '7' }); res.end(); };
    const { transport, error } = await exchange(request(4));
    assert.equal((error as { retryAfterSeconds: number }).retryAfterSeconds, 7);
    await transport.close();
  });

  it('a notification answered 202 resolves with no message', async () => {
    handler = (_b, _q, res) => { res.writeHead(202); res.end(); };
    const { transport, received, error } = await exchange({ jsonrpc: '2.0', method: 'notifications/initialized' });
    assert.equal(error, null);
    assert.deepEqual(received, []);
    await transport.close();
  });

  it('a refused connection is ECONNREFUSED', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const transport = new NodeHttpClientTransport({ url: `http://127.0.0.1:${port}/mcp`, headers: {} });
    const error = await transport.send(request(1)).then(() => null, (e: unknown) => e);
    assert.equal(errorKey(classifyError(error, false)), 'transport:ECONNREFUSED');
    await transport.close();
  });
});
