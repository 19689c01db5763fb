import assert from 'node:assert/strict';
import { describe, it, test } from 'node:test';
import { mergeCounters } from '../../../../src/client/layers/counters.js';

describe("layers' counters over rounds", () => {
  it("a pool's size is the last round's, whichever endpoint's pool it is; its reconnects are summed", () => {
    const rounds = [{ sessions: 2, live: 1, reconnects: 1 }, { sessions: 2, live: 2, reconnects: 2 }];
    assert.deepEqual(mergeCounters('pool', rounds), { sessions: 2, live: 2, reconnects: 3 });
    assert.deepEqual(mergeCounters('pool1', rounds), { sessions: 2, live: 2, reconnects: 3 });
  });

  it('a layer that declares no rules (the balancer) sums every counter', () => {
    assert.deepEqual(mergeCounters('balancer', [{ child0: 3, child1: 4 }, { child0: 1, child1: 1 }]), { child0: 4, child1: 5 });
  });

  it("a cache's hit ratio is recomputed from the summed hits and misses; its size is the last round's", () => {
    const merged = mergeCounters('cache', [{ hits: 9, misses: 1, hitRatio: 0.9, entries: 4 }, { hits: 1, misses: 9, hitRatio: 0.1, entries: 6 }]);
    assert.deepEqual(merged, { hits: 10, misses: 10, hitRatio: 0.5, entries: 6 });
  });
});

test('side by side (tenants\' stacks, shards) a gauge adds: each part has its own cache and sessions', () => {
  const parts = [{ hits: 9, misses: 1, hitRatio: 0.9, entries: 4, bytes: 100 }, { hits: 1, misses: 9, hitRatio: 0.1, entries: 6, bytes: 50 }];
  const merged = mergeCounters('cache', parts, 'parallel');
  assert.equal(merged.entries, 10);
  assert.equal(merged.bytes, 150);
  assert.equal(merged.hitRatio, 0.5);
  assert.deepEqual(mergeCounters('pool', [{ sessions: 2, live: 2 }, { sessions: 3, live: 1 }], 'parallel'), { sessions: 5, live: 3 });
});

