import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OK, TIMEOUT } from '../../../src/client/outcome.js';
import type { RetryFigures } from '../../../src/client/layers/retry.js';
import { ClientOperationRecord, clientFeatures } from '../../../src/metrics/client-record.js';
import { resolveClientOptions } from '../../../src/client/options/resolve.js';
import { PLAIN_CLIENT, type ClientPolicies } from '../../../src/client/policies.js';
import type { EndpointPool } from '../../../src/client/pool/pool.js';
import { CLIENT_LAYERS, LAYER_KEYS, type LayerKey } from '../../../src/client/layers/registry.js';
import { composeStack, type Endpoints, type StackDeps } from '../../../src/client/stack.js';
import { ServerLog } from '../../../src/client/transports/server-log.js';
import { seededRandom } from '../../../src/random/seeded.js';
import { FakeClock } from '../../../src/time/fake-clock.js';
import { echo, options, ScriptedCaller } from './layers/helpers.js';

/** The least each layer needs to be switched on (`true` unless a setting is required). */
const ON: Partial<Record<LayerKey, unknown>> = { cache: { tools: ['echo'] }, rateLimit: { rate: '100/s' }, concurrency: { max: 4 } };

function policies(keys: readonly LayerKey[]): ClientPolicies {
  const result = resolveClientOptions(Object.fromEntries(keys.map((key) => [key, ON[key] ?? true])), {}, '/');
  assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
  return result.client;
}

function setup() {
  const clock = new FakeClock();
  const pool = Object.assign(new ScriptedCaller(clock, () => ({ outcome: OK })), { name: 'pool', failed: false, stats: () => ({}) });
  const endpoints: Endpoints = { pools: [pool as unknown as EndpointPool], caller: pool, balancer: null };
  const deps: StackDeps = { clock, random: seededRandom(1, 'test'), log: new ServerLog() };
  return { clock, pool, endpoints, deps };
}

const names = (policy: ClientPolicies): string[] => {
  const { endpoints, deps } = setup();
  return composeStack(policy, endpoints, new Set(), deps).layers.map((layer) => layer.name);
};

describe('composeStack folds the registry', () => {
  it('the plain client calls the endpoints directly: no layer, no attempt layer', () => {
    const { pool, endpoints, deps } = setup();
    const stack = composeStack(PLAIN_CLIENT, endpoints, new Set(), deps);
    assert.equal(stack.caller, pool);
    assert.deepEqual(stack.layers.map((layer) => layer.name), ['pool']);
  });

  it('every layer, the only one switched on, is built over the attempt layer, with its declared name', () => {
    for (const declaration of CLIENT_LAYERS) {
      assert.deepEqual(names(policies([declaration.key])), [declaration.name, 'attempt', 'pool'], declaration.key);
    }
  });

  it('all of them on stack in registry order, outermost first, and a call goes through to the endpoint', async () => {
    assert.deepEqual(names(policies(LAYER_KEYS)), [...CLIENT_LAYERS.map((declaration) => declaration.name), 'attempt', 'pool']);
    const { clock, pool, endpoints, deps } = setup();
    const stack = composeStack(policies(LAYER_KEYS), endpoints, new Set(['echo']), deps);
    const call = options();
    assert.equal(await clock.run(stack.caller.call(echo('a'), call)), OK);
    assert.equal(pool.calls, 1);
    assert.equal(call.trace.attempts, 1);
    assert.equal(call.trace.cache, 'miss');
  });
});

describe('retry figures under a cache (issue 11)', () => {
  it('amplification and "ok first try" are over the calls that reached the retry layer, not cache hits', async () => {
    // 4 distinct calls whose first attempt times out and second succeeds, then 24 repeats the cache answers.
    const clock = new FakeClock();
    const seen = new Set<string>();
    const pool = Object.assign(
      new ScriptedCaller(clock, (_n, request) => {
        const key = JSON.stringify(request);
        if (seen.has(key)) return { outcome: OK };
        seen.add(key);
        return { outcome: TIMEOUT };
      }),
      { name: 'pool', failed: false, stats: () => ({}) },
    );
    const endpoints: Endpoints = { pools: [pool as unknown as EndpointPool], caller: pool, balancer: null };
    const deps: StackDeps = { clock, random: seededRandom(1, 'test'), log: new ServerLog() };
    const policy = policies(['cache', 'retry']);
    const stack = composeStack(policy, endpoints, new Set(['echo']), deps);
    const record = new ClientOperationRecord(clientFeatures(policy, 1));
    let ok = 0;
    for (let i = 0; i < 28; i++) {
      const call = options();
      const outcome = await clock.run(stack.caller.call(echo(`m${i % 4}`), call));
      if (outcome.kind === 'ok') ok++;
      record.record(0, call.trace);
    }
    assert.equal(ok, 28);
    const retry = record.figures('retry')!.summarize(28, ok) as RetryFigures;
    assert.equal(pool.calls, 8, 'two attempts for each of the 4 calls the cache could not answer');
    assert.deepEqual(retry.attemptsPerCall, { '0': 24, '2': 4 });
    assert.equal(retry.attempts, 8);
    assert.equal(retry.amplification, 2, 'attempts / calls through the retry layer (was 8 / 28 = 0.29)');
    assert.equal(retry.successRateFirstAttempt, 0, 'no call through the retry layer succeeded first time (was 24 / 28)');
    assert.equal(retry.successRate, 1);
  });
});
