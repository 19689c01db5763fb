import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeClock } from '../../../src/time/fake-clock.js';

describe('FakeClock', () => {
  it('fires sleeps in time order as time is advanced, and only then', async () => {
    const clock = new FakeClock(1_000);
    const woke: string[] = [];
    void clock.sleepUs(300).then(() => woke.push(`b@${clock.nowUs()}`));
    void clock.sleepUs(100).then(() => woke.push(`a@${clock.nowUs()}`));
    await clock.advanceUs(99);
    assert.deepEqual(woke, []);
    await clock.advanceUs(1);
    assert.deepEqual(woke, ['a@1100']);
    await clock.advanceUs(1_000);
    assert.deepEqual(woke, ['a@1100', 'b@1300']);
    assert.equal(clock.nowUs(), 2_100);
  });

  it('run() jumps from timer to timer until the work is done', async () => {
    const clock = new FakeClock();
    const work = async (): Promise<number> => {
      await clock.sleepUs(5_000);
      await clock.sleepUs(7);
      return clock.nowUs();
    };
    assert.equal(await clock.run(work()), 5_007);
  });

  it('an aborted sleep resolves at once and leaves no timer behind', async () => {
    const clock = new FakeClock();
    const abort = new AbortController();
    const sleeping = clock.sleepUs(1_000_000, abort.signal);
    abort.abort();
    await sleeping;
    assert.equal(clock.pendingTimers, 0);
    assert.equal(clock.nowUs(), 0);
  });

  it('run() reports work stuck on something other than the clock', async () => {
    const clock = new FakeClock();
    await assert.rejects(clock.run(new Promise(() => undefined)), /waiting on something other than the clock/);
  });
});
