import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { describe, it } from 'node:test';
import { LimitGuard } from '../../../../src/client/transports/limit-guard.js';
import { WATCH_INTERVAL_US } from '../../../../src/client/transports/limit-watch.js';
import type { Reading } from '../../../../src/client/transports/proc-tree.js';
import type { ServerLimitEvent, ServerLimits } from '../../../../src/client/transports/server-limits.js';
import { FakeClock } from '../../../../src/time/fake-clock.js';

/** Above any pid_max (2^22 at most): signalling its group fails with ESRCH, which the guard ignores. */
const NO_SUCH_PID = 2 ** 30;
const child = (): ChildProcess => ({ pid: NO_SUCH_PID, exitCode: null, signalCode: null }) as unknown as ChildProcess;

function guarded(limits: ServerLimits, readings: ReadonlyArray<readonly [rssBytes: number, ticks: number]>) {
  const clock = new FakeClock();
  const events: ServerLimitEvent[] = [];
  let next = 0;
  const read = async (pid: number): Promise<Reading> => {
    const [rssBytes, ticks] = readings[Math.min(next++, readings.length - 1)]!;
    return { rssBytes, ticks: new Map([[pid, ticks]]) };
  };
  const guard = new LimitGuard({ limits, prlimit: '/usr/bin/prlimit', onEvent: (event) => events.push(event), clock, read });
  return { guard, clock, events };
}

describe('LimitGuard', () => {
  it('kills at the memory limit: the cause is set and counted once, whatever the exit says after', async () => {
    const { guard, clock, events } = guarded({ memoryBytes: 100 }, [[50, 1], [99, 2], [101, 3]]);
    guard.spawned(child());
    assert.deepEqual(events, ['started']);
    await clock.advanceUs(WATCH_INTERVAL_US);
    assert.equal(guard.cause, null, 'not before the reading over the limit');
    await clock.advanceUs(WATCH_INTERVAL_US);
    assert.equal(guard.cause, 'memory-limit');
    guard.exited('SIGKILL');
    assert.equal(guard.cause, 'memory-limit');
    assert.deepEqual(events, ['started', 'memory']);
    assert.equal(clock.pendingTimers, 0, 'the watch has ended');
  });

  it('a server killed by SIGKILL after its CPU time passed the soft limit (it handled SIGXCPU) died at its CPU limit', async () => {
    const { guard, clock, events } = guarded({ cpuUs: 2_000_000 }, [[1e9, 150], [1e9, 260]]);
    guard.spawned(child());
    await clock.advanceUs(WATCH_INTERVAL_US);
    guard.exited('SIGKILL');
    assert.equal(guard.cause, 'cpu-limit');
    assert.deepEqual(events, ['started', 'cpu'], 'no memory limit: its RSS is only read');
  });

  it("SIGXCPU is the CPU limit at once; a crash is no limit's; a stop's signals are the stop's", async () => {
    const sigxcpu = guarded({ cpuUs: 1_000_000 }, [[1, 0]]);
    sigxcpu.guard.spawned(child());
    sigxcpu.guard.exited('SIGXCPU');
    assert.equal(sigxcpu.guard.cause, 'cpu-limit');

    const crashed = guarded({ cpuUs: 1_000_000, memoryBytes: 100 }, [[1, 500]]);
    crashed.guard.spawned(child());
    crashed.guard.exited('SIGSEGV');
    assert.equal(crashed.guard.cause, null);
    assert.deepEqual(crashed.events, ['started']);

    const stopped = guarded({ cpuUs: 1_000_000, memoryBytes: 100 }, [[1, 500], [1e9, 600]]);
    stopped.guard.spawned(child());
    await stopped.clock.advanceUs(0);
    stopped.guard.stop();
    await stopped.clock.advanceUs(5 * WATCH_INTERVAL_US);
    stopped.guard.exited('SIGKILL');
    assert.equal(stopped.guard.cause, null, 'the last step of our own stop is no limit, and the watch read nothing more');
    assert.deepEqual(stopped.events, ['started']);
  });

  it('spawns through prlimit only with a CPU limit', () => {
    assert.deepEqual(guarded({ cpuUs: 3_000_000 }, [[1, 1]]).guard.command('node', ['s.js']), {
      command: '/usr/bin/prlimit',
      args: ['--cpu=3:4', '--core=0', '--', 'node', 's.js'],
    });
    assert.deepEqual(guarded({ memoryBytes: 1 }, [[1, 1]]).guard.command('node', ['s.js']), { command: 'node', args: ['s.js'] });
  });
});
