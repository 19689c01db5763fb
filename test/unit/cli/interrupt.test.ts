import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EXIT_DEADLINE_US, watchInterrupts } from '../../../src/cli/interrupt.js';
import { FakeClock } from '../../../src/time/fake-clock.js';
import { captureIo } from '../../fixtures/io.js';

function setUp(graceUs = 2_000_000, exitDeadlineUs?: number) {
  const clock = new FakeClock();
  const io = captureIo({ cwd: '/' });
  const said: string[] = [];
  const interrupts = watchInterrupts({ io, clock, graceUs, graceLabel: `${graceUs / 1e6}s`, say: (text) => said.push(text), exitDeadlineUs });
  return { clock, io, said, interrupts };
}

describe('watchInterrupts', () => {
  it('first signal stops; the grace period over, calls in flight are abandoned', async () => {
    const { clock, io, said, interrupts } = setUp();
    assert.equal(interrupts.stopSignal.aborted, false);
    io.raise('SIGINT');
    assert.equal(interrupts.stopSignal.aborted, true);
    assert.equal(interrupts.abandonSignal.aborted, false);
    assert.deepEqual(said, ['\nSIGINT: stopping — calls in flight get 2s to finish, then what was measured is reported (again to exit now)\n']);
    await clock.advanceUs(1_999_999);
    assert.equal(interrupts.abandonSignal.aborted, false);
    await clock.advanceUs(1);
    assert.equal(interrupts.abandonSignal.aborted, true);
    assert.equal(said[1], 'grace period (2s) over: no longer waiting for calls in flight; they are not counted\n');
    assert.deepEqual(io.exits, []);
    interrupts.dispose();
    assert.equal(clock.pendingTimers, 0, 'no timer left behind');
  });

  it('a run that still has not ended long after the grace period is exited, without a report', async () => {
    const { clock, io, said, interrupts } = setUp(500_000);
    io.raise('SIGTERM');
    await clock.advanceUs(500_000 + EXIT_DEADLINE_US - 1);
    assert.deepEqual(io.exits, []);
    await clock.advanceUs(1);
    assert.deepEqual(io.exits, [130]);
    assert.match(said.at(-1)!, /did not end within 10s after the grace period: exiting now, without a report/);
    interrupts.dispose();
  });

  it('the deadline after the grace period can be shortened (MCP_BENCH_EXIT_DEADLINE)', async () => {
    const { clock, io, said, interrupts } = setUp(200_000, 1_000_000);
    io.raise('SIGINT');
    await clock.advanceUs(200_000 + 1_000_000 - 1);
    assert.deepEqual(io.exits, []);
    await clock.advanceUs(1);
    assert.deepEqual(io.exits, [130]);
    assert.match(said.at(-1)!, /did not end within 1s after the grace period: exiting now, without a report/);
    interrupts.dispose();
  });

  it('second signal: exit at once', () => {
    const { io, said, interrupts } = setUp();
    io.raise('SIGINT');
    io.raise('SIGTERM');
    assert.deepEqual(io.exits, [130]);
    assert.equal(said[1], '\nSIGTERM again: exiting now, without a report\n');
    interrupts.dispose();
  });

  it('a zero grace abandons at once', async () => {
    const { clock, io, interrupts } = setUp(0);
    io.raise('SIGINT');
    await clock.advanceUs(0);
    assert.equal(interrupts.abandonSignal.aborted, true);
    interrupts.dispose();
  });

  it('dispose() removes the handler and cancels the timers', async () => {
    const { clock, io, interrupts } = setUp();
    io.raise('SIGINT');
    interrupts.dispose();
    assert.equal(clock.pendingTimers, 0);
    await clock.advanceUs(60_000_000);
    assert.equal(interrupts.abandonSignal.aborted, false);
    io.raise('SIGINT');
    assert.deepEqual(io.exits, [], 'no handler once the run is over');
  });
});
