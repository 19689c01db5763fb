import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../../../src/time/fake-clock.js';
import { EventLoopTurns } from '../../../src/time/turns.js';

test('within the budget a loop goes on; past it, every asker waits for the same single turn', async () => {
  const clock = new FakeClock(0);
  let turns = 0;
  let release: () => void = () => {};
  const turn = (): Promise<void> => {
    turns++;
    return new Promise((resolve) => (release = resolve));
  };
  const budget = new EventLoopTurns(clock, 1_000, turn);
  assert.equal(budget.due(999), null);
  const first = budget.due(1_000);
  assert.ok(first);
  assert.equal(budget.due(1_001), first, 'a second loop asking meanwhile shares the pending turn');
  assert.equal(turns, 1);
  release();
  await first;
  assert.equal(budget.due(clock.nowUs() + 999), null, 'the budget restarts after the turn');
  assert.ok(budget.due(clock.nowUs() + 1_000));
  assert.equal(turns, 2);
});

test('a loop that resolves only through microtasks still lets a timer run (real macrotask turns)', async () => {
  let clockUs = 0;
  const budget = new EventLoopTurns({ nowUs: () => clockUs }, 10);
  let timerRan = false;
  setTimeout(() => (timerRan = true), 0);
  for (let i = 0; i < 100_000 && !timerRan; i++) {
    clockUs += 1;
    const wait = budget.due(clockUs);
    if (wait) await wait;
    else await Promise.resolve();
  }
  assert.equal(timerRan, true);
});
