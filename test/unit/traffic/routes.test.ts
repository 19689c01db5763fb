import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OK } from '../../../src/client/outcome.js';
import { resolveClientOptions } from '../../../src/client/options/resolve.js';
import type { EndpointPool } from '../../../src/client/pool/pool.js';
import { composeStack, type Endpoints, type StackDeps } from '../../../src/client/stack.js';
import { ServerLog } from '../../../src/client/transports/server-log.js';
import type { OperationPlan } from '../../../src/operations/operation.js';
import { seededRandom } from '../../../src/random/seeded.js';
import { FakeClock } from '../../../src/time/fake-clock.js';
import { NO_TENANT, routedCaller, tenantPicker, usedRoutes, type Route, type RouteCallers } from '../../../src/traffic/routes.js';
import type { TenantPlan } from '../../../src/traffic/tenants.js';
import { echo, options, ScriptedCaller } from '../client/layers/helpers.js';
import type { Caller } from '../../../src/client/caller.js';

const tenant = (name: string, weight: number, route: string | null = null): TenantPlan => ({ name, weight, headers: {}, route });
const op = (name: string, route?: string): OperationPlan => ({ name, weight: 1, timeoutUs: 1_000_000, request: echo(name), ...(route && { route }) });

describe('tenant of call seq', () => {
  it('is a pure function of (seed, seq): the same in any order, another seed another sequence', () => {
    const tenants = [tenant('a', 1), tenant('b', 1), tenant('c', 2)];
    const first = tenantPicker(tenants, 7);
    const forward = Array.from({ length: 200 }, (_, seq) => first(seq));
    const again = tenantPicker(tenants, 7);
    const backward = Array.from({ length: 200 }, (_, i) => again(199 - i)).reverse();
    assert.deepEqual(backward, forward);
    const other = tenantPicker(tenants, 8);
    assert.notDeepEqual(Array.from({ length: 200 }, (_, seq) => other(seq)), forward);
  });

  it('follows the weights', () => {
    const pick = tenantPicker([tenant('a', 1), tenant('b', 3)], 1);
    const counts = [0, 0];
    for (let seq = 0; seq < 40_000; seq++) counts[pick(seq)]!++;
    assert.ok(Math.abs(counts[1]! / 40_000 - 0.75) < 0.01, `b's share ${counts[1]! / 40_000}`);
  });

  it('is NO_TENANT without tenants', () => {
    assert.equal(tenantPicker([], 1)(5), NO_TENANT);
  });
});

describe('routes', () => {
  it('lists each (tenant, group) pair a call can take: the operation route, else the tenant route, else the default', () => {
    const routes = usedRoutes([op('x'), op('y', 'storage')], [tenant('a', 1), tenant('b', 1, 'compute')]);
    assert.deepEqual(routes, [
      { tenant: 0, group: null },
      { tenant: 0, group: 'storage' },
      { tenant: 1, group: 'compute' },
      { tenant: 1, group: 'storage' },
    ]);
  });

  it("sends each call through its tenant's caller for its operation's group, and notes the tenant in the trace", async () => {
    const clock = new FakeClock();
    const tenants = [tenant('a', 1), tenant('b', 1, 'compute')];
    const callers = new Map<string, ScriptedCaller>();
    const key = (r: Route): string => `${r.tenant}/${r.group}`;
    const routes: RouteCallers = {
      tenants,
      groupTimeoutUs: () => null,
      caller: (r) => callers.get(key(r)) ?? callers.set(key(r), new ScriptedCaller(clock, () => ({ outcome: OK }))).get(key(r))!,
    };
    const operations = [op('x'), op('y', 'storage')];
    const routed = routedCaller(operations, routes, 3);
    const pick = tenantPicker(tenants, 3);
    for (let seq = 0; seq < 50; seq++) {
      const call = options();
      const index = seq % 2;
      const caller = routed.callerFor(index, seq, call.trace);
      const expected = pick(seq);
      assert.equal(call.trace.tenant, expected);
      const group = index === 1 ? 'storage' : expected === 1 ? 'compute' : null;
      assert.equal(caller, callers.get(`${expected}/${group}`), `seq ${seq}`);
    }
  });

  it("applies a group's own timeout to the calls routed there", async () => {
    const seen: number[] = [];
    const inner: Caller = { call: async (_r, o) => (seen.push(o.timeoutUs), OK), close: async () => undefined };
    const routes: RouteCallers = { tenants: [], groupTimeoutUs: (g) => (g === 'slow' ? 5_000_000 : null), caller: () => inner };
    const routed = routedCaller([op('x'), op('y', 'slow')], routes, 1);
    await routed.callerFor(0, 0, options(1_000).trace).call(echo('x'), options(1_000));
    await routed.callerFor(1, 1, options(1_000).trace).call(echo('y'), options(1_000));
    assert.deepEqual(seen, [1_000, 5_000_000]);
  });
});

describe('tenant isolation', () => {
  /** A stack with a cache over a fake endpoint that counts what reaches it. */
  function cachedStack(clock: FakeClock) {
    const resolved = resolveClientOptions({ cache: { tools: ['echo'], ttl: '1h' } }, {}, '/');
    assert.ok(resolved.ok);
    const pool = Object.assign(new ScriptedCaller(clock, () => ({ outcome: OK })), { name: 'pool', failed: false, stats: () => ({}) });
    const endpoints: Endpoints = { pools: [pool as unknown as EndpointPool], caller: pool, balancer: null };
    const deps: StackDeps = { clock, random: seededRandom(1, 'test'), log: new ServerLog() };
    return { pool, stack: composeStack(resolved.client, endpoints, new Set(['echo']), deps) };
  }

  /** Tenant a's calls, then tenant b's, of the same request; what b's first call was. */
  async function run(shared: boolean) {
    const clock = new FakeClock();
    const a = cachedStack(clock);
    const b = shared ? a : cachedStack(clock);
    const tenants = [tenant('a', 1), tenant('b', 1)];
    const routes: RouteCallers = { tenants, groupTimeoutUs: () => null, caller: (r) => (r.tenant === 0 ? a : b).stack.caller };
    const routed = routedCaller([op('x')], routes, 11);
    const pick = tenantPicker(tenants, 11);
    const seqs = Array.from({ length: 40 }, (_, seq) => seq);
    const aSeqs = seqs.filter((seq) => pick(seq) === 0);
    const bSeqs = seqs.filter((seq) => pick(seq) === 1);
    assert.ok(aSeqs.length > 1 && bSeqs.length > 1);
    for (const seq of [...aSeqs, ...bSeqs]) {
      const call = options();
      await clock.run(routed.callerFor(0, seq, call.trace).call(echo('same'), call));
      if (seq === bSeqs[0]) return { bFirst: call.trace.cache, b: b.pool.calls, a: a.pool.calls };
    }
    throw new Error('unreachable');
  }

  it("never answers tenant b from tenant a's cache: b's first call of a request is a miss that reaches b's endpoint", async () => {
    const isolated = await run(false);
    assert.equal(isolated.bFirst, 'miss');
    assert.equal(isolated.a, 1);
    assert.equal(isolated.b, 1);
  });

  it('(the control: one stack shared by both tenants would answer b from the cache)', async () => {
    const shared = await run(true);
    assert.equal(shared.bFirst, 'hit');
  });
});
