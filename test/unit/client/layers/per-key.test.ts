import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeKeyed, mergePerKey } from '../../../../src/client/layers/per-key.js';

const lookup = (hits: number, misses: number, entries: number, bytes: number) => ({
  name: 'tools/call lookup',
  counters: { hits, misses, stores: misses, evictions: 0, expirations: 0, entries, bytes, hitRatio: hits / (hits + misses), warmed: 2, warmFailed: 0 },
});
const echo = (entries: number) => ({ name: 'tools/call echo', counters: { hits: 1, misses: 1, stores: 1, evictions: 0, expirations: 0, entries, bytes: 40 * entries, hitRatio: 0.5 } });

describe('per-key counters merged by the layer rules', () => {
  it('over rounds: counts add, entries and bytes are the last round’s, the ratio is recomputed', () => {
    const merged = mergeKeyed('cache', [[lookup(9, 1, 2, 200)], [lookup(3, 3, 1, 100)]], 'rounds');
    assert.deepEqual(merged, [{ name: 'tools/call lookup', counters: { hits: 12, misses: 4, stores: 4, evictions: 0, expirations: 0, entries: 1, bytes: 100, hitRatio: 0.75, warmed: 4, warmFailed: 0 } }]);
  });

  it('over rounds, a key the last round never met holds nothing at the end', () => {
    const merged = mergeKeyed('cache', [[lookup(1, 1, 2, 200), echo(1)], [lookup(1, 1, 1, 100)]], 'rounds');
    assert.deepEqual(merged.map((row) => [row.name, row.counters['entries'], row.counters['bytes'], row.counters['hits']]), [
      ['tools/call lookup', 1, 100, 2],
      ['tools/call echo', 0, 0, 1],
    ]);
  });

  it('side by side (route stacks, shards): each has its own cache, so entries and bytes add', () => {
    const merged = mergePerKey([{ cache: [lookup(9, 1, 2, 200)] }, { cache: [echo(1), lookup(3, 3, 1, 100)] }, undefined], 'parallel');
    assert.deepEqual(merged?.['cache']?.map((row) => [row.name, row.counters['entries'], row.counters['bytes'], row.counters['hitRatio']]), [
      ['tools/call lookup', 3, 300, 0.75],
      ['tools/call echo', 1, 40, 0.5],
    ]);
    assert.equal(mergePerKey([undefined, undefined], 'parallel'), undefined);
  });
});
