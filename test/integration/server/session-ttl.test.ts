import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { startHttpServer, type HttpServerHandle, type HttpServerOptions } from '../../../src/server/http.js';
import type { Clock } from '../../../src/time/clock.js';
import { FakeClock } from '../../../src/time/fake-clock.js';
import { json, openSession, ping, post, send } from './raw-http.js';

const BASE: HttpServerOptions = { latencyUs: 0, jitterUs: 0, failRate: 0, seed: 1, jsonResponse: true };
const TTL_US = 10_000_000;
const servers: HttpServerHandle[] = [];

async function start(clock: Clock, options: Partial<HttpServerOptions> = {}): Promise<HttpServerHandle> {
  const server = await startHttpServer({ ...BASE, sessionTtlUs: TTL_US, clock, ...options });
  servers.push(server);
  return server;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

test('a session lives exactly its TTL from creation, then answers 404 and is gone', async () => {
  const clock = new FakeClock();
  const server = await start(clock);
  const sessionId = await openSession(server.url);
  await clock.advanceUs(TTL_US - 1);
  assert.equal((await post(server.url, ping(1), { sessionId })).status, 200);
  assert.equal(server.sessionCount().streamable, 1);
  await clock.advanceUs(1);
  assert.equal(server.sessionCount().streamable, 0, 'closed and forgotten when the TTL runs out');
  const expired = await post(server.url, ping(2), { sessionId });
  assert.equal(expired.status, 404);
  assert.match((json(expired)['error'] as { message: string }).message, /^Session not found/);
  const get = await send(server.url, 'GET', { accept: 'text/event-stream', 'mcp-session-id': sessionId });
  assert.equal(get.status, 404, 'GET and DELETE naming it get 404 too');
  assert.equal((await send(server.url, 'DELETE', { 'mcp-session-id': sessionId })).status, 404);
  assert.deepEqual(server.counts().http, {
    rateLimited: 0,
    unavailable: 0,
    sessionNotFound: 3,
    sessionsExpired: 1,
    gzipBodies: 0,
    unsupportedEncoding: 0,
    gzipAnswers: 0,
    brAnswers: 0,
    deletes: 1,
    gets: 1,
    withoutProtocolVersion: 5, // this raw client sends none
    rebindingRefused: 0,
  });
  assert.equal(server.counts().requests['ping'], 1, 'the 404s never reached a session');
});

test('a client re-initializes after the 404 and gets a fresh session with a fresh TTL', async () => {
  const clock = new FakeClock();
  const server = await start(clock);
  const first = await openSession(server.url);
  await clock.advanceUs(TTL_US / 2);
  const second = await openSession(server.url);
  await clock.advanceUs(TTL_US / 2);
  assert.equal((await post(server.url, ping(1), { sessionId: first })).status, 404);
  assert.equal((await post(server.url, ping(2), { sessionId: second })).status, 200);
  const third = await openSession(server.url);
  assert.notEqual(third, first);
  assert.equal((await post(server.url, ping(3), { sessionId: third })).status, 200);
  assert.equal(server.counts().requests['initialize'], 3);
  assert.equal(server.counts().http.sessionsExpired, 1);
});

test('a request past the TTL finds the session expired even if the expiry wait has not fired yet', async () => {
  let nowUs = 0;
  const stalledClock: Clock = {
    nowUs: () => nowUs,
    sleepUs: (_us, signal) => new Promise((resolve) => signal?.addEventListener('abort', () => resolve())),
    sleepUntilUs: (_deadlineUs, signal) => new Promise((resolve) => signal?.addEventListener('abort', () => resolve())),
  };
  const server = await start(stalledClock);
  const sessionId = await openSession(server.url);
  nowUs += TTL_US;
  assert.equal(server.sessionCount().streamable, 1);
  assert.equal((await post(server.url, ping(1), { sessionId })).status, 404);
  assert.equal(server.sessionCount().streamable, 0);
  assert.equal(server.counts().http.sessionsExpired, 1);
});

test('legacy SSE sessions never expire', async () => {
  const clock = new FakeClock();
  const server = await start(clock, { jsonResponse: false });
  const client = new Client({ name: 'sse-ttl', version: '0' });
  await client.connect(new SSEClientTransport(new URL(server.sseUrl)));
  await clock.advanceUs(TTL_US * 3);
  await client.ping();
  assert.equal(server.sessionCount().sse, 1);
  assert.equal(server.counts().http.sessionsExpired, 0);
  await client.close();
});

test('on the real clock, a short TTL expires the session by itself', async () => {
  const server = await startHttpServer({ ...BASE, sessionTtlUs: 200_000 });
  servers.push(server);
  const sessionId = await openSession(server.url);
  for (let waited = 0; server.sessionCount().streamable > 0 && waited < 3_000; waited += 25) await delay(25);
  assert.equal(server.sessionCount().streamable, 0);
  assert.equal((await post(server.url, ping(1), { sessionId })).status, 404);
  assert.equal(server.counts().http.sessionsExpired, 1);
});
