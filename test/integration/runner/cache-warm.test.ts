import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ServerLog } from '../../../src/client/transports/server-log.js';
import { runPlan } from '../../../src/runner/run.js';
import { resolveScenario } from '../../../src/scenario/index.js';
import { startHttpServer, type HttpServerHandle } from '../../../src/server/http.js';
import { summarize } from '../../../src/summary/summarize.js';
import { systemClock } from '../../../src/time/clock.js';
import { checkForLeaks } from '../leak-check.js';

checkForLeaks();

const ENVIRONMENT = { node: process.version, platform: 'test', arch: 'test', osRelease: '', cpus: { count: 1, model: '' }, memoryBytes: 0 };
const serverOptions = { host: '127.0.0.1', port: 0, latencyUs: 0, jitterUs: 0, failRate: 0, seed: 1 } as const;

async function run(scenario: Record<string, unknown>) {
  const resolved = resolveScenario(scenario, { file: null, env: {}, baseDir: '/' });
  assert.ok(resolved.ok, JSON.stringify(!resolved.ok && resolved.issues));
  const deps = { clock: systemClock, serverLog: new ServerLog(null), stopSignal: new AbortController().signal, now: () => new Date() };
  return summarize(await runPlan(resolved.plan, deps), ENVIRONMENT, '0.0.0-test');
}

/** What the cache stores for a call: its result's JSON length, read here with the official SDK client on its own. */
async function resultBytes(url: string, calls: readonly { id: number }[]): Promise<number> {
  const client = new Client({ name: 'truth', version: '0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  try {
    let total = 0;
    for (const args of calls) total += JSON.stringify(await client.callTool({ name: 'lookup', arguments: args })).length;
    return total;
  } finally {
    await client.close();
  }
}

describe('cache warming against the reference server over HTTP on 127.0.0.1', { timeout: 60_000 }, () => {
  let server: HttpServerHandle;
  before(async () => {
    server = await startHttpServer(serverOptions);
  });
  after(async () => {
    await server.close();
  });

  it('warm calls are the only calls the server gets; every measured call, the first too, is a hit; per-tool entries and bytes are what was stored', async () => {
    const stored = await resultBytes(server.url, [{ id: 1 }, { id: 2 }]);
    server.resetCounts();
    const summary = await run({
      name: 'warm-it',
      target: { http: { url: server.url } },
      client: { cache: { tools: ['lookup'], ttl: '1h', warm: [{ tool: 'lookup', args: { id: 1 } }, { tool: 'lookup', args: { id: 2 } }, { tool: 'lookup', args: { id: -1 } }] } },
      workloads: [
        {
          name: 'lookups',
          type: 'sequential',
          iterations: 30,
          operations: [{ name: 'one', tool: 'lookup', args: { id: 1 } }, { name: 'two', tool: 'lookup', args: { id: 2 } }],
        },
      ],
    });
    const workload = summary.workloads[0]!;
    assert.equal(workload.status, 'completed');
    assert.equal(workload.total.count, 30);
    for (const op of workload.operations) {
      assert.ok(op.count > 0, `${op.name} was drawn`);
      assert.deepEqual([op.client?.cache?.hits, op.client?.cache?.misses], [op.count, 0], `${op.name}: no miss, not even the first call`);
    }
    // The server received the three warm calls and nothing else: the measured calls were all answered by the cache.
    assert.equal(server.counts().tools['lookup'], 3);
    assert.equal(workload.setupCalls['tools/call'], 3);
    const [lookup, ...others] = workload.client!.perKey!['cache']!;
    assert.equal(others.length, 0);
    assert.equal(lookup!.name, 'tools/call lookup');
    assert.deepEqual(lookup!.counters, { hits: 30, misses: 0, stores: 2, evictions: 0, expirations: 0, entries: 2, bytes: stored, hitRatio: 1, warmed: 2, warmFailed: 1 });
    assert.equal(workload.client!.layers['cache']!['bytes'], stored);
    assert.equal(summary.warnings.filter((w) => w.startsWith('client.cache.warm[')).length, 1);
    assert.match(summary.warnings.find((w) => w.startsWith('client.cache.warm['))!, /^client\.cache\.warm\[2\] \(tools\/call lookup\) failed \((tool-error|rpc-error:-32602)\)/);
  });

  it("two tenants: each tenant's cache is warmed, so the server gets the warm calls once per tenant and no measured call", async () => {
    server.resetCounts();
    const summary = await run({
      name: 'warm-tenants-it',
      target: { http: { url: server.url } },
      client: { cache: { tools: ['lookup'], ttl: '1h', warm: [{ tool: 'lookup', args: { id: 7 } }] } },
      tenants: [
        { name: 'acme', weight: 1, headers: { 'X-Tenant': 'acme' } },
        { name: 'globex', weight: 1, headers: { 'X-Tenant': 'globex' } },
      ],
      workloads: [{ name: 'lookups', type: 'sequential', iterations: 20, operations: [{ tool: 'lookup', args: { id: 7 } }] }],
    });
    const workload = summary.workloads[0]!;
    assert.equal(workload.status, 'completed');
    assert.equal(server.counts().tools['lookup'], 2);
    assert.deepEqual([workload.operations[0]!.client?.cache?.hits, workload.operations[0]!.client?.cache?.misses], [20, 0]);
    const row = workload.client!.perKey!['cache']![0]!;
    assert.deepEqual([row.counters['entries'], row.counters['warmed'], row.counters['hits']], [2, 2, 20], 'two caches side by side: entries add');
  });
});
