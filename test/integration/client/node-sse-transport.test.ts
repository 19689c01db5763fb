import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { EmptyResultSchema, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { classifyError } from '../../../src/client/classify.js';
import { errorKey } from '../../../src/client/outcome.js';
import { NodeSseClientTransport } from '../../../src/client/transports/node-sse.js';
import { eventually, heldBySdk, keyOf } from './scripted-server.js';

/** A scripted legacy SSE server on 127.0.0.1: GET /sse opens the stream, POST /messages answers on it. */
type PostHandler = (message: { id?: number; method?: string; params?: Record<string, unknown> }, req: http.IncomingMessage, res: http.ServerResponse) => void;
let onGet: (req: http.IncomingMessage, res: http.ServerResponse) => void = () => undefined;
let stream: http.ServerResponse | null = null;
const posted: { headers: http.IncomingHttpHeaders; body: string }[] = [];

/** The legacy protocol: 202 at once, the answer on the stream (initialize answered like a server would). */
const acceptAndAnswer: PostHandler = (message, _req, res) => {
  res.writeHead(202).end();
  if (message.id === undefined) return;
  const result = message.method === 'initialize'
    ? { protocolVersion: message.params?.protocolVersion, capabilities: {}, serverInfo: { name: 'legacy', version: '1' } }
    : {};
  stream?.write(`event: message\ndata: ${JSON.stringify({ jsonrpc: '2.0', id: message.id, result })}\n\n`);
};
let onPost: PostHandler = acceptAndAnswer;

const server = http.createServer((req, res) => {
  if (req.method === 'GET') return onGet(req, res);
  let body = '';
  req.on('data', (c: Buffer) => (body += c));
  req.on('end', () => {
    posted.push({ headers: req.headers, body });
    onPost(JSON.parse(body) as { id?: number }, req, res);
  });
});
let base = '';
before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

const openStream = (endpoint: string, expectedToken = 'abc') => (req: http.IncomingMessage, res: http.ServerResponse): void => {
  assert.equal(req.headers.accept, 'text/event-stream');
  assert.equal(req.headers['x-token'], expectedToken);
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  res.write(`event: endpoint\ndata: ${endpoint}\n\n`);
  stream = res;
};

async function started(options: { postTimeoutMs?: number } = {}) {
  onGet = openStream('/messages?sessionId=s1');
  const transport = new NodeSseClientTransport({ url: `${base}/sse`, headers: { 'x-token': 'abc' }, ...options });
  const received: JSONRPCMessage[] = [];
  transport.onmessage = (m) => received.push(m);
  await transport.start();
  return { transport, received };
}

describe('NodeSseClientTransport against a scripted legacy SSE server', { timeout: 60_000 }, () => {
  it('opens the stream with Accept and headers, POSTs to the endpoint, reads answers from the stream', async () => {
    onPost = acceptAndAnswer;
    const { transport, received } = await started();
    let closed = false;
    transport.onclose = () => (closed = true);
    await transport.send({ jsonrpc: '2.0', id: 5, method: 'ping' });
    await eventually(() => received.length > 0);
    assert.deepEqual(received, [{ jsonrpc: '2.0', id: 5, result: {} }]);
    assert.equal(posted.at(-1)!.headers['x-token'], 'abc');
    stream!.end(); // the server goes away: the transport reports the connection closed
    assert.ok(await eventually(() => closed));
    await assert.rejects(transport.send({ jsonrpc: '2.0', id: 6, method: 'ping' }), (e) => errorKey(classifyError(e, false)) === 'transport:closed');
  });

  it('a refused stream is classified by its status, like Streamable HTTP', async () => {
    onGet = (_req, res) => res.writeHead(401).end();
    const transport = new NodeSseClientTransport({ url: `${base}/sse`, headers: {} });
    await assert.rejects(transport.start(), (e) => errorKey(classifyError(e, false)) === 'auth:unauthorized');
    await transport.close();
  });

  it('refuses an endpoint on another origin', async () => {
    onGet = openStream('http://evil.invalid/messages');
    const transport = new NodeSseClientTransport({ url: `${base}/sse`, headers: { 'x-token': 'abc' } });
    await assert.rejects(transport.start(), (e) => errorKey(classifyError(e, false)) === 'transport:bad-response');
    await transport.close();
  });

  it('a stream that ends without an endpoint event fails start() at once, not at the start timeout', { timeout: 10_000 }, async () => {
    onGet = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(': nothing to see\n\n');
    };
    const transport = new NodeSseClientTransport({ url: `${base}/sse`, headers: {} });
    const startedAt = performance.now();
    await assert.rejects(transport.start(), (e) => errorKey(classifyError(e, false)) === 'transport:stream-ended');
    assert.ok(performance.now() - startedAt < 2000, `took ${Math.round(performance.now() - startedAt)} ms`);
    await transport.close();
  });

  it('a POST the server never answers is abandoned at its wall-clock deadline', { timeout: 10_000 }, async () => {
    onPost = () => undefined;
    const { transport } = await started({ postTimeoutMs: 150 });
    const startedAt = performance.now();
    await assert.rejects(transport.send({ jsonrpc: '2.0', method: 'notifications/initialized' }), (e) => keyOf(e) === 'transport:ETIMEDOUT');
    assert.ok(performance.now() - startedAt < 1500);
    await transport.close();
  });

  it("a cancelled request's POST is abandoned: its socket is freed, no error is delivered for it", async () => {
    let heldSocketClosed = false;
    onPost = (message, req, res) => {
      if (message.id === 8) return void req.socket.once('close', () => (heldSocketClosed = true)); // never answered
      res.writeHead(202).end();
    };
    const { transport, received } = await started();
    const call = transport.send({ jsonrpc: '2.0', id: 8, method: 'ping' });
    await eventually(() => posted.some((p) => p.body.includes('"id":8')));
    await transport.send({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 8, reason: 'timeout' } });
    await call;
    assert.ok(await eventually(() => heldSocketClosed), 'the abandoned POST was destroyed');
    assert.deepEqual(received, []);
    await transport.close();
  });

  it('with the SDK Client: a 429 storm on POSTs fails every call at once and leaves no response handler behind', async () => {
    onGet = openStream('/messages?sessionId=s2', '');
    onPost = (message, req, res) => {
      if (message.method === 'ping') return void res.writeHead(429, { 'retry-after': '3' }).end();
      acceptAndAnswer(message, req, res);
    };
    const client = new Client({ name: 'test', version: '0' });
    await client.connect(new NodeSseClientTransport({ url: `${base}/sse`, headers: { 'x-token': '' } }));
    const errors = await Promise.all(Array.from({ length: 300 }, () => client.request({ method: 'ping' }, EmptyResultSchema).then(() => null, (e: unknown) => e)));
    assert.ok(errors.every((e) => keyOf(e) === 'transport:http-429'));
    assert.deepEqual(heldBySdk(client), { handlers: 0, timeouts: 0, progress: 0 });
    await client.close();
  });
});
