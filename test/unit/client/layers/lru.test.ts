import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LruMap } from '../../../../src/client/layers/lru.js';

const keys = (lru: LruMap<string, number>, nowUs: number, names: readonly string[]): (number | undefined)[] =>
  names.map((name) => lru.get(name, nowUs));

describe('LruMap', () => {
  it('evicts the least recently used first when over maxEntries', () => {
    const lru = new LruMap<string, number>({ maxEntries: 3, maxBytes: Infinity, ttlUs: 1_000 });
    lru.set('a', 1, 0, 0);
    lru.set('b', 2, 0, 0);
    lru.set('c', 3, 0, 0);
    assert.equal(lru.get('a', 1), 1); // a is now the most recent; b the oldest
    lru.set('d', 4, 0, 2);
    assert.deepEqual(keys(lru, 3, ['a', 'b', 'c', 'd']), [1, undefined, 3, 4]);
    lru.set('e', 5, 0, 4); // order now: a, c, d → a is oldest
    assert.deepEqual(keys(lru, 5, ['a', 'c', 'd', 'e']), [undefined, 3, 4, 5]);
    assert.equal(lru.evictions, 2);
    assert.equal(lru.size, 3);
  });

  it('expires an entry at exactly ttl after it was stored, not a microsecond later', () => {
    const lru = new LruMap<string, number>({ maxEntries: 10, maxBytes: Infinity, ttlUs: 1_000 });
    lru.set('a', 1, 0, 500);
    assert.equal(lru.get('a', 1_499), 1);
    assert.equal(lru.get('a', 1_500), undefined);
    assert.equal(lru.expirations, 1);
    assert.equal(lru.size, 0);
    assert.equal(lru.get('a', 1_500), undefined);
    assert.equal(lru.expirations, 1);
  });

  it('a hit does not extend the time to live', () => {
    const lru = new LruMap<string, number>({ maxEntries: 10, maxBytes: Infinity, ttlUs: 100 });
    lru.set('a', 1, 0, 0);
    assert.equal(lru.get('a', 99), 1);
    assert.equal(lru.get('a', 100), undefined);
  });

  it('keeps total bytes within maxBytes, evicting oldest first, and never stores an oversized entry', () => {
    const lru = new LruMap<string, number>({ maxEntries: 100, maxBytes: 100, ttlUs: 1_000 });
    assert.equal(lru.set('a', 1, 40, 0), true);
    assert.equal(lru.set('b', 2, 40, 0), true);
    assert.equal(lru.bytes, 80);
    lru.set('c', 3, 30, 0); // 110 > 100 → a goes
    assert.deepEqual(keys(lru, 1, ['a', 'b', 'c']), [undefined, 2, 3]);
    assert.equal(lru.bytes, 70);
    assert.equal(lru.set('huge', 9, 101, 1), false);
    assert.equal(lru.get('huge', 1), undefined);
    assert.equal(lru.bytes, 70);
    assert.equal(lru.set('exact', 9, 100, 2), true); // fits alone: b and c go
    assert.equal(lru.size, 1);
    assert.equal(lru.bytes, 100);
    assert.equal(lru.evictions, 3);
  });

  it('replacing a key replaces its size', () => {
    const lru = new LruMap<string, number>({ maxEntries: 10, maxBytes: 100, ttlUs: 1_000 });
    lru.set('a', 1, 60, 0);
    lru.set('a', 2, 10, 0);
    assert.equal(lru.bytes, 10);
    assert.equal(lru.size, 1);
    assert.equal(lru.get('a', 0), 2);
  });

  it('drops expired entries from the front when storing, counting them as expirations', () => {
    const lru = new LruMap<string, number>({ maxEntries: 10, maxBytes: Infinity, ttlUs: 100 });
    lru.set('a', 1, 5, 0);
    lru.set('b', 2, 5, 50);
    lru.set('c', 3, 5, 100); // a expired at 100
    assert.equal(lru.size, 2);
    assert.equal(lru.bytes, 10);
    assert.equal(lru.expirations, 1);
    assert.equal(lru.evictions, 0);
  });
});

describe('LruMap removal listener and dropExpired', () => {
  it('tells every removal with its value, size and cause: evicted, expired, deleted (a set of the same key too)', () => {
    const removed: [number, number, string][] = [];
    const lru = new LruMap<string, number>({ maxEntries: 2, maxBytes: 10, ttlUs: 100 }, (value, bytes, cause) => removed.push([value, bytes, cause]));
    lru.set('a', 1, 3, 0);
    lru.set('b', 2, 3, 0);
    lru.set('c', 3, 3, 10); // over maxEntries: a (oldest) evicted
    lru.set('b', 20, 6, 20); // b replaced: deleted; 3 + 6 = 9 bytes, within 10
    lru.set('d', 4, 2, 30); // 11 bytes and 3 entries: c evicted
    assert.equal(lru.get('b', 120), undefined); // b stored at 20, expired at 120
    lru.delete('d');
    assert.deepEqual(removed, [
      [1, 3, 'evicted'],
      [2, 3, 'deleted'],
      [3, 3, 'evicted'],
      [20, 6, 'expired'],
      [4, 2, 'deleted'],
    ]);
    assert.equal(lru.evictions, 2);
    assert.equal(lru.expirations, 1);
    assert.equal(lru.bytes, 0);
  });

  it('dropExpired removes expired entries wherever they are in the order, and only those', () => {
    const removed: string[] = [];
    const lru = new LruMap<string, string>({ maxEntries: 10, maxBytes: Infinity, ttlUs: 100 }, (value, _bytes, cause) => removed.push(`${value} ${cause}`));
    lru.set('old', 'old', 1, 0);
    lru.set('new', 'new', 1, 50);
    assert.equal(lru.get('old', 60), 'old'); // old is now the most recently used, behind new
    lru.dropExpired(100);
    assert.deepEqual(removed, ['old expired']);
    assert.equal(lru.size, 1);
    assert.equal(lru.bytes, 1);
    assert.equal(lru.expirations, 1);
    assert.equal(lru.get('new', 149), 'new');
  });
});
