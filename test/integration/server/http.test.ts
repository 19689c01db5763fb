import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Counts } from '../../../src/server/counter.js';
import { startHttpServer, type HttpServerHandle } from '../../../src/server/http.js';

const OPTIONS = { latencyUs: 0, jitterUs: 0, failRate: 0, seed: 1, host: '127.0.0.1', port: 0 };
const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
};

function statsOf(result: unknown): Counts {
  const content = (result as CallToolResult).content[0];
  assert.ok(content?.type === 'text');
  return JSON.parse(content.text) as Counts;
}

/** Three echoes, a ping and a resource read, then the server's stats. */
async function exercise(client: Client): Promise<Counts> {
  for (let i = 0; i < 3; i += 1) {
    const result = await client.callTool({ name: 'echo', arguments: { message: `hi ${i}` } });
    assert.deepEqual(result.content, [{ type: 'text', text: `hi ${i}` }]);
  }
  await client.ping();
  await client.readResource({ uri: 'bench://static/large' });
  return statsOf(await client.callTool({ name: 'stats', arguments: { reset: true } }));
}

function postInitialize(url: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: JSON.stringify(INITIALIZE),
  });
}

for (const jsonResponse of [false, true]) {
  describe(`Streamable HTTP, ${jsonResponse ? 'JSON' : 'SSE'} responses`, () => {
    let server: HttpServerHandle;
    before(async () => {
      server = await startHttpServer({ ...OPTIONS, jsonResponse });
    });
    after(() => server.close());

    test('answers, counts, and ends the session on DELETE', async () => {
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
      const transport = new StreamableHTTPClientTransport(new URL(server.url));
      const client = new Client({ name: 'http-test', version: '0.0.0' });
      await client.connect(transport);
      const counts = await exercise(client);
      assert.equal(counts.requests['tools/call'], 4);
      assert.equal(counts.requests['ping'], 1);
      assert.equal(counts.requests['initialize'], 1);
      assert.deepEqual(counts.tools, { echo: 3, stats: 1 });
      assert.deepEqual(counts.resources, { 'bench://static/large': 1 });
      assert.equal(server.sessionCount().streamable, 1);
      await transport.terminateSession();
      await client.close();
      assert.equal(server.sessionCount().streamable, 0);
      assert.equal(server.counts().requests['DELETE'], undefined, 'DELETE is HTTP, not a JSON-RPC message');
    });

    test(`answers POSTs with ${jsonResponse ? 'application/json' : 'text/event-stream'}`, async () => {
      const response = await postInitialize(server.url);
      assert.equal(response.status, 200);
      const expected = jsonResponse ? 'application/json' : 'text/event-stream';
      assert.ok(response.headers.get('content-type')?.startsWith(expected));
      await response.text();
      const sessionId = response.headers.get('mcp-session-id');
      assert.ok(sessionId);
      const deleted = await fetch(server.url, { method: 'DELETE', headers: { 'mcp-session-id': sessionId } });
      assert.equal(deleted.status, 200);
      await deleted.text();
    });
  });
}

describe('HTTP server', () => {
  let server: HttpServerHandle;
  before(async () => {
    server = await startHttpServer(OPTIONS);
  });
  after(() => server.close());

  test('legacy SSE at /sse answers and counts into the same counter', async () => {
    assert.equal(server.sseUrl, server.url.replace(/\/mcp$/, '/sse'));
    const client = new Client({ name: 'sse-test', version: '0.0.0' });
    await client.connect(new SSEClientTransport(new URL(server.sseUrl)));
    const counts = await exercise(client);
    assert.deepEqual(counts.tools, { echo: 3, stats: 1 });
    assert.equal(server.sessionCount().sse, 1);
    await client.close();
  });

  test('counts are shared by all sessions of all transports', async () => {
    server.resetCounts();
    const viaSse = new Client({ name: 'a', version: '0' });
    await viaSse.connect(new SSEClientTransport(new URL(server.sseUrl)));
    const viaStreamable = new Client({ name: 'b', version: '0' });
    await viaStreamable.connect(new StreamableHTTPClientTransport(new URL(server.url)));
    await viaSse.ping();
    await viaStreamable.ping();
    assert.equal(server.counts().requests['initialize'], 2);
    assert.equal(server.counts().requests['ping'], 2);
    await Promise.all([viaSse.close(), viaStreamable.close()]);
  });

  test('unknown paths and methods get JSON errors', async () => {
    const base = server.url.replace(/\/mcp$/, '');
    const missing = await fetch(`${base}/nope`);
    assert.equal(missing.status, 404);
    assert.match(((await missing.json()) as { error: string }).error, /not found/);
    const wrongMethod = await fetch(`${base}/sse`, { method: 'PUT' });
    assert.equal(wrongMethod.status, 405);
    await wrongMethod.text();
  });

  test('Streamable HTTP rejects bad requests before they reach a session', async () => {
    const post = (body: string, headers: Record<string, string> = {}): Promise<Response> =>
      fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
        body,
      });
    const notJson = await post('{oops');
    assert.equal(notJson.status, 400);
    assert.equal(((await notJson.json()) as { error: { code: number } }).error.code, -32700);
    const noSession = await post(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }));
    assert.equal(noSession.status, 400);
    await noSession.text();
    const unknownSession = await post(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }), {
      'mcp-session-id': 'no-such-session',
    });
    assert.equal(unknownSession.status, 404);
    await unknownSession.text();
    const tooLarge = await post(JSON.stringify({ pad: 'x'.repeat(5 * 1024 * 1024) }));
    assert.equal(tooLarge.status, 413);
    await tooLarge.text();
  });

  test('POST /messages for an unknown SSE session is a 404', async () => {
    const response = await fetch(server.url.replace(/\/mcp$/, '/messages?sessionId=nope'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
    });
    assert.equal(response.status, 404);
    await response.text();
  });
});

test('close() ends open sessions of both transports and stops listening', async () => {
  const server = await startHttpServer(OPTIONS);
  const streamable = new Client({ name: 'left-open', version: '0' });
  await streamable.connect(new StreamableHTTPClientTransport(new URL(server.url)));
  const sse = new Client({ name: 'left-open-sse', version: '0' });
  await sse.connect(new SSEClientTransport(new URL(server.sseUrl)));
  assert.deepEqual(server.sessionCount(), { streamable: 1, sse: 1 });
  await server.close();
  await server.close();
  assert.deepEqual(server.sessionCount(), { streamable: 0, sse: 0 });
  await Promise.all([streamable.close(), sse.close()]);
  await assert.rejects(fetch(server.url, { method: 'POST', body: '{}' }));
});
