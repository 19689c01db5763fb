import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { EmptyResultSchema, McpError } from '@modelcontextprotocol/sdk/types.js';
import { connect, CONNECT_INTERRUPTED, ConnectError } from '../../../src/client/connect.js';
import { HttpStatusError } from '../../../src/client/transports/http-errors.js';
import { NodeHttpClientTransport } from '../../../src/client/transports/node-http.js';
import { ServerLog } from '../../../src/client/transports/server-log.js';
import { TRANSPORT_FAILURE_CODE, transportFailureOf } from '../../../src/client/transports/transport-failure.js';
import { systemClock } from '../../../src/time/clock.js';
import { eventually, heldBySdk, keyOf, mcpHandshake, ScriptedServer, sdkClient } from './scripted-server.js';

/**
 * The SDK's Client over our Streamable HTTP transport, against scripted misbehaving servers: failed calls fail at
 * once with their transport code, and leave nothing behind in the SDK.
 */
let server: ScriptedServer;
before(async () => {
  server = await ScriptedServer.start();
});
after(() => server.close());

const ping = { method: 'ping' } as const;

async function failedCall(client: Awaited<ReturnType<typeof sdkClient>>, timeout = 10_000): Promise<{ error: unknown; ms: number }> {
  const started = performance.now();
  const error = await client.request(ping, EmptyResultSchema, { timeout }).then(() => null, (e: unknown) => e);
  return { error, ms: performance.now() - started };
}

describe('the SDK Client over NodeHttpClientTransport', { timeout: 60_000 }, () => {
  it('a 503 storm leaves no response handler behind, and every failure keeps its status and Retry-After', async () => {
    server.handler = mcpHandshake((_b, _q, res) => void res.writeHead(503, { 'retry-after': '1' }).end('busy'));
    const client = await sdkClient(new NodeHttpClientTransport({ url: server.url, headers: {} }));
    const calls = 500;
    const errors = await Promise.all(Array.from({ length: calls }, () => failedCall(client)));
    for (const { error } of errors) {
      assert.ok(error instanceof McpError && error.code === TRANSPORT_FAILURE_CODE, String(error));
      assert.equal(keyOf(error), 'transport:http-503');
      const failure = transportFailureOf(error);
      assert.ok(failure instanceof HttpStatusError && failure.retryAfterSeconds === 1);
    }
    assert.deepEqual(heldBySdk(client), { handlers: 0, timeouts: 0, progress: 0 }, `after ${calls} failed calls`);
    await client.close();
  });

  it('an answer with our id but neither result nor error fails the call at once, not at its timeout', async () => {
    for (const answer of ['{"jsonrpc":"2.0","id":ID}', '{"jsonrpc":"2.0","id":ID,"result":5}', '"hello"']) {
      server.handler = mcpHandshake((body, _q, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end(answer.replace('ID', String(body.id))));
      const client = await sdkClient(new NodeHttpClientTransport({ url: server.url, headers: {} }));
      const { error, ms } = await failedCall(client, 5000);
      assert.equal(keyOf(error), 'transport:bad-response', answer);
      assert.ok(ms < 2000, `failed after ${Math.round(ms)} ms`);
      assert.deepEqual(heldBySdk(client), { handlers: 0, timeouts: 0, progress: 0 });
      await client.close();
    }
  });

  it('202 to a request fails the call at once as bad-response', async () => {
    server.handler = mcpHandshake((_b, _q, res) => void res.writeHead(202).end());
    const client = await sdkClient(new NodeHttpClientTransport({ url: server.url, headers: {} }));
    const { error, ms } = await failedCall(client, 5000);
    assert.equal(keyOf(error), 'transport:bad-response');
    assert.ok(ms < 2000, `failed after ${Math.round(ms)} ms`);
    await client.close();
  });

  it("a server's own error with the reserved code is not mistaken for a transport failure", async () => {
    server.handler = mcpHandshake((body, _q, res) => {
      const error = { code: TRANSPORT_FAILURE_CODE, message: 'mine', data: { status: 503 } };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', id: body.id, error }));
    });
    const client = await sdkClient(new NodeHttpClientTransport({ url: server.url, headers: {} }));
    const { error } = await failedCall(client);
    assert.equal(transportFailureOf(error), null);
    assert.equal(keyOf(error), `rpc-error:${TRANSPORT_FAILURE_CODE}`);
    await client.close();
  });
});

describe('connect() against a scripted server', { timeout: 30_000 }, () => {
  const target = () => ({ kind: 'http' as const, url: server.url, headers: {} });

  it('a server that never answers the initialized notification fails connect() at its deadline, and is let go', { timeout: 10_000 }, async () => {
    server.handler = mcpHandshake(() => undefined);
    const handshake = server.handler;
    server.handler = (body, req, res) => {
      if (body.method === 'notifications/initialized') return; // never answered
      handshake(body, req, res);
    };
    const started = performance.now();
    const error = await connect(target(), new ServerLog(), systemClock, {}, 400).then(() => null, (e: unknown) => e);
    assert.ok(error instanceof ConnectError, String(error));
    assert.equal(error.code, 'timeout');
    assert.ok(performance.now() - started < 3000, `took ${Math.round(performance.now() - started)} ms`);
    assert.ok(await eventually(() => server.openSockets === 0), 'every socket to the server was closed');
  });

  it('a server that accepts but never answers initialize fails connect() at its deadline', { timeout: 10_000 }, async () => {
    server.handler = () => undefined;
    const error = await connect(target(), new ServerLog(), systemClock, {}, 300).then(() => null, (e: unknown) => e);
    assert.ok(error instanceof ConnectError);
    assert.equal(error.code, 'timeout');
    assert.ok(await eventually(() => server.openSockets === 0));
  });

  it('an interrupt (the stop signal) during initialize ends connect() at once, and lets the server go', { timeout: 10_000 }, async () => {
    server.handler = () => undefined; // never answers initialize
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 200);
    const started = performance.now();
    const error = await connect(target(), new ServerLog(), systemClock, {}, 30_000, stop.signal).then(() => null, (e: unknown) => e);
    assert.ok(error instanceof ConnectError, String(error));
    assert.equal(error.code, CONNECT_INTERRUPTED);
    assert.ok(performance.now() - started < 3000, `took ${Math.round(performance.now() - started)} ms, not the 30 s deadline`);
    assert.ok(await eventually(() => server.openSockets === 0), 'every socket to the server was closed');
    const already = await connect(target(), new ServerLog(), systemClock, {}, 30_000, stop.signal).then(() => null, (e: unknown) => e);
    assert.equal((already as ConnectError).code, CONNECT_INTERRUPTED, 'a signal aborted already: nothing is opened');
  });

  it('an HTTP status on initialize is the connect failure code, with its message', async () => {
    server.handler = (_b, _q, res) => void res.writeHead(401).end('who are you');
    const error = await connect(target(), new ServerLog(), systemClock).then(() => null, (e: unknown) => e);
    assert.ok(error instanceof ConnectError);
    assert.equal(error.code, 'auth:unauthorized');
    assert.match(error.message, /could not connect to the target: HTTP 401: who are you/);
  });
});
