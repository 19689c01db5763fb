import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { classifyError } from '../../../src/client/classify.js';
import { errorKey } from '../../../src/client/outcome.js';
import { NodeSseClientTransport } from '../../../src/client/transports/node-sse.js';

/** A scripted legacy SSE server on 127.0.0.1: GET /sse opens the stream, POST /messages answers on it. */
let onGet: (req: http.IncomingMessage, res: http.ServerResponse) => void = () => undefined;
let stream: http.ServerResponse | null = null;
const posted: { headers: http.IncomingHttpHeaders; body: string }[] = [];
const server = http.createServer((req, res) => {
  if (req.method === 'GET') return onGet(req, res);
  let body = '';
  req.on('data', (c: Buffer) => (body += c));
  req.on('end', () => {
    posted.push({ headers: req.headers, body });
    res.writeHead(202).end();
    const message = JSON.parse(body) as { id?: number };
    if (message.id !== undefined) stream?.write(`event: message\ndata: ${JSON.stringify({ jsonrpc: '2.0', id: message.id, result: {} })}\n\n`);
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

const openStream = (endpoint: string) => (req: http.IncomingMessage, res: http.ServerResponse): void => {
  assert.equal(req.headers.accept, 'text/event-stream');
  assert.equal(req.headers['x-token'], 'abc');
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  res.write(`event: endpoint\ndata: ${endpoint}\n\n`);
  stream = res;
};

describe('NodeSseClientTransport against a scripted legacy SSE server', () => {
  it('opens the stream with Accept and headers, POSTs to the endpoint, reads answers from the stream', async () => {
    onGet = openStream('/messages?sessionId=s1');
    const transport = new NodeSseClientTransport({ url: `${base}/sse`, headers: { 'x-token': 'abc' } });
    const received: JSONRPCMessage[] = [];
    transport.onmessage = (m) => received.push(m);
    let closed = false;
    transport.onclose = () => (closed = true);
    await transport.start();
    await transport.send({ jsonrpc: '2.0', id: 5, method: 'ping' });
    while (received.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.deepEqual(received, [{ jsonrpc: '2.0', id: 5, result: {} }]);
    assert.equal(posted.at(-1)!.headers['x-token'], 'abc');
    stream!.end(); // the server goes away: the transport reports the connection closed
    while (!closed) await new Promise((resolve) => setTimeout(resolve, 5));
    await assert.rejects(transport.send({ jsonrpc: '2.0', id: 6, method: 'ping' }), (e) => errorKey(classifyError(e, false)) === 'transport:closed');
  });

  it('a refused stream is classified by its status, like Streamable HTTP', async () => {
    onGet = (_req, res) => res.writeHead(401).end();
    const transport = new NodeSseClientTransport({ url: `${base}/sse`, headers: {} });
    await assert.rejects(transport.start(), (e) => errorKey(classifyError(e, false)) === 'transport:http-401');
    await transport.close();
  });

  it('refuses an endpoint on another origin', async () => {
    onGet = openStream('http://evil.invalid/messages');
    const transport = new NodeSseClientTransport({ url: `${base}/sse`, headers: { 'x-token': 'abc' } });
    await assert.rejects(transport.start(), (e) => errorKey(classifyError(e, false)) === 'transport:bad-response');
    await transport.close();
  });
});
