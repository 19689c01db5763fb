import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HarnessSampler, judgeSaturation, LOOP_DELAY_RESOLUTION_MS } from '../../../src/metrics/harness.js';
import { MachineSampler, machineBusy, parseProcStat, type CpuTimes, type MachineLoad, type MachineProbe } from '../../../src/metrics/machine-load.js';
import { saturationWarning, SATURATION_PHRASE } from '../../../src/report/harness-text.js';
import { FakeClock } from '../../../src/time/fake-clock.js';
import { fakeProbe } from '../harness/fake-probe.js';

/** A machine probe that gives `times` in turn (start, stop), a fixed load average and core count. */
function machineProbe(loadAverage: number, cores: number, times: readonly (CpuTimes | null)[]): MachineProbe {
  let read = 0;
  return { loadAverage: () => loadAverage, cores: () => cores, cpuTimes: () => times[Math.min(read++, times.length - 1)] ?? null };
}

const BUSY: MachineLoad = { loadAverage: 5.2, cores: 2, stealPercent: 3, othersCpuPercent: 150 };
const QUIET: MachineLoad = { loadAverage: 0.3, cores: 2, stealPercent: 0, othersCpuPercent: 10 };
const LATE_LOOP = { cpuPercent: 12, eventLoopDelayP99Us: 20_000, eventLoopDelayMaxUs: 40_000 };

describe('machine load (issue 11: a busy machine is not a saturated generator)', () => {
  it('reads /proc/stat: total, idle + iowait, steal', () => {
    const text = 'cpu  100 5 50 800 20 3 2 20 0 0\ncpu0 50 2 25 400 10 1 1 10 0 0\n';
    assert.deepEqual(parseProcStat(text), { total: 1_000, idle: 820, steal: 20 });
    assert.equal(parseProcStat('intr 1 2 3'), null);
    assert.equal(parseProcStat(''), null);
  });

  it("samples steal and other processes' CPU over a span, less mcp-bench's own", () => {
    // 1,000 ticks over 2 cores: 500 idle, 50 stolen, 450 busy: 45% of the machine, 90% of a core; less its own 20%: 70%.
    const sampler = new MachineSampler(machineProbe(3.456, 2, [{ total: 0, idle: 0, steal: 0 }, { total: 1_000, idle: 500, steal: 50 }]));
    sampler.start();
    assert.deepEqual(sampler.stop(20), { loadAverage: 3.46, cores: 2, stealPercent: 5, othersCpuPercent: 70 });
  });

  it('without /proc/stat: the load average and cores only', () => {
    const sampler = new MachineSampler(machineProbe(1, 4, [null]));
    sampler.start();
    assert.deepEqual(sampler.stop(10), { loadAverage: 1, cores: 4, stealPercent: null, othersCpuPercent: null });
  });

  it('is busy at a load of the core count, at 5% steal, or with others using half the CPU', () => {
    assert.equal(machineBusy(QUIET), false);
    assert.equal(machineBusy({ ...QUIET, loadAverage: 2 }), true);
    assert.equal(machineBusy({ ...QUIET, stealPercent: 5 }), true);
    assert.equal(machineBusy({ ...QUIET, othersCpuPercent: 100 }), true);
    assert.equal(machineBusy({ ...QUIET, stealPercent: null, othersCpuPercent: null }), false);
  });

  it('a late loop at 12% CPU on a busy machine blames the machine, with what kept it busy', () => {
    assert.deepEqual(judgeSaturation({ ...LATE_LOOP, machine: BUSY }), {
      saturated: true,
      cause: 'machine',
      reasons: ['load 5.2 on 2 cores, steal 3.0%, other processes 150% CPU'],
    });
  });

  it('a late loop on a quiet machine, or a full core anywhere, blames the generator', () => {
    assert.equal(judgeSaturation({ ...LATE_LOOP, machine: QUIET }).cause, 'generator');
    assert.equal(judgeSaturation(LATE_LOOP).cause, 'generator', 'machine unknown');
    assert.deepEqual(judgeSaturation({ cpuPercent: 97, eventLoopDelayP99Us: 20_000, eventLoopDelayMaxUs: 0, machine: BUSY }).reasons, [
      'its own CPU 97% of a core',
      'event-loop delay p99 20.0ms',
    ]);
  });

  it('the sampler carries the machine into the summary, and the warning words the two causes apart', async () => {
    const clock = new FakeClock();
    const resNs = LOOP_DELAY_RESOLUTION_MS * 1e6;
    const { probe } = fakeProbe(clock, { cpuShare: 0.12, loopP99Ns: resNs + 20_000_000, loopMaxNs: resNs + 40_000_000 });
    const machine = machineProbe(5.2, 2, [{ total: 0, idle: 0, steal: 0 }, { total: 1_000, idle: 200, steal: 30 }]);
    const sampler = new HarnessSampler({ ...probe, machine });
    sampler.start();
    await clock.advanceUs(2_000_000);
    const summary = sampler.stop()!;
    assert.deepEqual(summary.machine, { loadAverage: 5.2, cores: 2, stealPercent: 3, othersCpuPercent: 142 });
    assert.equal(summary.cause, 'machine');
    const busy = saturationWarning(summary)!;
    assert.equal(
      busy,
      `the machine was busy (load 5.2 on 2 cores, steal 3.0%, other processes 142% CPU): mcp-bench's event loop ran late (p99 20.0ms) at its own CPU 12% of a core, so ${SATURATION_PHRASE}; rerun on a quieter machine`,
    );
    assert.doesNotMatch(busy, /generator was saturated/);
    const saturated = saturationWarning({ ...summary, cpuPercent: 97, cause: 'generator', reasons: ['its own CPU 97% of a core'] })!;
    assert.match(saturated, /^mcp-bench's generator was saturated \(its own CPU 97% of a core\): figures may be bounded/);
  });
});
