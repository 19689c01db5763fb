import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LimitWatch, USER_HZ, WATCH_INTERVAL_US } from '../../../../src/client/transports/limit-watch.js';
import type { Reading } from '../../../../src/client/transports/proc-tree.js';
import { FakeClock } from '../../../../src/time/fake-clock.js';

const PID = 4242;
const MB = 1_000_000;

/** A reader that answers the readings in order (null: the process could not be read), noting when each was taken. */
function reader(clock: FakeClock, readings: readonly (readonly [rssBytes: number, ticks: number] | null)[]) {
  const at: number[] = [];
  let next = 0;
  const read = async (pid: number): Promise<Reading | null> => {
    assert.equal(pid, PID);
    at.push(clock.nowUs());
    const reading = readings[Math.min(next++, readings.length - 1)];
    return reading ? { rssBytes: reading[0], ticks: new Map([[PID, reading[1]], [PID + 1, 999]]) } : null;
  };
  return { read, at };
}

describe('LimitWatch', () => {
  it('kills at the first reading over the limit, never before: at the limit itself is not over it', async () => {
    const clock = new FakeClock();
    const { read, at } = reader(clock, [[100 * MB, 1], [150 * MB, 2], [200 * MB, 3], [201 * MB, 4], [300 * MB, 5]]);
    const over: Array<{ rss: number; atUs: number }> = [];
    const watch = new LimitWatch({ pid: PID, memoryBytes: 200 * MB, clock, read, overLimit: (rss) => over.push({ rss, atUs: clock.nowUs() }) });
    await clock.run(watch.done);
    assert.deepEqual(over, [{ rss: 201 * MB, atUs: 3 * WATCH_INTERVAL_US }], 'once, at the 4th reading');
    assert.deepEqual(at, [0, 1, 2, 3].map((k) => k * WATCH_INTERVAL_US), 'the first reading at once, then one per interval; none after the kill');
    assert.equal(clock.pendingTimers, 0);
  });

  it('unreadable readings (the process gone, a failed read) are skipped, not taken for zero or for over', async () => {
    const clock = new FakeClock();
    let calls = 0;
    const readings = [null, [50 * MB, 1], null, [90 * MB, 2]] as const;
    const read = async (): Promise<Reading | null> => {
      const reading = readings[calls++];
      if (calls === 3) throw new Error('EIO');
      return reading ? { rssBytes: reading[0], ticks: new Map([[PID, reading[1]]]) } : null;
    };
    const over: number[] = [];
    const watch = new LimitWatch({ pid: PID, memoryBytes: 80 * MB, clock, read, overLimit: (rss) => over.push(rss) });
    await clock.run(watch.done);
    assert.deepEqual(over, [90 * MB]);
    assert.equal(calls, 4);
  });

  it('stop() ends it between readings; with no memory limit it only follows the CPU time, whatever the RSS', async () => {
    const clock = new FakeClock();
    const { read, at } = reader(clock, [[1e12, 50], [1e12, 120], [1e12, 230]]);
    const watch = new LimitWatch({ pid: PID, memoryBytes: null, clock, read, overLimit: () => assert.fail('no memory limit') });
    assert.equal(watch.cpuSeconds, null, 'before the first reading');
    await clock.advanceUs(2 * WATCH_INTERVAL_US);
    assert.equal(at.length, 3);
    assert.equal(watch.cpuSeconds, 230 / USER_HZ, "the server's own ticks, not its children's");
    watch.stop();
    await watch.done;
    await clock.advanceUs(10 * WATCH_INTERVAL_US);
    assert.equal(at.length, 3, 'no reading after stop');
  });
});
