import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CacheLayer } from '../../../../src/client/layers/cache.js';
import { cacheRules, isCacheable } from '../../../../src/client/layers/cache-policy.js';
import { OK, TIMEOUT, TOOL_ERROR, type Outcome } from '../../../../src/client/outcome.js';
import type { CachePolicy } from '../../../../src/client/layers/cache-policy.js';
import type { McpRequest } from '../../../../src/client/request.js';
import { FakeClock } from '../../../../src/time/fake-clock.js';
import { argOf, cachePolicy, options, ScriptedCaller, type Step } from './helpers.js';

const policy = cachePolicy;

const search = (q: string): McpRequest => ({ method: 'tools/call', tool: 'search', args: { q } });
const okWith = (result: unknown): Outcome => ({ kind: 'ok', result });

function setup(p: CachePolicy, script: (n: number, request: McpRequest) => Step, readOnlyTools: ReadonlySet<string> = new Set()) {
  const clock = new FakeClock();
  const inner = new ScriptedCaller(clock, script);
  const layer = new CacheLayer(p, inner, { clock, readOnlyTools });
  return { clock, inner, layer };
}

describe('isCacheable', () => {
  const readOnly = new Set(['lookup']);
  const can = (request: McpRequest, p: CachePolicy): boolean => isCacheable(request, cacheRules(p), readOnly);

  it('tools: listed and (read-only or forced), or any read-only tool when readOnly is on', () => {
    const listedLookup: McpRequest = { method: 'tools/call', tool: 'lookup', args: {} };
    assert.equal(can(search('a'), policy({ force: true })), true);
    assert.equal(can(search('a'), policy({ force: false })), false);
    assert.equal(can(listedLookup, policy({ tools: ['lookup'], force: false })), true);
    assert.equal(can(listedLookup, policy({ tools: [], readOnly: true })), true);
    assert.equal(can(listedLookup, policy({ tools: [], readOnly: false })), false);
    assert.equal(can(search('a'), policy({ tools: [], readOnly: true })), false);
  });

  it('resources and prompts: all, none, or the listed ones; list methods and ping never', () => {
    const read: McpRequest = { method: 'resources/read', uri: 'bench://a' };
    const prompt: McpRequest = { method: 'prompts/get', prompt: 'greet', args: {} };
    assert.equal(can(read, policy({ resources: true })), true);
    assert.equal(can(read, policy({ resources: false })), false);
    assert.equal(can(read, policy({ resources: ['bench://a'] })), true);
    assert.equal(can(read, policy({ resources: ['bench://b'] })), false);
    assert.equal(can(prompt, policy({ prompts: true })), true);
    assert.equal(can(prompt, policy({ prompts: ['greet'] })), true);
    assert.equal(can(prompt, policy({ prompts: ['other'] })), false);
    const all = policy({ resources: true, prompts: true, readOnly: true });
    for (const method of ['ping', 'tools/list', 'resources/list', 'resources/templates/list', 'prompts/list'] as const) {
      assert.equal(can({ method }, all), false, method);
    }
  });
});

describe('CacheLayer', () => {
  it('answers a repeat from the cache with the stored outcome, making no call', async () => {
    const { clock, inner, layer } = setup(policy(), (n) => ({ outcome: okWith({ n }), us: 1_000 }));
    const first = options();
    const answer = await clock.run(layer.call(search('a'), first));
    assert.equal(first.trace.cache, 'miss');
    const second = options();
    assert.equal(await clock.run(layer.call({ method: 'tools/call', tool: 'search', args: { q: 'a' } }, second)), answer);
    assert.equal(second.trace.cache, 'hit');
    assert.equal(second.trace.attempts, 0);
    assert.equal(inner.calls, 1);
    await clock.run(layer.call(search('b'), options()));
    assert.equal(inner.calls, 2);
    assert.deepEqual(layer.stats(), {
      hits: 1,
      misses: 2,
      stores: 2,
      evictions: 0,
      expirations: 0,
      entries: 2,
      bytes: 2 * JSON.stringify({ n: 0 }).length,
      hitRatio: 1 / 3,
    });
  });

  it('an entry lives exactly ttlUs from when it was stored', async () => {
    const { clock, inner, layer } = setup(policy({ ttlUs: 10_000 }), () => ({ outcome: OK, us: 2_000 }));
    await clock.run(layer.call(search('a'), options())); // stored at 2 000
    assert.equal(clock.nowUs(), 2_000);
    await clock.advanceUs(9_999); // 11 999
    const hit = options();
    await clock.run(layer.call(search('a'), hit));
    assert.equal(hit.trace.cache, 'hit');
    await clock.advanceUs(1); // 12 000: exactly ttl
    const expired = options();
    await clock.run(layer.call(search('a'), expired));
    assert.equal(expired.trace.cache, 'miss');
    assert.equal(inner.calls, 2);
    assert.equal(layer.stats()['expirations'], 1);
  });

  it('never stores a tool error or any failure', async () => {
    const failures: Outcome[] = [TOOL_ERROR, TIMEOUT, { kind: 'rpc-error', code: -32000 }, { kind: 'transport', code: 'closed' }, { kind: 'rejected', reason: 'queue-full' }];
    const { clock, inner, layer } = setup(policy(), (n) => ({ outcome: failures[Math.floor(n / 2)] ?? OK }));
    for (let i = 0; i < failures.length * 2; i++) {
      assert.equal(await clock.run(layer.call(search('a'), options())), failures[Math.floor(i / 2)]);
    }
    assert.equal(inner.calls, 10);
    assert.equal(layer.stats()['stores'], 0);
    assert.equal(layer.stats()['entries'], 0);
  });

  it('evicts least recently used entries by count and by bytes, and skips results larger than maxBytes', async () => {
    const big = 'x'.repeat(50);
    const sizes: Record<string, unknown> = { a: 'aa', b: 'bb', c: 'cc', huge: big };
    const bytes = JSON.stringify('aa').length; // 4
    const { clock, inner, layer } = setup(policy({ maxEntries: 2, maxBytes: 20 }), (_n, request) => ({
      outcome: okWith(sizes[argOf(request)]),
    }));
    for (const q of ['a', 'b', 'a', 'c', 'b', 'huge', 'huge']) await clock.run(layer.call(search(q), options()));
    // a miss, b miss, a hit, c miss (evicts b), b miss (evicts a), huge miss ×2 (never stored)
    assert.equal(inner.calls, 6);
    assert.deepEqual(layer.stats(), {
      hits: 1,
      misses: 6,
      stores: 4,
      evictions: 2,
      expirations: 0,
      entries: 2,
      bytes: 2 * bytes,
      hitRatio: 1 / 7,
    });
  });

  it('passes non-cacheable requests straight through, leaving the trace alone', async () => {
    const { clock, inner, layer } = setup(policy(), () => ({ outcome: OK }));
    const opts = options();
    await clock.run(layer.call({ method: 'tools/list' }, opts));
    await clock.run(layer.call({ method: 'tools/list' }, opts));
    await clock.run(layer.call({ method: 'tools/call', tool: 'write', args: {} }, opts));
    assert.equal(inner.calls, 3);
    assert.equal(opts.trace.cache, 'none');
    assert.equal(layer.stats()['misses'], 0);
  });

  it('uses the read-only set as it is at call time', async () => {
    const readOnly = new Set<string>();
    const { clock, inner, layer } = setup(policy({ tools: [], readOnly: true }), () => ({ outcome: OK }), readOnly);
    const lookup: McpRequest = { method: 'tools/call', tool: 'lookup', args: {} };
    await clock.run(layer.call(lookup, options()));
    readOnly.add('lookup');
    await clock.run(layer.call(lookup, options()));
    await clock.run(layer.call(lookup, options()));
    assert.equal(inner.calls, 2);
  });

  it('close closes the layer below', async () => {
    const { inner, layer } = setup(policy(), () => ({ outcome: OK }));
    await layer.close();
    assert.equal(inner.closed, true);
  });
});
