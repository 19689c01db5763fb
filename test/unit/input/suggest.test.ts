import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editDistance, suggest } from '../../../src/input/suggest.js';

test('editDistance counts insertions, deletions, substitutions and neighbour swaps', () => {
  assert.equal(editDistance('concurency', 'concurrency'), 1);
  assert.equal(editDistance('wieght', 'weight'), 1);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('', 'abc'), 3);
});

test('suggest finds close words, case and underscore variants, and abbreviations; nothing when far', () => {
  const known = ['iterations', 'duration', 'concurrency', 'failRate', 'sequential', 'concurrent'];
  assert.equal(suggest('iteratons', known), 'iterations');
  assert.equal(suggest('fail_rate', known), 'failRate');
  assert.equal(suggest('FAILRATE', known), 'failRate');
  assert.equal(suggest('seq', known), 'sequential');
  assert.equal(suggest('concurent', known), 'concurrent');
  assert.equal(suggest('banana', known), undefined);
  assert.equal(suggest('ab', ['args']), undefined);
});
