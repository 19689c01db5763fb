import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DataRows } from '../../../src/traffic/data-rows.js';
import type { DataPlan } from '../../../src/traffic/data-block.js';

function plan(order: DataPlan['order'], exhausted: DataPlan['exhausted'] = 'stop', count = 5): DataPlan {
  const rows = Array.from({ length: count }, (_, id) => ({ id }));
  return { file: 'data/items.csv', order, exhausted, rows, columns: ['id'], sha256: 'x', seed: 9 };
}

const ids = (rows: DataRows, seqs: readonly number[]) => seqs.map((seq) => rows.rowAt(seq).id);

test('sequential order takes rows in file order and wraps around; it never ends', () => {
  const rows = new DataRows(plan('sequential'));
  assert.deepEqual(ids(rows, [0, 1, 2, 3, 4, 5, 6]), [0, 1, 2, 3, 4, 0, 1]);
  assert.equal(rows.ended(1_000), false);
  assert.deepEqual(rows.use(), { file: 'data/items.csv', order: 'sequential', exhausted: 'stop', rows: 5, calls: 7, rowsUsed: 5, stoppedEarly: false });
});

test('once with stop: each row once, then call number rows.length ends the workload, and its use says so', () => {
  const rows = new DataRows(plan('once'));
  assert.deepEqual(ids(rows, [0, 1, 2, 3, 4]), [0, 1, 2, 3, 4]);
  assert.equal(rows.ended(4), false);
  assert.equal(rows.ended(5), true);
  assert.equal(rows.use().stoppedEarly, true);
  assert.deepEqual(rows.use(), { file: 'data/items.csv', order: 'once', exhausted: 'stop', rows: 5, calls: 5, rowsUsed: 5, stoppedEarly: true });
});

test('once with wrap starts over and never ends', () => {
  const rows = new DataRows(plan('once', 'wrap'));
  assert.deepEqual(ids(rows, [4, 5, 6]), [4, 0, 1]);
  assert.equal(rows.ended(5), false);
});

test('under shards (seq ≡ i mod N) once order gives every row to exactly one shard', () => {
  const shards = 3;
  const taken = Array.from({ length: shards }, (_, index) => {
    const rows = new DataRows(plan('once', 'stop', 10));
    const mine: number[] = [];
    for (let seq = index; !rows.ended(seq); seq += shards) mine.push(rows.rowAt(seq).id as number);
    return mine;
  });
  assert.deepEqual(taken.flat().sort((a, b) => a - b), [...Array(10).keys()]);
});

test("random order: a call's row is a pure function of (seed, seq), in any order; distinct rows are counted", () => {
  const forward = new DataRows(plan('random', 'stop', 50));
  const seqs = Array.from({ length: 200 }, (_, seq) => seq);
  const drawn = ids(forward, seqs);
  const backward = new DataRows(plan('random', 'stop', 50));
  assert.deepEqual(ids(backward, [...seqs].reverse()).reverse(), drawn);
  assert.notDeepEqual(drawn.slice(0, 50), [...Array(50).keys()], 'not file order');
  assert.equal(forward.use().rowsUsed, new Set(drawn).size);
  const used = forward.use().rowsUsed ?? 0;
  assert.ok(used > 30 && used <= 50);
  assert.equal(forward.use().calls, 200);
});
