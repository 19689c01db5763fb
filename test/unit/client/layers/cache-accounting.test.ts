import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KeyedCounters } from '../../../../src/client/caller.js';
import { MAX_NAMED_KEYS } from '../../../../src/client/layers/cache-accounting.js';
import { CacheLayer } from '../../../../src/client/layers/cache.js';
import type { CachePolicy } from '../../../../src/client/layers/cache-policy.js';
import type { McpRequest } from '../../../../src/client/request.js';
import { seededRandom } from '../../../../src/random/seeded.js';
import { FakeClock } from '../../../../src/time/fake-clock.js';
import { options, ScriptedCaller } from './helpers.js';

const policy = (overrides: Partial<CachePolicy> = {}): CachePolicy => ({
  ttlUs: 1_000_000,
  maxEntries: 100,
  maxBytes: 1_000_000,
  tools: ['search', 'lookup'],
  readOnly: false,
  force: true,
  resources: true,
  prompts: true,
  warm: [],
  ...overrides,
});

const call = (tool: string, q: number): McpRequest => ({ method: 'tools/call', tool, args: { q } });

/** Answers `tool:q` padded to the asked size, so sizes are known: JSON of a string of n characters is n + 2. */
function setup(p: CachePolicy, size: (request: McpRequest) => number) {
  const clock = new FakeClock();
  const inner = new ScriptedCaller(clock, (_n, request) => ({ outcome: { kind: 'ok', result: 'x'.repeat(size(request) - 2) } }));
  return { clock, inner, layer: new CacheLayer(p, inner, { clock, readOnlyTools: new Set() }) };
}

const row = (rows: readonly KeyedCounters[], name: string) => rows.find((r) => r.name === name)?.counters ?? {};
const sum = (rows: readonly KeyedCounters[], key: string) => rows.reduce((total, r) => total + Number(r.counters[key] ?? 0), 0);

describe('the cache per tool, resource and prompt', () => {
  it('holds exactly what the store holds, key by key, through evictions by count and bytes and expirations', async () => {
    // search answers 10 bytes, lookup 30; at most 3 entries and 60 bytes; entries live 1 000 µs.
    const { clock, layer } = setup(policy({ maxEntries: 3, maxBytes: 60, ttlUs: 1_000 }), (r) => (r.method === 'tools/call' && r.tool === 'lookup' ? 30 : 10));
    const run = (tool: string, q: number) => clock.run(layer.call(call(tool, q), options()));
    await run('search', 1); // [s1] 10 B
    await run('search', 2); // [s1 s2] 20 B
    await run('lookup', 1); // [s1 s2 l1] 50 B
    await run('lookup', 2); // 80 B and 4 entries: s1 then s2 evicted → [l1 l2] 60 B
    await run('search', 1); // miss: 70 B → l1 evicted → [l2 s1] 40 B
    await clock.advanceUs(500);
    await run('search', 1); // hit at 500
    await run('search', 3); // stored at 500 → [l2 s1 s3] 50 B
    await clock.advanceUs(500); // 1 000: l2 and s1 (stored at 0) are expired, s3 lives until 1 500
    const rows = layer.perKey();
    assert.deepEqual(row(rows, 'tools/call search'), { hits: 1, misses: 4, stores: 4, evictions: 2, expirations: 1, entries: 1, bytes: 10, hitRatio: 1 / 5 });
    assert.deepEqual(row(rows, 'tools/call lookup'), { hits: 0, misses: 2, stores: 2, evictions: 1, expirations: 1, entries: 0, bytes: 0, hitRatio: 0 });
    const totals = layer.stats();
    for (const key of ['hits', 'misses', 'stores', 'evictions', 'expirations', 'entries', 'bytes']) assert.equal(sum(rows, key), totals[key], key);
  });

  it('its per-key entries and bytes add up to the store at every step of a long random run', async () => {
    const random = seededRandom(7, 'test');
    const { clock, layer } = setup(policy({ maxEntries: 20, maxBytes: 400, ttlUs: 800 }), (r) => (r.method === 'tools/call' ? 5 + Number((r.args as { q: number }).q) : 12));
    const tools = ['search', 'lookup'];
    for (let step = 0; step < 2_000; step++) {
      const pick = random();
      const request: McpRequest = pick < 0.1
        ? { method: 'resources/read', uri: `bench://r/${Math.floor(random() * 5)}` }
        : call(tools[Math.floor(pick * 2) % 2]!, Math.floor(random() * 40));
      await clock.run(layer.call(request, options()));
      await clock.advanceUs(Math.floor(random() * 100));
      if (step % 50 !== 0) continue;
      const rows = layer.perKey(); // drops what expired first, as stats() does
      const totals = layer.stats();
      for (const key of ['hits', 'misses', 'stores', 'evictions', 'expirations', 'entries', 'bytes']) assert.equal(sum(rows, key), totals[key], `${key} at step ${step}`);
      assert.ok(Number(totals['bytes']) <= 400, 'within maxBytes');
      assert.ok(rows.every((r) => Number(r.counters['entries']) >= 0 && Number(r.counters['bytes']) >= 0));
    }
    assert.ok(Number(layer.stats()['evictions']) > 0 && Number(layer.stats()['expirations']) > 0, 'the run evicted and expired');
  });

  it('names keys as operations are named, hides URL credentials, and groups keys past the limit by method', async () => {
    const { clock, layer } = setup(policy({ maxEntries: 1_000 }), () => 4);
    await clock.run(layer.call({ method: 'resources/read', uri: 'https://user:pw@example.com/doc' }, options()));
    await clock.run(layer.call({ method: 'prompts/get', prompt: 'greeting', args: { name: 'Ada' } }, options()));
    for (let i = 0; i < MAX_NAMED_KEYS + 10; i++) await clock.run(layer.call({ method: 'resources/read', uri: `bench://item/${i}` }, options()));
    await clock.run(layer.call(call('search', 1), options()));
    const rows = layer.perKey();
    assert.equal(rows[1]!.name, 'prompts/get greeting');
    assert.doesNotMatch(rows[0]!.name, /pw/);
    assert.match(rows[0]!.name, /^resources\/read https:\/\/.*example\.com\/doc$/);
    assert.equal(rows.length, MAX_NAMED_KEYS + 2, 'the named keys, then one row per method for the rest');
    assert.deepEqual(rows.slice(-2).map((r) => r.name), ['resources/read (other URIs)', 'tools/call (other tools)']);
    assert.equal(row(rows, 'resources/read (other URIs)')['entries'], 12);
    assert.equal(sum(rows, 'entries'), layer.stats()['entries']);
  });
});
