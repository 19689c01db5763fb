import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { createClient, McpBenchCallError } from '../../../src/index.js';
import type { ClientEvent } from '../../../src/client/events.js';
import { startHttpServer, type HttpServerHandle } from '../../../src/server/http.js';
import { checkForLeaks } from '../leak-check.js';

checkForLeaks();

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

describe('createClient (the library API) against the reference server on 127.0.0.1', { timeout: 60_000 }, () => {
  let server: HttpServerHandle;
  before(async () => {
    server = await startHttpServer({ host: '127.0.0.1', port: 0, latencyUs: 0, jitterUs: 0, failRate: 0, seed: 3 });
  });
  after(() => server.close());

  it('calls through the stack: results, cache hits, and every method', async () => {
    server.resetCounts();
    const client = await createClient({ target: { http: { url: server.url } }, cache: { ttl: '1m', tools: ['echo'] }, timeout: '2s' });
    const first = await client.callTool('echo', { message: 'hi' });
    const second = await client.callTool('echo', { message: 'hi' });
    assert.deepEqual(second, first);
    assert.equal(server.counts().tools['echo'], 1, 'the second call was answered by the cache');
    assert.equal((await client.readResource('bench://static/small')).contents.length, 1);
    assert.match(JSON.stringify(await client.getPrompt('greeting', { name: 'Ada' })), /Ada/);
    assert.ok((await client.listTools()).tools.some((tool) => tool.name === 'echo'));
    await client.ping();
    const failed = await client.callTool('fail');
    assert.equal(failed.isError, true, 'a tool error is a result, as in the SDK');
    const stats = client.stats();
    assert.equal(stats.calls, 7);
    assert.deepEqual(stats.outcomes, { ok: 6, 'tool-error': 1 });
    assert.equal(stats.layers['cache']?.['hits'], 1);
    await client.close();
  });

  it('cache.warm: the calls are made when the client is created, so the first call is a hit; figures per tool', async () => {
    server.resetCounts();
    const client = await createClient({ target: { http: { url: server.url } }, cache: { ttl: '1m', tools: ['echo'], warm: [{ tool: 'echo', args: { message: 'hi' } }] } });
    assert.equal(server.counts().tools['echo'], 1, 'warmed when created');
    await client.callTool('echo', { message: 'hi' });
    assert.equal(server.counts().tools['echo'], 1, 'the first call was answered by the cache');
    const stats = client.stats();
    assert.deepEqual([stats.layers['cache']?.['hits'], stats.layers['cache']?.['misses'], stats.layers['cache']?.['warmed']], [1, 0, 1]);
    assert.deepEqual(stats.perKey?.['cache']?.map((row) => [row.name, row.counters['entries'], row.counters['hits']]), [['tools/call echo', 1, 1]]);
    await client.close();
  });

  it('retries with events, and throws a typed error when a call gets no answer', async () => {
    const client = await createClient({
      target: { http: { url: server.url } },
      retry: { attempts: 3, base: '1ms', max: '2ms', on: ['tool-error'] },
      timeout: '50ms',
    });
    const events: ClientEvent[] = [];
    client.on('retry', (event) => events.push(event));
    const result = await client.callTool('fail');
    assert.equal(result.isError, true);
    assert.deepEqual(events.map((e) => e.type === 'retry' && [e.attempt, e.cause]), [[2, 'tool-error'], [3, 'tool-error']]);
    const error = await client.callTool('sleep', { ms: 2_000 }).then(() => null, (e: unknown) => e);
    assert.ok(error instanceof McpBenchCallError);
    assert.equal(error.code, 'timeout');
    await client.close();
  });

  it('bad options throw one error listing every problem; caching a non-read-only tool needs force', async () => {
    await assert.rejects(
      createClient({ target: { http: { url: server.url } }, retry: { attempts: 0 }, rateLimit: { rate: 'fast' } }),
      (error: Error) => /retry\.attempts/.test(error.message) && /rateLimit\.rate/.test(error.message),
    );
    await assert.rejects(createClient({ cache: { tools: ['echo'] } }), /give a target/);
    await assert.rejects(createClient({ target: { http: { url: server.url } }, cache: { tools: ['stats'] } }), /force: true/);
    const forced = await createClient({ target: { http: { url: server.url } }, cache: { tools: ['stats'], force: true } });
    await forced.close();
  });

  it('the README example runs against the built package (dist/, built by npm install)', async () => {
    const output = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, [path.join(REPO, 'examples/library-client.mjs')], { cwd: REPO, timeout: 30_000 }, (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
      ),
    );
    assert.match(output, /echo Paris → Paris/);
    assert.match(output, /calls: 5/);
    assert.match(output, /cache: \{"hits":2/);
  });
});

describe('runScenario (the library run) as the README shows it', { timeout: 60_000 }, () => {
  it('examples/library-run.mjs loads a shipped scenario, runs its variants, and compares them', async () => {
    const output = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, [path.join(REPO, 'examples/library-run.mjs')], { cwd: REPO, timeout: 45_000 }, (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
      ),
    );
    assert.match(output, /^compare-cache · Streamable HTTP: http:\/\/127\.0\.0\.1:\d+\/mcp · 5 rounds$/m);
    assert.match(output, /^no-cache: 2000 calls, p50 [\d.]+ ms$/m);
    assert.match(output, /^cache: 2000 calls, p50 [\d.]+ ms$/m);
    const ratio = Number(/cache vs no-cache: p50 × ([\d.e-]+)/.exec(output)?.[1]);
    assert.ok(ratio > 0 && ratio < 0.5, `the cache answers most calls without the server: p50 × ${ratio}`);
    assert.match(output, /^gate: passed$/m);
  });
});
