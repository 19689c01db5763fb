import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFAULT_SATURATION_LIMITS,
  HarnessSampler,
  harnessSummary,
  judgeSaturation,
  LOOP_DELAY_RESOLUTION_MS,
  sampleHarness,
  systemHarnessProbe,
} from '../../../src/metrics/harness.js';
import { FakeClock } from '../../../src/time/fake-clock.js';
import { fakeProbe } from '../harness/fake-probe.js';

const RES_NS = LOOP_DELAY_RESOLUTION_MS * 1e6;

describe('judgeSaturation', () => {
  const cases: readonly { name: string; cpu: number; p99Us: number; reasons: readonly string[] }[] = [
    { name: 'idle', cpu: 3, p99Us: 200, reasons: [] },
    { name: 'busy but under both limits', cpu: 89.9, p99Us: 7_999, reasons: [] },
    { name: 'CPU at the limit', cpu: 90, p99Us: 500, reasons: ['its own CPU 90% of a core'] },
    { name: 'CPU past a core (GC threads)', cpu: 131.4, p99Us: 500, reasons: ['its own CPU 131% of a core'] },
    { name: 'loop delay at the limit', cpu: 30, p99Us: 8_000, reasons: ['event-loop delay p99 8.00ms'] },
    { name: 'loop delay far past it', cpu: 34, p99Us: 48_000, reasons: ['event-loop delay p99 48.0ms'] },
    { name: 'both', cpu: 98, p99Us: 24_000, reasons: ['its own CPU 98% of a core', 'event-loop delay p99 24.0ms'] },
  ];
  for (const c of cases) {
    it(`${c.name}: ${c.reasons.length === 0 ? 'not saturated' : c.reasons.join(' + ')}`, () => {
      const verdict = judgeSaturation({ cpuPercent: c.cpu, eventLoopDelayP99Us: c.p99Us, eventLoopDelayMaxUs: c.p99Us * 2 });
      assert.deepEqual(verdict, c.reasons.length > 0 ? { saturated: true, cause: 'generator', reasons: c.reasons } : { saturated: false, reasons: [] });
    });
  }

  it('takes other limits when given', () => {
    const figures = { cpuPercent: 50, eventLoopDelayP99Us: 3_000, eventLoopDelayMaxUs: 9_000 };
    assert.equal(judgeSaturation(figures).saturated, false);
    assert.deepEqual(judgeSaturation(figures, { cpuPercent: 50, loopDelayP99Us: 2_000 }).reasons, ['its own CPU 50% of a core', 'event-loop delay p99 3.00ms']);
  });

  it('uses a core and ten milliseconds by default', () => {
    assert.deepEqual(DEFAULT_SATURATION_LIMITS, { cpuPercent: 90, loopDelayP99Us: 8_000 });
  });
});

describe('harnessSummary', () => {
  it('rounds CPU to a tenth and delays to whole µs, as the report schema wants', () => {
    const summary = harnessSummary({ cpuPercent: 33.3333, eventLoopDelayP99Us: 1_234.6, eventLoopDelayMaxUs: 5_000.4 });
    assert.deepEqual(summary, { cpuPercent: 33.3, eventLoopDelayP99Us: 1_235, eventLoopDelayMaxUs: 5_000, saturated: false, reasons: [] });
  });
});

describe('HarnessSampler', () => {
  it('gives CPU over the span in % of a core and the loop delay less the monitor resolution', async () => {
    const clock = new FakeClock(5_000_000);
    const { probe, histograms, resolutions } = fakeProbe(clock, { cpuShare: 0.34, loopP99Ns: RES_NS + 1_200_000, loopMaxNs: RES_NS + 7_000_000 });
    const sampler = new HarnessSampler(probe);
    sampler.start();
    assert.equal(histograms[0]!.enabled, true);
    await clock.advanceUs(2_000_000);
    const summary = sampler.stop();
    assert.deepEqual(summary, { cpuPercent: 34, eventLoopDelayP99Us: 1_200, eventLoopDelayMaxUs: 7_000, saturated: false, reasons: [] });
    assert.equal(histograms[0]!.enabled, false);
    assert.deepEqual(resolutions, [LOOP_DELAY_RESOLUTION_MS]);
  });

  it('counts only the span between start and stop, not the CPU used before', async () => {
    const clock = new FakeClock(0);
    const { probe } = fakeProbe(clock, { cpuShare: 0.5, loopP99Ns: RES_NS, loopMaxNs: RES_NS });
    await clock.advanceUs(10_000_000);
    const sampler = new HarnessSampler(probe);
    sampler.start();
    await clock.advanceUs(1_000_000);
    assert.equal(sampler.stop()?.cpuPercent, 50);
  });

  it('calls a full core and a late loop saturated, with both reasons', async () => {
    const clock = new FakeClock();
    const { probe } = fakeProbe(clock, { cpuShare: 0.98, loopP99Ns: RES_NS + 24_000_000, loopMaxNs: RES_NS + 60_000_000 });
    const sampler = new HarnessSampler(probe);
    sampler.start();
    await clock.advanceUs(3_000_000);
    const summary = sampler.stop();
    assert.equal(summary?.saturated, true);
    assert.deepEqual(summary?.reasons, ['its own CPU 98% of a core', 'event-loop delay p99 24.0ms']);
  });

  it('reports no delay when the monitor took no sample, and none below zero', async () => {
    const clock = new FakeClock();
    const empty = fakeProbe(clock, { cpuShare: 0.1, loopP99Ns: 0, loopMaxNs: 0, samples: 0 });
    const early = fakeProbe(clock, { cpuShare: 0.1, loopP99Ns: RES_NS - 500_000, loopMaxNs: RES_NS - 1 });
    for (const { probe } of [empty, early]) {
      const sampler = new HarnessSampler(probe);
      sampler.start();
      await clock.advanceUs(1_000);
      const summary = sampler.stop();
      assert.equal(summary?.eventLoopDelayP99Us, 0);
      assert.equal(summary?.eventLoopDelayMaxUs, 0);
    }
  });

  it('gives 0% CPU over a span of no time, and null when never started', () => {
    const clock = new FakeClock();
    const { probe, histograms } = fakeProbe(clock, { cpuShare: 1, loopP99Ns: RES_NS, loopMaxNs: RES_NS });
    const unstarted = new HarnessSampler(probe);
    assert.equal(unstarted.stop(), null);
    assert.equal(histograms[0]!.disables, 1);
    const instant = new HarnessSampler(probe);
    instant.start();
    assert.equal(instant.stop()?.cpuPercent, 0);
  });
});

describe('sampleHarness', () => {
  it('returns the work’s value with the span’s summary', async () => {
    const clock = new FakeClock();
    const { probe, histograms } = fakeProbe(clock, { cpuShare: 0.25, loopP99Ns: RES_NS + 300_000, loopMaxNs: RES_NS + 900_000 });
    const { value, harness } = await clock.run(sampleHarness(probe, async () => {
      await clock.sleepUs(4_000_000);
      return 'done';
    }));
    assert.equal(value, 'done');
    assert.deepEqual(harness, { cpuPercent: 25, eventLoopDelayP99Us: 300, eventLoopDelayMaxUs: 900, saturated: false, reasons: [] });
    assert.equal(histograms[0]!.enabled, false);
  });

  it('switches the monitor off when the work throws', async () => {
    const clock = new FakeClock();
    const { probe, histograms } = fakeProbe(clock, { cpuShare: 0.25, loopP99Ns: RES_NS, loopMaxNs: RES_NS });
    await assert.rejects(sampleHarness(probe, () => Promise.reject(new Error('boom'))), /boom/);
    assert.equal(histograms[0]!.enabled, false);
    assert.ok(histograms[0]!.disables >= 1);
  });
});

describe('systemHarnessProbe', () => {
  it('reads this process: its CPU time so far, performance.now in µs, and an unsampled perf_hooks histogram', () => {
    const usage = systemHarnessProbe.cpuUsage();
    assert.ok(usage.user > 0, 'a process that has loaded its modules has used CPU');
    const before = performance.now() * 1000;
    const now = systemHarnessProbe.nowUs();
    assert.ok(now >= before && now <= performance.now() * 1000, 'µs on the performance.now timeline');
    const histogram = systemHarnessProbe.loopDelay(LOOP_DELAY_RESOLUTION_MS);
    assert.equal(histogram.count, 0);
    assert.equal(typeof histogram.percentile(99), 'number');
    histogram.disable();
  });
});
