import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Caller } from '../../../src/client/caller.js';
import { OK, TOOL_ERROR, type Outcome } from '../../../src/client/outcome.js';
import { floorSettings, floorThrough, measureFloor, QUICK_FLOOR, quickFloor, type FloorSettings } from '../../../src/harness/calibrate.js';
import { IN_MEMORY_TARGET, openInMemory } from '../../../src/harness/in-memory.js';
import type { McpRequest } from '../../../src/client/request.js';
import { systemClock } from '../../../src/time/clock.js';
import { FakeClock } from '../../../src/time/fake-clock.js';

/** Every call takes `costUs(n)` on the fake clock (n: the call's number, from 0) and ends in `outcome`. */
class TimedCaller implements Caller {
  calls = 0;
  readonly requests: McpRequest[] = [];
  constructor(
    private readonly clock: FakeClock,
    private readonly costUs: (n: number) => number,
    private readonly outcome: Outcome = OK,
  ) {}
  async call(request: McpRequest): Promise<Outcome> {
    this.requests.push(request);
    await this.clock.sleepUs(this.costUs(this.calls++));
    return this.outcome;
  }
  async close(): Promise<void> {}
}

const SMALL: FloorSettings = {
  warmup: { calls: 10, us: 1e9 },
  rounds: 2,
  sequential: { kind: 'iterations', count: 50 },
  concurrent: { kind: 'iterations', count: 320 },
  concurrency: 16,
};

describe('floorThrough (fake caller, fake clock)', () => {
  it('reads p50 and p99 from the sequential phase and calls/s from the concurrent one', async () => {
    const clock = new FakeClock();
    const caller = new TimedCaller(clock, () => 100);
    const floor = await clock.run(floorThrough(caller, SMALL, clock));
    // 16 calls of 100 µs at a time: 160,000 calls/s.
    assert.deepEqual(floor, { calls: 100, p50Us: 100, p99Us: 100, callsPerSec: 160_000 });
    assert.equal(caller.calls, 10 + 2 * (50 + 320));
    assert.ok(caller.requests.every((r) => r.method === 'tools/call' && r.tool === 'echo'));
  });

  it('keeps the best round: a slow start (cold code, a scavenge) is not the floor', async () => {
    const clock = new FakeClock();
    // The whole first round (warmup, 50 sequential, 320 concurrent) at 400 µs, then 100 µs.
    const caller = new TimedCaller(clock, (n) => (n < 10 + 50 + 320 ? 400 : 100));
    const floor = await clock.run(floorThrough(caller, SMALL, clock));
    assert.deepEqual(floor, { calls: 100, p50Us: 100, p99Us: 100, callsPerSec: 160_000 });
  });

  it('stops warming up at its time limit when that comes before its count', async () => {
    const clock = new FakeClock();
    const caller = new TimedCaller(clock, () => 100);
    const settings = { ...SMALL, warmup: { calls: 1_000, us: 1_000 }, rounds: 1 };
    await clock.run(floorThrough(caller, settings, clock));
    assert.equal(caller.calls, 10 + 50 + 320);
  });

  it('refuses a floor from failing calls', async () => {
    const clock = new FakeClock();
    const failing = new TimedCaller(clock, () => 100, TOOL_ERROR);
    await assert.rejects(clock.run(floorThrough(failing, { ...SMALL, warmup: null }, clock)), /calibration: 50 of 50 echo calls failed/);
    await assert.rejects(clock.run(floorThrough(new TimedCaller(clock, () => 100, TOOL_ERROR), SMALL, clock)), /a warmup echo call failed/);
  });
});

describe('settings', () => {
  it('the quick calibration is bounded by ~300 ms whatever the machine', () => {
    const phaseUs = (b: typeof QUICK_FLOOR.sequential): number => (b.kind === 'duration' ? b.us : Infinity);
    const total = (QUICK_FLOOR.warmup?.us ?? 0) + QUICK_FLOOR.rounds * (phaseUs(QUICK_FLOOR.sequential) + phaseUs(QUICK_FLOOR.concurrent));
    assert.ok(total <= 300_000, `${total} µs`);
  });

  it('calibrate splits each phase into five rounds', () => {
    assert.deepEqual(floorSettings(1_000_000, 8), {
      warmup: { calls: 5_000, us: 1_000_000 },
      rounds: 5,
      sequential: { kind: 'duration', us: 200_000 },
      concurrent: { kind: 'duration', us: 200_000 },
      concurrency: 8,
    });
  });
});

describe('in-memory floor (real reference server, SDK in-memory transport)', () => {
  it('gives sane figures through the run path with small counts', async () => {
    const floor = await measureFloor(IN_MEMORY_TARGET, SMALL, { clock: systemClock, open: openInMemory });
    assert.equal(floor.calls, 100);
    assert.ok(floor.p50Us >= 1 && floor.p50Us <= floor.p99Us, JSON.stringify(floor));
    assert.ok(floor.callsPerSec > 0, JSON.stringify(floor));
  });

  it('quickFloor measures the in-memory path only', async () => {
    const floor = await quickFloor();
    assert.deepEqual(Object.keys(floor), ['inMemory']);
    assert.ok(floor.inMemory.calls > 0 && floor.inMemory.p50Us <= floor.inMemory.p99Us, JSON.stringify(floor));
  });
});
