import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CacheLayer } from '../../../../src/client/layers/cache.js';
import type { CachePolicy, WarmRequest } from '../../../../src/client/layers/cache-policy.js';
import { OK, TOOL_ERROR, type Outcome } from '../../../../src/client/outcome.js';
import type { McpRequest } from '../../../../src/client/request.js';
import { FakeClock } from '../../../../src/time/fake-clock.js';
import { argOf, cachePolicy, options, ScriptedCaller, type Step } from './helpers.js';

const search = (q: string): WarmRequest => ({ method: 'tools/call', tool: 'search', args: { q } });
const okWith = (result: unknown): Outcome => ({ kind: 'ok', result });

const policy = (overrides: Partial<CachePolicy> = {}): CachePolicy => cachePolicy({ warm: [search('a')], ...overrides });

function setup(p: CachePolicy, script: (n: number, request: McpRequest) => Step, readOnlyTools: ReadonlySet<string> = new Set()) {
  const clock = new FakeClock();
  const inner = new ScriptedCaller(clock, script);
  const layer = new CacheLayer(p, inner, { clock, readOnlyTools });
  return { clock, inner, layer };
}

describe('CacheLayer.warm', () => {
  it('stores the answer without a hit or a miss, so the first measured call is a hit and sends nothing', async () => {
    const { clock, inner, layer } = setup(policy(), (n) => ({ outcome: okWith({ n }), us: 1_000 }));
    assert.deepEqual(await clock.run(layer.warm(search('a'), 5_000_000)), { stored: true });
    assert.equal(inner.calls, 1);
    const first = options();
    const answer = await clock.run(layer.call(search('a'), first));
    assert.equal(first.trace.cache, 'hit');
    assert.deepEqual(answer, okWith({ n: 0 }));
    assert.equal(inner.calls, 1);
    const stats = layer.stats();
    assert.equal(stats['hits'], 1);
    assert.equal(stats['misses'], 0, 'the warm call is no miss');
    assert.equal(stats['warmed'], 1);
    assert.equal(stats['warmFailed'], 0);
    assert.equal(stats['stores'], 1);
  });

  it("an entry's TTL runs from when it was warmed", async () => {
    const { clock, inner, layer } = setup(policy({ ttlUs: 10_000 }), () => ({ outcome: OK, us: 2_000 }));
    await clock.run(layer.warm(search('a'), 1_000_000)); // answered, and stored, at 2 000
    await clock.advanceUs(9_999); // 11 999
    const hit = options();
    await clock.run(layer.call(search('a'), hit));
    assert.equal(hit.trace.cache, 'hit');
    await clock.advanceUs(1); // 12 000: exactly the TTL after warming
    const expired = options();
    await clock.run(layer.call(search('a'), expired));
    assert.equal(expired.trace.cache, 'miss');
    assert.equal(inner.calls, 2);
    assert.equal(layer.stats()['expirations'], 1);
  });

  it('warms in the order called: the first warmed is the least recently used, evicted first', async () => {
    const { clock, inner, layer } = setup(policy({ maxEntries: 2 }), (_n, request) => ({ outcome: okWith(argOf(request)) }));
    await clock.run(layer.warm(search('a'), 1_000_000));
    await clock.run(layer.warm(search('b'), 1_000_000));
    await clock.run(layer.call(search('c'), options())); // a miss: evicts a, the first warmed
    const b = options();
    await clock.run(layer.call(search('b'), b));
    assert.equal(b.trace.cache, 'hit');
    const a = options();
    await clock.run(layer.call(search('a'), a));
    assert.equal(a.trace.cache, 'miss');
    assert.deepEqual(inner.requests.map(argOf), ['a', 'b', 'c', 'a']);
  });

  it('a failed warm call stores nothing and is told by its code; the layer counts it apart', async () => {
    const { clock, layer } = setup(policy(), () => ({ outcome: TOOL_ERROR }));
    assert.deepEqual(await clock.run(layer.warm(search('a'), 1_000_000)), { stored: false, sent: true, code: 'tool-error' });
    const timeout = setup(policy(), () => ({ outcome: { kind: 'transport', code: 'closed' } }));
    assert.deepEqual(await timeout.clock.run(timeout.layer.warm(search('a'), 1_000_000)), { stored: false, sent: true, code: 'transport:closed' });
    const stats = layer.stats();
    assert.deepEqual([stats['warmed'], stats['warmFailed'], stats['entries'], stats['misses']], [0, 1, 0, 0]);
    assert.deepEqual(layer.perKey()[0]?.counters, { hits: 0, misses: 0, stores: 0, evictions: 0, expirations: 0, entries: 0, bytes: 0, hitRatio: 0, warmed: 0, warmFailed: 1 });
  });

  it('an answer larger than maxBytes is not-stored', async () => {
    const { clock, layer } = setup(policy({ maxBytes: 10 }), () => ({ outcome: okWith('x'.repeat(20)) }));
    assert.deepEqual(await clock.run(layer.warm(search('a'), 1_000_000)), { stored: false, sent: true, code: 'not-stored' });
  });

  it('a request this cache would not store (readOnly: true, the server does not say read-only) is not sent', async () => {
    const lookup: WarmRequest = { method: 'tools/call', tool: 'lookup', args: {} };
    const { clock, inner, layer } = setup(policy({ tools: [], readOnly: true, force: false, warm: [lookup] }), () => ({ outcome: OK }));
    assert.deepEqual(await clock.run(layer.warm(lookup, 1_000_000)), { stored: false, sent: false, code: 'not-cacheable' });
    assert.equal(inner.calls, 0);
    assert.equal(layer.stats()['warmFailed'], 1);
    const readOnly = setup(policy({ tools: [], readOnly: true, force: false, warm: [lookup] }), () => ({ outcome: OK }), new Set(['lookup']));
    assert.deepEqual(await readOnly.clock.run(readOnly.layer.warm(lookup, 1_000_000)), { stored: true });
  });

  it('without a warm list the counters carry no warm figures', () => {
    const { layer } = setup(policy({ warm: [] }), () => ({ outcome: OK }));
    assert.equal('warmed' in layer.stats(), false);
  });
});
