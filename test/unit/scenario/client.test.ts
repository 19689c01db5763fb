import { fixedPool } from '../../../src/client/pool/policy.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPlan, resolveScenario, type Plan, type TargetPlan } from '../../../src/scenario/index.js';
import { PLAIN_CLIENT, type ClientPolicies } from '../../../src/client/policies.js';
import { minimalScenario, scenarioFile } from './helpers.js';

const context = { file: null, env: {}, baseDir: '/srv/bench' };

function resolve(raw: unknown): Plan {
  const result = resolveScenario(raw, context);
  assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
  return result.plan;
}

/** A scenario with a top-level client block and workloads with their own blocks (undefined: none). */
function withClients(top: unknown, ...workloads: unknown[]): Record<string, unknown> {
  return {
    ...minimalScenario(),
    ...(top === undefined ? {} : { client: top }),
    workloads: workloads.map((client, index) => ({
      name: `w${index}`,
      type: 'sequential',
      iterations: 1,
      ...(client === undefined ? {} : { client }),
      operations: [{ method: 'ping' }],
    })),
  };
}

const clientsOf = (plan: Plan) => plan.workloads.map((workload) => workload.client);

const FULL_EXAMPLE = `name: full-client
target:
  builtin: {}
client:
  timeout: 5s
  retry: { attempts: 3, backoff: exponential, base: 100ms, max: 5s, multiplier: 2, jitter: full,
           on: [timeout, transport, rate-limited, unavailable], respectRetryAfter: true }
  cache: { ttl: 5m, maxEntries: 1000, maxBytes: 50MB, tools: [get_weather, search], readOnly: false, force: false,
           resources: true, prompts: [greeting] }
  dedup: { inFlight: true, window: 1m }
  breaker: { failures: 5, window: 10s, cooldown: 30s, halfOpenProbes: 1 }
  rateLimit: { rate: 200/s, burst: 50, queue: 10000 }
  concurrency: { max: 32, queue: 1000 }
  sessions: 4
  balance: round-robin
  endpoints:
    - { http: { url: "http://127.0.0.1:3001/mcp" } }
    - { http: { url: "http://127.0.0.1:3002/mcp" } }
  compression: gzip
workloads:
  - { name: w, type: sequential, iterations: 10, operations: [ { method: ping }, { tool: echo, timeout: 1s } ] }
`;

const FULL_POLICIES: ClientPolicies = {
  retry: {
    attempts: 3,
    backoff: 'exponential',
    baseUs: 100_000,
    maxUs: 5_000_000,
    multiplier: 2,
    jitter: 'full',
    on: ['timeout', 'transport', 'rate-limited', 'unavailable'],
    respectRetryAfter: true,
  },
  cache: {
    ttlUs: 300_000_000,
    maxEntries: 1000,
    maxBytes: 50_000_000,
    tools: ['get_weather', 'search'],
    readOnly: false,
    force: false,
    resources: true,
    prompts: ['greeting'],
    warm: [],
  },
  dedup: { inFlight: true, windowUs: 60_000_000, tools: [] },
  breaker: { failures: 5, windowUs: 10_000_000, cooldownUs: 30_000_000, halfOpenProbes: 1 },
  rateLimit: { perSecond: 200, burst: 50, queue: 10_000 },
  concurrency: { max: 32, queue: 1000 },
  sessions: 4,
  pool: fixedPool(4),
  reconnect: true,
  balance: 'round-robin',
  compression: { requests: 'gzip', answers: ['gzip', 'br'] },
  validateOutput: true,
};

test('the full client example resolves to exactly these policies, endpoints and timeouts', async () => {
  const result = await loadPlan(await scenarioFile('full-client.yaml', FULL_EXAMPLE), {});
  assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
  const [workload] = result.plan.workloads;
  assert.deepEqual(workload?.client, FULL_POLICIES);
  assert.deepEqual(workload?.endpoints, [
    { kind: 'http', url: 'http://127.0.0.1:3001/mcp', headers: {} },
    { kind: 'http', url: 'http://127.0.0.1:3002/mcp', headers: {} },
  ]);
  assert.deepEqual(workload?.operations.map((operation) => operation.timeoutUs), [5_000_000, 1_000_000]);
  assert.ok(Object.isFrozen(workload?.client.retry) && Object.isFrozen(workload?.endpoints));
});

test('no client block: every workload gets PLAIN_CLIENT and the scenario target as its one endpoint', () => {
  const plan = resolve(withClients(undefined, undefined, undefined));
  assert.deepEqual(clientsOf(plan), [PLAIN_CLIENT, PLAIN_CLIENT]);
  for (const workload of plan.workloads) {
    assert.deepEqual(workload.endpoints, [plan.target]);
    assert.equal(workload.endpoints[0], plan.target, 'the very same object, so a replaced target can be recognised');
  }
});

test('true switches a layer on with its defaults; false and null leave it off; an empty block reconnects only', () => {
  const plan = resolve(
    withClients({ retry: true, dedup: true, breaker: true, cache: false, concurrency: null }, undefined),
  );
  assert.deepEqual(plan.workloads[0]?.client, {
    ...PLAIN_CLIENT,
    reconnect: true,
    retry: FULL_POLICIES.retry,
    dedup: { inFlight: true, windowUs: 0, tools: [] },
    breaker: FULL_POLICIES.breaker,
  });
  assert.deepEqual(resolve(withClients({}, undefined)).workloads[0]?.client, { ...PLAIN_CLIENT, reconnect: true });
  assert.deepEqual(resolve(withClients({ reconnect: false }, undefined)).workloads[0]?.client, PLAIN_CLIENT);
});

test('defaults fill the fields a layer leaves out; burst defaults to a tenth of the rate, at least 1', () => {
  const plan = resolve(
    withClients(
      { cache: { tools: ['search'] }, rateLimit: { rate: '200/s' }, concurrency: { max: 8 } },
      { rateLimit: { rate: '30/m' } },
      { rateLimit: { rate: '1.5/s' } },
      undefined,
    ),
  );
  const top = plan.workloads[2]?.client;
  assert.deepEqual(top?.cache, { ...FULL_POLICIES.cache, tools: ['search'], resources: false, prompts: false });
  assert.deepEqual(top?.concurrency, { max: 8, queue: 1000 });
  assert.deepEqual(
    plan.workloads.map((workload) => workload.client.rateLimit),
    [
      { perSecond: 0.5, burst: 1, queue: 10_000 },
      { perSecond: 1.5, burst: 1, queue: 10_000 },
      { perSecond: 200, burst: 20, queue: 10_000 },
    ],
  );
  assert.deepEqual({ sessions: top?.sessions, balance: top?.balance, compression: top?.compression }, {
    sessions: 1,
    balance: 'round-robin',
    compression: null,
  });
});

test('a workload block is deep-merged over the top-level one', () => {
  const plan = resolve(
    withClients(
      { retry: { attempts: 5 }, cache: { tools: ['a', 'b'], ttl: '1m' }, sessions: 2, balance: 'fastest' },
      { retry: { base: '1s' }, cache: null },
      { cache: { tools: ['c'] }, sessions: 3 },
      undefined,
    ),
  );
  const [merged, replaced, inherited] = clientsOf(plan);
  assert.deepEqual(merged?.retry, { ...FULL_POLICIES.retry, attempts: 5, baseUs: 1_000_000 });
  assert.equal(merged?.cache, null);
  assert.equal(merged?.balance, 'fastest');
  assert.deepEqual(replaced?.cache?.tools, ['c'], 'lists replace, never append');
  assert.equal(replaced?.cache?.ttlUs, 60_000_000);
  assert.equal(replaced?.sessions, 3);
  assert.deepEqual(inherited?.retry, { ...FULL_POLICIES.retry, attempts: 5 });
  assert.equal(inherited?.sessions, 2);
});

test('a workload may switch on a layer the top level leaves off, or take the top-level one with true', () => {
  const plan = resolve(withClients({ retry: { attempts: 2 }, breaker: false }, { retry: true, breaker: true }, { breaker: { failures: 2 } }));
  const [first, second] = clientsOf(plan);
  assert.equal(first?.retry?.attempts, 2, 'true keeps the top-level settings');
  assert.deepEqual(first?.breaker, FULL_POLICIES.breaker);
  assert.deepEqual(second?.breaker, { ...FULL_POLICIES.breaker, failures: 2 });
});

test('client: null on a workload drops the whole top-level block, endpoints and timeout included', () => {
  const top = { retry: true, timeout: '2s', endpoints: [{ http: { url: 'http://127.0.0.1:1/mcp' } }] };
  const plan = resolve(withClients(top, null, { endpoints: null }, undefined));
  const [dropped, targetAgain, inherited] = plan.workloads;
  assert.deepEqual(dropped?.client, PLAIN_CLIENT);
  assert.deepEqual(dropped?.endpoints, [plan.target]);
  assert.equal(dropped?.operations[0]?.timeoutUs, 30_000_000);
  assert.deepEqual(targetAgain?.endpoints, [plan.target], 'endpoints: null goes back to the target');
  assert.ok(targetAgain?.client.retry);
  assert.deepEqual(inherited?.endpoints, [{ kind: 'http', url: 'http://127.0.0.1:1/mcp', headers: {} }]);
});

test('endpoints win over target, may be any kind, and a workload list replaces the top-level one', () => {
  const builtinHttp: TargetPlan = { kind: 'builtin', transport: 'http', server: { latencyUs: 0, jitterUs: 0, failRate: 0, seed: 1 } };
  const plan = resolve(
    withClients(
      { endpoints: [{ builtin: { transport: 'http' } }, { builtin: null }, { stdio: { command: 'node', cwd: 'srv' } }] },
      undefined,
      { endpoints: [{ sse: { url: 'http://127.0.0.1:2/sse' } }] },
    ),
  );
  assert.deepEqual(plan.workloads[0]?.endpoints, [
    builtinHttp,
    { ...builtinHttp, transport: 'stdio' },
    { kind: 'stdio', command: 'node', args: [], env: {}, cwd: '/srv/bench/srv' },
  ]);
  assert.deepEqual(plan.workloads[1]?.endpoints, [{ kind: 'sse', url: 'http://127.0.0.1:2/sse', headers: {} }]);
  assert.equal(plan.target.kind, 'builtin', 'the target stays as written');
});

test('timeout chain: operation, then effective client.timeout, then workload, then scenario, then 30s', () => {
  const workload = (name: string, extra: Record<string, unknown>) => ({
    name,
    type: 'sequential',
    iterations: 1,
    ...extra,
    operations: [{ method: 'ping', timeout: '100ms' }, { method: 'tools/list' }],
  });
  const timeouts = (raw: Record<string, unknown>) =>
    resolve(raw).workloads.map((plan) => plan.operations.map((operation) => operation.timeoutUs));
  const scenario = (extra: Record<string, unknown>, workloads: unknown[]) => ({ ...minimalScenario(), ...extra, workloads });
  assert.deepEqual(
    timeouts(
      scenario({ timeout: '9s', client: { timeout: '7s' } }, [
        workload('own-client', { timeout: '3s', client: { timeout: '5s' } }),
        workload('top-client', { timeout: '3s' }),
        workload('no-client', { timeout: '3s', client: null }),
        workload('scenario', { client: null }),
      ]),
    ),
    [
      [100_000, 5_000_000],
      [100_000, 7_000_000],
      [100_000, 3_000_000],
      [100_000, 9_000_000],
    ],
  );
  assert.deepEqual(timeouts(scenario({}, [workload('default', {})])), [[100_000, 30_000_000]]);
});
