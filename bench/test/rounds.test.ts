import assert from 'node:assert/strict';
import { test } from 'node:test';
import { median, medianFigures, pairedRatio, roundOrder, runRounds, shareOfBudget } from '../rounds.js';

test('rounds alternate: forwards on even rounds, backwards on odd ones', () => {
  assert.deepEqual(roundOrder(['A', 'B', 'C'], 0), ['A', 'B', 'C']);
  assert.deepEqual(roundOrder(['A', 'B', 'C'], 1), ['C', 'B', 'A']);
  assert.deepEqual(roundOrder(['A', 'B', 'C'], 2), ['A', 'B', 'C']);
});

test('median: the middle value, the mean of the two middle ones for an even count, null for none', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(median([]), null);
});

test('medianFigures: per figure, over the rounds that measured it', () => {
  assert.deepEqual(medianFigures([{ a: 1, b: null }, { a: 3, b: 10 }, { a: 2, b: null }]), { a: 2, b: 10 });
});

test('pairedRatio: round by round, leaving out rounds where either side is missing or zero', () => {
  const results = {
    x: [{ rate: 20 }, { rate: 30 }, { rate: 10 }, { rate: 8 }],
    y: [{ rate: 10 }, { rate: 0 }, { rate: null }, { rate: 4 }],
  };
  const ratio = pairedRatio(results, 'x', 'y', 'rate');
  assert.deepEqual(ratio.perRound, [2, 2]);
  assert.equal(ratio.median, 2);
  assert.equal(ratio.interval.ratio, 2);
  assert.equal(pairedRatio(results, 'x', 'missing', 'rate').median, null);
});

test('runRounds: every contender once per round in alternating order, figures kept by round', async () => {
  const order: string[] = [];
  const contender = (name: string, value: number) => ({ name, run: async () => (order.push(name), { value }) });
  const results = await runRounds([contender('A', 1), contender('B', 2)], 3, () => undefined);
  assert.deepEqual(order, ['A', 'B', 'B', 'A', 'A', 'B']);
  assert.deepEqual(results, { A: [{ value: 1 }, { value: 1 }, { value: 1 }], B: [{ value: 2 }, { value: 2 }, { value: 2 }] });
});

test('runRounds: past the deadline, no round after the first is started', async () => {
  const lines: string[] = [];
  const results = await runRounds([{ name: 'A', run: async () => ({ value: 1 }) }], 5, (line) => lines.push(line), performance.now() - 1);
  assert.equal(results.A?.length, 1);
  assert.match(lines.at(-1) ?? '', /stopping after 1 of 5 rounds/);
});

test('shareOfBudget: what is left, split evenly over the parts still to run; no budget, no deadline', () => {
  const now = performance.now();
  const deadline = shareOfBudget(now + 90_000, 3);
  assert.ok(deadline >= now + 30_000 - 1 && deadline <= now + 30_000 + 1000, `deadline ${deadline - now} ms from now`);
  assert.equal(shareOfBudget(Infinity, 2), Infinity);
});
