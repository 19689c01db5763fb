import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { COUNTING_SERVER, REPO, runInProcess, scenario, tempDir, TSX } from './helpers.js';
import { checkForLeaks } from '../leak-check.js';

checkForLeaks();

describe('client layers in real runs', { timeout: 120_000 }, () => {
  it('scenarios/cached.yaml: the cache answers repeats in microseconds instead of ~5 ms', async () => {
    const dir = await tempDir();
    const { code, io, report } = await runInProcess(dir, ['run', path.join(REPO, 'scenarios/cached.yaml')]);
    assert.equal(code, 0, io.err());
    const [off, on] = report!.workloads;
    assert.equal(off!.operations[0]!.client, undefined, 'no client figures without layers');
    const cache = on!.operations.map((op) => op.client!.cache!);
    const hits = cache.reduce((n, c) => n + c.hits, 0);
    const misses = cache.reduce((n, c) => n + c.misses, 0);
    assert.equal(hits + misses, 800);
    // A key misses until its first answer is stored; with 8 calls in flight, two may miss the same key at once.
    assert.ok(misses <= 24, `a few misses per distinct argument at most: ${misses}`);
    assert.ok(hits / 800 >= 0.95, `hit ratio ${hits / 800}`);
    assert.ok(off!.total.latencyUs.p50 >= 5_000, `uncached p50 ${off!.total.latencyUs.p50}µs includes the 5 ms`);
    assert.ok(on!.total.latencyUs.p50 < 1_000, `cached p50 ${on!.total.latencyUs.p50}µs`);
    assert.ok(on!.total.throughputPerSec > 5 * off!.total.throughputPerSec);
    assert.equal(on!.client!.layers['cache']!['entries'], 8);
    assert.match(io.out(), /cache hits/);
  });

  it('scenarios/retrying.yaml: retries lift the success rate, at a measured amplification and latency cost', async () => {
    const dir = await tempDir();
    const { code, io, report } = await runInProcess(dir, ['run', path.join(REPO, 'scenarios/retrying.yaml')]);
    assert.equal(code, 0, io.err());
    const [none, retry, retry503] = report!.workloads;
    const okRate = (w: typeof none) => w!.total.ok / w!.total.count;
    assert.ok(okRate(none) > 0.7 && okRate(none) < 0.86, `without retries ${okRate(none)}`);
    assert.ok(okRate(retry) > 0.97, `with 3 attempts ${okRate(retry)}`);
    const echo = retry!.operations[0]!.client!.retry!;
    assert.ok(echo.successRateFirstAttempt < 0.86 && echo.successRate > 0.97, JSON.stringify(echo));
    assert.ok(echo.amplification > 1.1 && echo.amplification < 1.45, `amplification ${echo.amplification}`);
    assert.equal(echo.attempts, Object.entries(echo.attemptsPerCall).reduce((n, [k, v]) => n + Number(k) * v, 0));
    // A retried call made at least two attempts of the server's 2 ms each, and about a fifth of calls were retried, so
    // the p99 is a retried call's: at least 4 ms plus its backoff, whatever the machine's load adds to either run.
    assert.ok(retry!.total.latencyUs.p99 >= 4_000, `retried calls pay for their attempts and backoff in the tail: p99 ${retry!.total.latencyUs.p99}µs`);
    // 4 attempts at a 20% 503 rate: 0.2^4 = 0.16% of calls still fail, about 2 in 1,000.
    assert.ok(retry503!.total.ok >= 990, `ok after retrying 503s: ${retry503!.total.ok}`);
    assert.equal(retry503!.total.ok + (retry503!.total.errors['transport:http-503'] ?? 0), 1000);
    assert.ok(retry503!.operations[0]!.client!.retry!.amplification > 1.1);
  });

  it('a pooled run survives its stdio server being killed mid-run: reconnects, errors counted, run completes', async () => {
    const dir = await tempDir();
    const file = await scenario(dir, 'pooled.yaml', `
name: pooled
target:
  stdio:
    command: ${JSON.stringify(process.execPath)}
    args: ["--import", ${JSON.stringify(TSX)}, ${JSON.stringify(COUNTING_SERVER)}]
    env: { EXIT_AFTER_CALLS: "150" }
workloads:
  - name: pooled
    type: concurrent
    concurrency: 4
    iterations: 500
    client: { sessions: 2 }
    operations:
      - { tool: echo, args: { message: x } }
`);
    const { code, io, report } = await runInProcess(dir, ['run', file]);
    assert.equal(code, 0, io.err());
    const workload = report!.workloads[0]!;
    assert.equal(workload.status, 'completed');
    assert.equal(workload.total.count, 500);
    assert.ok((workload.total.errors['transport:closed'] ?? 0) >= 1, JSON.stringify(workload.total.errors));
    assert.equal(workload.total.ok + (workload.total.errors['transport:closed'] ?? 0), 500, 'a call is in exactly one outcome');
    assert.ok(Number(workload.client!.layers['pool']!['reconnects']) >= 1);
    assert.ok(workload.sessions.length >= 2);
    assert.match(io.out(), /reconnects/);
  });

  it('caching a tool the server does not annotate read-only is refused before measuring (exit 2)', async () => {
    const dir = await tempDir();
    const file = await scenario(dir, 'unsafe.yaml', `
name: unsafe
target:
  builtin: {}
client:
  cache: { tools: [stats] }
workloads:
  - { name: w, type: sequential, iterations: 5, operations: [ { tool: stats } ] }
`);
    const { code, io } = await runInProcess(dir, ['run', file]);
    assert.equal(code, 2);
    assert.match(io.err(), /client\.cache\.tools: the server does not annotate "stats" as read-only .*force: true/);
  });
});
