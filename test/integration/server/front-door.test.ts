import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { seededRandom } from '../../../src/random/seeded.js';
import { startHttpServer, type HttpServerHandle, type HttpServerOptions } from '../../../src/server/http.js';
import { FakeClock } from '../../../src/time/fake-clock.js';
import { echo, INITIALIZE, json, openSession, ping, post, send } from './raw-http.js';

const BASE: HttpServerOptions = { latencyUs: 0, jitterUs: 0, failRate: 0, seed: 1, jsonResponse: true };

function withServer(options: Partial<HttpServerOptions>, clock = new FakeClock()): () => HttpServerHandle {
  let server: HttpServerHandle | undefined;
  before(async () => {
    server = await startHttpServer({ ...BASE, ...options, clock });
  });
  after(() => server?.close());
  return () => {
    assert.ok(server);
    return server;
  };
}

describe('rate limit (2/s) on a fake clock', () => {
  const clock = new FakeClock();
  const server = withServer({ rateLimitPerSec: 2 }, clock);

  test('tools/call past the burst gets 429 + Retry-After and never reaches the session', async () => {
    const { url } = server();
    const sessionId = await openSession(url);
    server().resetCounts();
    assert.equal((await post(url, echo(1), { sessionId })).status, 200);
    assert.equal((await post(url, echo(2), { sessionId })).status, 200);
    const limited = await post(url, echo(3), { sessionId });
    assert.equal(limited.status, 429);
    assert.equal(limited.headers['retry-after'], '1');
    const body = json(limited);
    assert.equal(body['id'], 3);
    assert.deepEqual((body['error'] as { data: unknown }).data, { status: 429, retryAfterMs: 500 });
    assert.match((body['error'] as { message: string }).message, /^Rate limit exceeded: 2 tools\/call per second/);
    assert.equal((await post(url, ping(4), { sessionId })).status, 200, 'only tools/call is limited');
    await clock.advanceUs(500_000);
    const afterRefill = await post(url, echo(5), { sessionId });
    assert.equal(afterRefill.status, 200);
    assert.match(afterRefill.text, /"text":"m5"/);
    const counts = server().counts();
    assert.equal(counts.http.rateLimited, 1);
    assert.deepEqual(counts.tools, { echo: 3 }, 'the refused call was never counted as received');
    assert.equal(counts.requests['ping'], 1);
  });
});

describe('unavailableRate', () => {
  const always = withServer({ unavailableRate: 1 });
  const half = withServer({ unavailableRate: 0.5, seed: 99 });

  test('at 1, every POST but initialize and notifications gets 503 + Retry-After: 1', async () => {
    const { url } = always();
    const sessionId = await openSession(url);
    for (const message of [echo(1), ping(2)]) {
      const reply = await post(url, message, { sessionId });
      assert.equal(reply.status, 503);
      assert.equal(reply.headers['retry-after'], '1');
      assert.deepEqual((json(reply)['error'] as { data: unknown }).data, { status: 503, retryAfterMs: 1000 });
    }
    const legacy = await send(always().url.replace(/\/mcp$/, '/messages?sessionId=x'), 'POST', {
      'content-type': 'application/json',
    }, JSON.stringify(ping(3)));
    assert.equal(legacy.status, 503, 'legacy SSE POSTs pass the same front door');
    const counts = always().counts();
    assert.equal(counts.http.unavailable, 3);
    assert.deepEqual(counts.requests, { initialize: 1 });
    assert.deepEqual(counts.notifications, { 'notifications/initialized': 1 });
  });

  test('at 0.5 with seed 99, the 503s follow the seeded source, one draw per POST', async () => {
    const { url } = half();
    const sessionId = await openSession(url);
    const statuses: number[] = [];
    for (let i = 1; i <= 30; i += 1) statuses.push((await post(url, ping(i), { sessionId })).status);
    const reference = seededRandom(99, 'server');
    assert.deepEqual(statuses, statuses.map(() => (reference() < 0.5 ? 503 : 200)));
    assert.equal(half().counts().http.unavailable, statuses.filter((status) => status === 503).length);
    assert.equal(half().counts().requests['ping'], statuses.filter((status) => status === 200).length);
  });
});

describe('request body encodings', () => {
  const server = withServer({});

  test('gzip bodies are decoded and counted; other codings get 415', async () => {
    const { url } = server();
    const gzip = { 'content-encoding': 'gzip' };
    const opened = await post(url, gzipSync(JSON.stringify(INITIALIZE)), { headers: gzip });
    assert.equal(opened.status, 200);
    const sessionId = opened.headers['mcp-session-id'];
    assert.ok(typeof sessionId === 'string');
    const echoed = await post(url, gzipSync(JSON.stringify(echo(1, 'zipped'))), { sessionId, headers: gzip });
    assert.equal(echoed.status, 200);
    assert.match(echoed.text, /"text":"zipped"/);
    const brotli = await post(url, Buffer.from('whatever'), { sessionId, headers: { 'content-encoding': 'br' } });
    assert.equal(brotli.status, 415);
    assert.equal(brotli.headers['accept-encoding'], 'gzip, identity');
    assert.match((json(brotli)['error'] as { message: string }).message, /Unsupported Content-Encoding "br"/);
    const counts = server().counts();
    assert.equal(counts.http.gzipBodies, 2);
    assert.equal(counts.http.unsupportedEncoding, 1);
    assert.deepEqual(counts.tools, { echo: 1 });
  });

  test('the 4 MiB limit applies after decompression (a gzip bomb is a 413); corrupt gzip is a 400', async () => {
    const { url } = server();
    const bomb = gzipSync(JSON.stringify({ pad: ' '.repeat(5 * 1024 * 1024) }));
    assert.ok(bomb.length < 64 * 1024, 'the compressed body is small');
    const tooLarge = await post(url, bomb, { headers: { 'content-encoding': 'gzip' } });
    assert.equal(tooLarge.status, 413);
    const corrupt = await post(url, Buffer.from('not gzip at all'), { headers: { 'content-encoding': 'gzip' } });
    assert.equal(corrupt.status, 400);
    assert.match((json(corrupt)['error'] as { message: string }).message, /gzip body does not decompress/);
  });
});
