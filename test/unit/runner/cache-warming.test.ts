import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CacheLayer } from '../../../src/client/layers/cache.js';
import type { CachePolicy, WarmRequest } from '../../../src/client/layers/cache-policy.js';
import type { Outcome } from '../../../src/client/outcome.js';
import type { McpRequest } from '../../../src/client/request.js';
import type { OperationPlan } from '../../../src/operations/operation.js';
import { warmCaches, warmsRoute } from '../../../src/runner/cache-warming.js';
import type { RoutedStack } from '../../../src/runner/route-stacks.js';
import type { Route } from '../../../src/traffic/routes.js';
import type { WorkloadPlan } from '../../../src/workloads/plan.js';
import { FakeClock } from '../../../src/time/fake-clock.js';
import { ScriptedCaller } from '../client/layers/helpers.js';

const lookup = (id: number): WarmRequest => ({ method: 'tools/call', tool: 'lookup', args: { id } });
const echo: WarmRequest = { method: 'tools/call', tool: 'echo', args: { message: 'hi' } };
const operation = (request: McpRequest, route?: string): OperationPlan => ({ name: 'op', request, weight: 1, timeoutUs: 2_000_000, ...(route && { route }) }) as unknown as OperationPlan;

const policy = (warm: readonly WarmRequest[]): CachePolicy => ({
  ttlUs: 60_000_000,
  maxEntries: 100,
  maxBytes: 1_000_000,
  tools: ['lookup', 'echo'],
  readOnly: false,
  force: true,
  resources: false,
  prompts: false,
  warm,
});

/** One route stack per route, each a cache over a scripted server: lookup of a negative id is a tool error. */
function stacks(routes: readonly Route[], warm: readonly WarmRequest[]) {
  const clock = new FakeClock();
  const servers = routes.map(() => new ScriptedCaller(clock, (_n, request): { outcome: Outcome } => ({
    outcome: request.method === 'tools/call' && Number((request.args as { id?: number }).id) < 0 ? { kind: 'tool-error', result: {} } : { kind: 'ok', result: 'answer' },
  })));
  const caches = servers.map((server) => new CacheLayer(policy(warm), server, { clock, readOnlyTools: new Set() }));
  const stack = { stacks: routes.map((route, index) => ({ route, layers: [caches[index]!] })) } as unknown as RoutedStack;
  return { clock, servers, caches, stack };
}

const workload = (warm: readonly WarmRequest[], operations: readonly OperationPlan[]) =>
  ({ client: { cache: policy(warm) }, engine: { kind: 'client' }, operations }) as unknown as WorkloadPlan;

describe('warming the caches of a workload', () => {
  it("warms every tenant's cache in list order; set-up calls count each call sent; a failure is one warning naming entry and code", async () => {
    const warm = [lookup(1), lookup(-1), lookup(2)];
    const routes = [{ tenant: 0, group: null }, { tenant: 1, group: null }];
    const { clock, servers, caches, stack } = stacks(routes, warm);
    const report = { warnings: [] as string[], setupCalls: { 'tools/list': 1 } as Record<string, number> };
    await clock.run(warmCaches(workload(warm, [operation(lookup(1))]), stack, new AbortController().signal, report));
    for (const server of servers) assert.deepEqual(server.requests, warm, 'each stack sent the list, in order');
    assert.deepEqual(report.setupCalls, { 'tools/list': 1, 'tools/call': 6 });
    assert.deepEqual(report.warnings, ['client.cache.warm[1] (tools/call lookup) failed in 2 of 2 route stacks (tool-error); measuring starts without its entry']);
    for (const cache of caches) assert.deepEqual([cache.stats()['warmed'], cache.stats()['warmFailed'], cache.stats()['entries'], cache.stats()['misses']], [2, 1, 2, 0]);
  });

  it('an interrupt stops warming before the next call; another engine or no warm list sends nothing', async () => {
    const warm = [lookup(1), lookup(2)];
    const { clock, servers, stack } = stacks([{ tenant: -1, group: null }], warm);
    const stop = new AbortController();
    stop.abort();
    const report = { warnings: [], setupCalls: {} };
    await clock.run(warmCaches(workload(warm, []), stack, stop.signal, report));
    await clock.run(warmCaches({ ...workload(warm, []), engine: { kind: 'autocannon' } } as unknown as WorkloadPlan, stack, new AbortController().signal, report));
    await clock.run(warmCaches(workload([], []), stack, new AbortController().signal, report));
    assert.equal(servers[0]!.calls, 0);
    assert.deepEqual(report.setupCalls, {});
  });

  it('a call goes to the route stacks whose group an operation making it routes to; one no operation makes, to every stack', () => {
    const operations = [operation(lookup(5), 'eu'), operation({ method: 'tools/call', tool: 'lookup', args: { id: 9 } }), operation(echo, 'us')];
    const eu = { tenant: -1, group: 'eu' };
    const us = { tenant: -1, group: 'us' };
    const plain = { tenant: -1, group: null };
    assert.deepEqual([eu, us, plain].map((route) => warmsRoute(lookup(1), route, operations)), [true, false, true]);
    assert.deepEqual([eu, us, plain].map((route) => warmsRoute(echo, route, operations)), [false, true, false]);
    const unused: WarmRequest = { method: 'resources/read', uri: 'bench://static/small' };
    assert.deepEqual([eu, us, plain].map((route) => warmsRoute(unused, route, operations)), [true, true, true]);
  });
});
