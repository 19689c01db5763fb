import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ServerLog } from '../../../src/client/transports/server-log.js';
import { runPlan } from '../../../src/runner/run.js';
import { preloadDataFiles, resolveScenario } from '../../../src/scenario/index.js';
import { tempDir } from '../cli/helpers.js';
import { startHttpServer, type HttpServerHandle } from '../../../src/server/http.js';
import { summarize } from '../../../src/summary/summarize.js';
import { systemClock } from '../../../src/time/clock.js';
import { checkForLeaks } from '../leak-check.js';

checkForLeaks();

const ENVIRONMENT = { node: process.version, platform: 'test', arch: 'test', osRelease: '', cpus: { count: 1, model: '' }, memoryBytes: 0 };
const serverOptions = { host: '127.0.0.1', port: 0, latencyUs: 0, jitterUs: 0, failRate: 0, seed: 1 } as const;

async function run(scenario: Record<string, unknown>, baseDir = '/') {
  const data = await preloadDataFiles(scenario, baseDir);
  const resolved = resolveScenario(scenario, { file: null, env: { ACME_TOKEN: 'acme-token-1', GLOBEX_TOKEN: 'globex-token-2' }, baseDir, data });
  assert.ok(resolved.ok, JSON.stringify(!resolved.ok && resolved.issues));
  const deps = { clock: systemClock, serverLog: new ServerLog(null), stopSignal: new AbortController().signal, now: () => new Date() };
  return summarize(await runPlan(resolved.plan, deps), ENVIRONMENT, '0.0.0-test');
}

describe('tenants and routes against the reference server over HTTP on 127.0.0.1', { timeout: 60_000 }, () => {
  let a: HttpServerHandle;
  let b: HttpServerHandle;
  before(async () => {
    a = await startHttpServer(serverOptions);
    b = await startHttpServer(serverOptions);
  });
  after(async () => {
    await a.close();
    await b.close();
  });

  it("two tenants with their own headers and caches: B's first call of each request is a miss, and the server gets each request once per tenant", async () => {
    a.resetCounts();
    const summary = await run({
      name: 'tenants-it',
      target: { http: { url: a.url } },
      client: { cache: { tools: ['lookup'], ttl: '1h' } },
      tenants: [
        { name: 'acme', weight: 1, headers: { Authorization: 'Bearer ${ACME_TOKEN}' } },
        { name: 'globex', weight: 1, headers: { Authorization: 'Bearer ${GLOBEX_TOKEN}' } },
      ],
      workloads: [
        {
          name: 'lookups',
          type: 'sequential',
          iterations: 60,
          operations: [{ name: 'one', tool: 'lookup', args: { id: 1 } }, { name: 'two', tool: 'lookup', args: { id: 2 } }],
        },
      ],
    });
    const workload = summary.workloads[0]!;
    assert.equal(workload.status, 'completed');
    assert.equal(workload.total.count, 60);
    const tenants = workload.tenants!;
    assert.deepEqual(tenants.map((t) => t.name), ['acme', 'globex']);
    assert.equal(tenants[0]!.total.count + tenants[1]!.total.count, 60, "every call is in one tenant's rows");
    for (const tenant of tenants) {
      for (const op of tenant.operations) {
        assert.ok(op.count > 0, `${tenant.name} ${op.name} was drawn`);
        // Its own cache: its first call of the request missed, whatever the other tenant had cached already.
        assert.equal(op.client?.cache?.misses, 1, `${tenant.name} ${op.name}`);
        assert.equal(op.client?.cache?.hits, op.count - 1);
      }
    }
    // The server received each request once per tenant: two caches, never one shared.
    assert.equal(a.counts().tools['lookup'], 4);
    assert.doesNotMatch(JSON.stringify(summary), /acme-token-1|globex-token-2/);
  });

  it("routes: each group's server receives only its group's tools", async () => {
    a.resetCounts();
    b.resetCounts();
    const summary = await run({
      name: 'routes-it',
      target: { http: { url: a.url } },
      client: { groups: { compute: [{ http: { url: a.url } }], storage: { endpoints: [{ http: { url: b.url } }], timeout: '5s' } } },
      workloads: [
        {
          name: 'mixed',
          type: 'concurrent',
          concurrency: 2,
          iterations: 40,
          operations: [
            { tool: 'echo', args: { message: 'hi' }, route: 'compute' },
            { tool: 'store_put', args: { value: 'v' }, route: 'storage' },
          ],
        },
      ],
    });
    assert.equal(summary.workloads[0]!.status, 'completed');
    const [echo, put] = summary.workloads[0]!.operations;
    assert.ok(echo!.count > 0 && put!.count > 0);
    assert.deepEqual(a.counts().tools, { echo: echo!.count });
    assert.deepEqual(b.counts().tools, { store_put: put!.count });
  });

  it("a data file per tenant: each tenant's server gets one distinct row per call of that tenant, and the report lists each file", async () => {
    a.resetCounts();
    b.resetCounts();
    const dir = await tempDir();
    await writeFile(path.join(dir, 'acme.csv'), ['id', ...Array.from({ length: 100 }, (_, i) => 1000 + i)].join('\n'));
    await writeFile(path.join(dir, 'globex.jsonl'), Array.from({ length: 100 }, (_, i) => JSON.stringify({ id: 2000 + i })).join('\n'));
    const summary = await run(
      {
        name: 'tenant-data-it',
        target: { http: { url: a.url } },
        client: { groups: { east: [{ http: { url: a.url } }], west: [{ http: { url: b.url } }] } },
        tenants: [
          { name: 'acme', route: 'east', data: { file: 'acme.csv' } },
          { name: 'globex', route: 'west', data: { file: 'globex.jsonl' } },
        ],
        workloads: [{ name: 'lookups', type: 'sequential', iterations: 60, operations: [{ tool: 'lookup', args: { id: '{{row.id}}' } }] }],
      },
      dir,
    );
    const workload = summary.workloads[0]!;
    assert.equal(workload.status, 'completed');
    const [acme, globex] = workload.tenants!.map((tenant) => tenant.total.count);
    assert.ok(acme! > 0 && globex! > 0);
    // Sequential order over 100 rows, 60 calls: no row twice, so each tenant's rows used are its calls.
    assert.deepEqual(workload.data, [
      { file: 'acme.csv', tenant: 'acme', order: 'sequential', exhausted: 'stop', rows: 100, calls: acme, rowsUsed: acme, stoppedEarly: false },
      { file: 'globex.jsonl', tenant: 'globex', order: 'sequential', exhausted: 'stop', rows: 100, calls: globex, rowsUsed: globex, stoppedEarly: false },
    ]);
    assert.equal(a.counts().distinctArguments['lookup'], acme);
    assert.equal(b.counts().distinctArguments['lookup'], globex);
    assert.doesNotMatch(JSON.stringify(summary), /"id":1000|"id":2000/, 'no row in the report');
  });
});
