import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { ToolListChangedNotificationSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { NodeHttpClientTransport } from '../../../src/client/transports/node-http.js';
import type { StreamEventKind } from '../../../src/client/transports/stream-resumption.js';
import { BoundedEventStore } from '../../../src/server/event-store.js';
import { startHttpServer, type HttpServerHandle } from '../../../src/server/http.js';
import { eventually, keyOf, mcpHandshake, ScriptedServer, sdkClient } from './scripted-server.js';

/** A transport to `url` that records the stream events it reports. */
function transportTo(url: string, options: { standaloneStream?: boolean } = {}) {
  const events: StreamEventKind[] = [];
  const transport = new NodeHttpClientTransport({ url, headers: {}, onStreamEvent: (kind) => events.push(kind), ...options });
  return { transport, events };
}

describe('Streamable HTTP completeness against the reference server', { timeout: 30_000 }, () => {
  let server: HttpServerHandle;
  before(async () => {
    server = await startHttpServer({ latencyUs: 0, jitterUs: 0, failRate: 0, seed: 1 });
  });
  after(() => server.close());

  it('a call whose stream the server closes mid-call completes on the resumed stream, one resumption per call', async () => {
    server.resetCounts();
    const { transport, events } = transportTo(server.url);
    const client = await sdkClient(transport);
    const started = performance.now();
    const results = await Promise.all([0, 150, 20].map((ms) => client.callTool({ name: 'resumable', arguments: { ms } }, undefined, { timeout: 5_000 })));
    assert.ok(performance.now() - started < 4_000, 'resumed, not waited out to a timeout');
    assert.deepEqual(results.map((r) => (r as CallToolResult).content[0]), [0, 150, 20].map((ms) => ({ type: 'text', text: `resumed after ${ms}ms` })));
    assert.deepEqual(events, ['resumed', 'resumed', 'resumed']);
    await client.close();
    const http = server.counts().http;
    assert.ok(http.gets >= 3, `the resumptions are GETs (${http.gets})`);
    assert.equal(http.deletes, 1);
  });

  it("the server sees a DELETE for every session closed, and MCP-Protocol-Version on every request after initialize", async () => {
    server.resetCounts();
    const clients = await Promise.all([1, 2, 3].map(() => sdkClient(transportTo(server.url).transport)));
    await Promise.all(clients.map((c) => c.callTool({ name: 'resumable', arguments: { ms: 0 } })));
    await Promise.all(clients.map((c) => c.close()));
    const http = server.counts().http;
    assert.equal(http.deletes, 3, 'one DELETE per session closed');
    assert.ok(http.gets >= 3 + 3, `resumptions and standalone streams are GETs (${http.gets})`);
    assert.equal(http.withoutProtocolVersion, 0, 'every POST, GET and DELETE of a session carried MCP-Protocol-Version');
    assert.equal(server.counts().requests['tools/call'], 3);
  });
});

describe('the standalone GET stream', { timeout: 30_000 }, () => {
  let mcp: McpServer;
  let serverTransport: StreamableHTTPServerTransport;
  let httpServer: http.Server;
  let url = '';
  before(async () => {
    mcp = new McpServer({ name: 'raw', version: '1' }, { capabilities: { tools: { listChanged: true } } });
    serverTransport = new StreamableHTTPServerTransport({ sessionIdGenerator: randomUUID, eventStore: new BoundedEventStore(() => true), retryInterval: 20 });
    await mcp.connect(serverTransport);
    httpServer = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => void serverTransport.handleRequest(req, res, chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : undefined));
    });
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/mcp`;
  });
  after(async () => {
    await mcp.close();
    httpServer.closeAllConnections();
    await new Promise((resolve) => httpServer.close(resolve));
  });

  it('delivers a notification sent outside any call, and again after the server drops the stream (re-opened from its last id)', async () => {
    const { transport, events } = transportTo(url);
    const client = await sdkClient(transport);
    let changed = 0;
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => void changed++);
    assert.ok(await eventually(() => transport.standaloneStreaming), 'the GET stream is open');
    await mcp.server.sendToolListChanged();
    assert.ok(await eventually(() => changed === 1), 'delivered on the GET stream');
    serverTransport.closeStandaloneSSEStream();
    assert.ok(await eventually(() => !transport.standaloneStreaming), 'dropped');
    await mcp.server.sendToolListChanged(); // sent while the stream is down: stored, replayed on re-open
    assert.ok(await eventually(() => changed === 2), 'replayed after the re-open');
    assert.deepEqual(events, ['reopened']);
    assert.ok(await eventually(() => transport.standaloneStreaming), 'open again');
    await client.close();
    assert.equal(transport.standaloneStreaming, false, 'closed with the transport');
  });
});

describe('resumption against a scripted server', { timeout: 30_000 }, () => {
  let server: ScriptedServer;
  before(async () => {
    server = await ScriptedServer.start();
  });
  after(() => server.close());

  it('a stream resumed again and again without a new event is stream-lost, after a bounded number of GETs', async () => {
    server.handler = mcpHandshake((_body, req, res) => {
      if (req.method === 'GET' && req.headers['last-event-id'] === undefined) return void res.writeHead(405).end();
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(req.method === 'POST' ? 'id: e1\nretry: 5\ndata: \n\n' : ': nothing new\n\n');
    });
    const { transport, events } = transportTo(server.url);
    const client = await sdkClient(transport);
    await assert.rejects(client.ping(), (e) => keyOf(e) === 'transport:stream-lost');
    const resumes = server.received.filter((r) => r.method === 'GET' && r.headers['last-event-id'] === 'e1');
    assert.equal(resumes.length, 3);
    assert.deepEqual(events, ['resumed', 'resumed', 'resumed']);
    assert.ok(resumes.every((r) => r.headers['mcp-protocol-version'] !== undefined && r.headers['mcp-session-id'] === 'sess-1'));
    await client.close();
  });

  it("a call's timeout bounds a resumption the server never answers, and frees the waiting exchange", async () => {
    server.handler = mcpHandshake((_body, req, res) => {
      if (req.method === 'GET' && req.headers['last-event-id'] === undefined) return void res.writeHead(405).end();
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end('id: e1\nretry: 60000\ndata: \n\n'); // resume due in a minute
    });
    const { transport } = transportTo(server.url);
    const client = await sdkClient(transport);
    await assert.rejects(client.ping({ timeout: 200 }), /timed out/i);
    assert.equal((transport as unknown as { requests: Map<unknown, unknown> }).requests.size, 0, 'the cancelled exchange is released');
    await client.close();
  });
});
