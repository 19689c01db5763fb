import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StartGate } from '../../../src/runner/start-gate.js';
import { SLOT_GAP_US } from '../../../src/runner/start-slots.js';
import { resolveScenario, type Plan } from '../../../src/scenario/index.js';
import { FakeClock } from '../../../src/time/fake-clock.js';

/** Wall-clock time when the gate is made; the fake monotonic clock reads CLOCK_AT_WALL_US then (any origin works). */
const WALL_MS = Date.parse('2030-01-31T12:00:00Z');
const CLOCK_AT_WALL_US = 7_777_000;
const MAX_LATE_US = 1_000_000;

function plan(startInMs: number, workloads: Record<string, unknown>[] = [rate('a', '1s'), rate('b', '1s')]): Plan {
  const raw = { name: 'gate', target: { builtin: {} }, workloads: workloads.map((w) => ({ operations: [{ method: 'ping' }], ...w })) };
  const result = resolveScenario(raw, { file: null, env: {}, baseDir: '/srv' });
  assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
  return { ...result.plan, start: { atEpochMs: WALL_MS + startInMs, maxLateUs: MAX_LATE_US } };
}

function rate(name: string, duration: string) {
  return { name, type: 'constant-rate', rate: '10/s', duration };
}

function gate(p: Plan): { gate: StartGate; clock: FakeClock } {
  const clock = new FakeClock(CLOCK_AT_WALL_US);
  const made = StartGate.of(p, clock, () => new Date(WALL_MS));
  assert.ok(made);
  return { gate: made, clock };
}

const never = new AbortController().signal;
/** The clock's µs at `ms` after the gate was made (wall clock). */
const clockAt = (ms: number): number => CLOCK_AT_WALL_US + ms * 1000;

describe('waiting for the synchronised start (FakeClock, injected wall clock)', () => {
  it('a plan without a start time has no gate', () => {
    assert.equal(StartGate.of({ ...plan(0), start: null }, new FakeClock(), () => new Date(WALL_MS)), null);
  });

  it('early: sleeps until the instant, read once from the wall clock and waited for on the monotonic clock', async () => {
    const { gate: g, clock } = gate(plan(5000));
    await clock.advanceUs(1_200_000); // connecting took 1.2 s
    const wait = await clock.run(g.waitForSlot(0, never));
    assert.deepEqual(wait, { kind: 'start', lateUs: 0 });
    assert.equal(clock.nowUs(), clockAt(5000));
    assert.equal(g.startOffsetUs, 0);
    assert.equal(g.late, false);
    assert.deepEqual(g.warnings, []);
  });

  it('the next workload waits for its own slot: after the first one\'s length and the gap', async () => {
    const { gate: g, clock } = gate(plan(5000));
    await clock.run(g.waitForSlot(0, never));
    await clock.advanceUs(1_300_000);
    await clock.run(g.waitForSlot(1, never));
    assert.equal(clock.nowUs(), clockAt(5000) + 1_000_000 + SLOT_GAP_US);
    assert.deepEqual(g.warnings, []);
  });

  it('late within --max-late: starts at once, and the offset says by how much', async () => {
    const { gate: g, clock } = gate(plan(5000));
    await clock.advanceUs(5_000_000 + 400_000);
    const wait = await g.waitForSlot(0, never);
    assert.deepEqual(wait, { kind: 'start', lateUs: 400_000 });
    assert.equal(clock.nowUs(), clockAt(5400), 'no sleep');
    assert.equal(g.startOffsetUs, 400_000);
    assert.equal(g.late, false);
  });

  it('exactly --max-late late is still in step', async () => {
    const { gate: g, clock } = gate(plan(0));
    await clock.advanceUs(MAX_LATE_US);
    assert.equal((await g.waitForSlot(0, never)).kind, 'start');
    assert.equal(g.late, false);
  });

  it('late beyond --max-late (a start already past): missed, marked late, nothing later runs', async () => {
    const { gate: g, clock } = gate(plan(-3000));
    await clock.advanceUs(200_000);
    const wait = await g.waitForSlot(0, never);
    assert.deepEqual(wait, { kind: 'missed', lateUs: 3_200_000 });
    assert.equal(g.late, true);
    assert.equal(g.startOffsetUs, null, 'nothing started');
    assert.match(g.warnings.join('\n'), /missed the synchronised start: a was ready 3\.20s after its slot, more than --max-late 1\.00s; it ran nothing and its report is marked late/);
    assert.equal((await g.waitForSlot(1, never)).kind, 'missed');
  });

  it('a later slot already past: starts at once and warns with the lateness', async () => {
    const { gate: g, clock } = gate(plan(1000));
    await clock.run(g.waitForSlot(0, never));
    await clock.advanceUs(1_000_000 + SLOT_GAP_US + 300_000);
    const wait = await g.waitForSlot(1, never);
    assert.deepEqual(wait, { kind: 'start', lateUs: 300_000 });
    assert.equal(g.late, false, 'only the first slot decides lateness');
    assert.deepEqual(g.warnings, ['b started 300ms after its slot (the workload before it ran or closed late): it did not run in step with the other shards']);
  });

  it('Ctrl-C while waiting: interrupted at once', async () => {
    const { gate: g, clock } = gate(plan(60_000));
    const stop = new AbortController();
    const waiting = g.waitForSlot(0, stop.signal);
    await clock.advanceUs(1000);
    stop.abort();
    assert.deepEqual(await waiting, { kind: 'interrupted' });
    assert.equal(clock.nowUs(), CLOCK_AT_WALL_US + 1000);
    assert.equal(g.late, false);
  });

  it('after a count-bounded workload the next starts when ready, and the report says why once', async () => {
    const { gate: g, clock } = gate(plan(1000, [rate('a', '1s'), { name: 'counted', type: 'sequential', iterations: 5 }, rate('c', '1s')]));
    await clock.run(g.waitForSlot(0, never));
    await clock.run(g.waitForSlot(1, never));
    const before = clock.nowUs();
    assert.deepEqual(await g.waitForSlot(2, never), { kind: 'start', lateUs: 0 });
    assert.equal(clock.nowUs(), before, 'no wait');
    assert.equal(g.warnings.length, 1);
    assert.match(g.warnings[0]!, /^counted is bounded by a number of calls/);
  });
});
