import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KeyedStore } from '../../../src/server/store.js';

test('the keyed store forgets the oldest written key past its capacity', () => {
  const store = new KeyedStore(2);
  store.put('a', 1);
  store.put('b', 2);
  store.put('a', 3); // rewritten: now the newest
  store.put(undefined, 4);
  assert.equal(store.size, 2);
  assert.equal(store.get('b'), undefined);
  assert.deepEqual(store.get('a'), { key: 'a', value: 3, version: 2 });
  assert.deepEqual(store.get('item-1'), { key: 'item-1', value: 4, version: 1 });
});
