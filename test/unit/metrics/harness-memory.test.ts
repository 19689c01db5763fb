import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HarnessSampler, LOOP_DELAY_RESOLUTION_MS } from '../../../src/metrics/harness.js';
import { MEMORY_CLIMB_LIMITS, MemorySampler, memoryClimb, mergeHarnessMemory, systemMemoryProbe } from '../../../src/metrics/harness-memory.js';
import type { HarnessMemorySummary, HarnessSummary } from '../../../src/metrics/harness-types.js';
import { mergeHarness } from '../../../src/summary/merge-runs.js';
import { harnessLine, memoryClimbWarning } from '../../../src/report/harness-text.js';
import { FakeClock } from '../../../src/time/fake-clock.js';
import { renderHtml } from '../../../src/report/html.js';
import { renderMarkdown } from '../../../src/report/markdown.js';
import { renderTable } from '../../../src/report/table.js';
import { reportSchema } from '../../../src/report/report-schema.js';
import type { RunSummary } from '../../../src/summary/summary.js';
import { fixtureSummary } from '../../fixtures/summary.js';
import { fakeMemoryProbe, fakeProbe, readingOf } from '../harness/fake-probe.js';

const MB = 1_000_000;
const RES_NS = LOOP_DELAY_RESOLUTION_MS * 1e6;

/** RSS over time: 100 MB, 300 MB from 0.4 s to 0.6 s (one tick sees it, at 0.5 s), then 150 MB. */
function bump(nowUs: number) {
  return readingOf(nowUs < 400_000 ? 100 * MB : nowUs < 600_000 ? 300 * MB : 150 * MB);
}

describe('MemorySampler', () => {
  it('reads at the start, every 250 ms and at the end: start, peak and end RSS, the peaks of heap and external', async () => {
    const clock = new FakeClock();
    const { probe, state } = fakeMemoryProbe(clock, bump);
    const sampler = new MemorySampler(probe);
    sampler.start();
    await clock.advanceUs(1_100_000);
    const memory = sampler.stop();
    assert.deepEqual(memory, {
      startRssBytes: 100 * MB,
      peakRssBytes: 300 * MB,
      endRssBytes: 150 * MB,
      peakHeapUsedBytes: 100 * MB,
      peakHeapTotalBytes: 150 * MB,
      peakExternalBytes: 1 * MB,
    });
    // Start, ticks at 0.25, 0.5, 0.75 and 1.0 s, end.
    assert.equal(state.reads, 6);
    await clock.advanceUs(1_000_000);
    assert.equal(state.reads, 6, 'no tick after stop');
    assert.equal(state.ticking, 0);
  });

  it('misses a peak between two ticks, unless the high-water mark rose during the span: then that is the peak', async () => {
    const between = (nowUs: number) => readingOf(nowUs >= 100_000 && nowUs < 200_000 ? 900 * MB : 100 * MB);
    const missed = new FakeClock();
    const sampler = new MemorySampler(fakeMemoryProbe(missed, between).probe);
    sampler.start();
    await missed.advanceUs(300_000);
    assert.equal(sampler.stop()?.peakRssBytes, 100 * MB);

    const caught = new FakeClock();
    let highWater = 120 * MB;
    const withMark = new MemorySampler(fakeMemoryProbe(caught, between, () => highWater).probe);
    withMark.start();
    await caught.advanceUs(150_000);
    highWater = 900 * MB;
    await caught.advanceUs(150_000);
    assert.equal(withMark.stop()?.peakRssBytes, 900 * MB);
  });

  it('does not take a high-water mark reached before the span for its peak', async () => {
    const clock = new FakeClock();
    const sampler = new MemorySampler(fakeMemoryProbe(clock, () => readingOf(100 * MB), () => 2_000 * MB).probe);
    sampler.start();
    await clock.advanceUs(500_000);
    assert.equal(sampler.stop()?.peakRssBytes, 100 * MB);
  });

  it('skips a reading that throws; without a first reading, or never started, it has no figures', async () => {
    const clock = new FakeClock();
    let failing = false;
    const sampler = new MemorySampler(
      fakeMemoryProbe(clock, (nowUs) => {
        if (failing) throw new Error('EMFILE');
        return readingOf(nowUs < 300_000 ? 100 * MB : 200 * MB);
      }).probe,
    );
    sampler.start();
    await clock.advanceUs(260_000);
    failing = true;
    await clock.advanceUs(500_000);
    assert.deepEqual(
      { start: sampler.stop()?.startRssBytes, peak: 100 * MB },
      { start: 100 * MB, peak: 100 * MB },
    );
    assert.equal(new MemorySampler(fakeMemoryProbe(clock, bump).probe).stop(), null);
    const broken = new MemorySampler(fakeMemoryProbe(clock, () => { throw new Error('no /proc'); }).probe);
    broken.start();
    assert.equal(broken.stop(), null);
  });
});

describe('HarnessSampler with a memory probe', () => {
  it('adds the memory to the summary; without one the summary has none', async () => {
    const clock = new FakeClock();
    const figures = { cpuShare: 0.2, loopP99Ns: RES_NS + 1_000_000, loopMaxNs: RES_NS + 2_000_000 };
    const memory = fakeMemoryProbe(clock, bump);
    const sampler = new HarnessSampler({ ...fakeProbe(clock, figures).probe, memory: memory.probe });
    sampler.start();
    await clock.advanceUs(1_000_000);
    const summary = sampler.stop();
    assert.equal(summary?.cpuPercent, 20);
    assert.deepEqual(summary?.memory, { startRssBytes: 100 * MB, peakRssBytes: 300 * MB, endRssBytes: 150 * MB, peakHeapUsedBytes: 100 * MB, peakHeapTotalBytes: 150 * MB, peakExternalBytes: MB });
    await clock.advanceUs(0);
    assert.equal(memory.state.ticking, 0, 'the ticks stop with the sampler');

    const plain = new HarnessSampler(fakeProbe(clock, figures).probe);
    plain.start();
    await clock.advanceUs(1_000_000);
    assert.equal('memory' in plain.stop()!, false);
  });
});

const span = (start: number, peak: number, end: number, heap = 50): HarnessMemorySummary => ({
  startRssBytes: start * MB,
  peakRssBytes: peak * MB,
  endRssBytes: end * MB,
  peakHeapUsedBytes: heap * MB,
  peakHeapTotalBytes: 2 * heap * MB,
  peakExternalBytes: heap * 10_000,
});

describe('mergeHarnessMemory', () => {
  it('over rounds: the first start, the last end, the largest peaks', () => {
    const merged = mergeHarnessMemory([span(100, 180, 150, 40), undefined, span(150, 400, 160, 90), span(160, 170, 170, 60)], 'rounds');
    assert.deepEqual(merged, { ...span(100, 400, 170, 90) });
  });

  it('over shards: the largest peaks, and the start and end of the shard that grew most (never two processes mixed)', () => {
    const merged = mergeHarnessMemory([span(100, 500, 110, 80), span(90, 200, 190, 40), span(300, 320, 310, 30)], 'shards');
    assert.deepEqual(merged, { ...span(90, 500, 190, 80) });
  });

  it('nothing sampled: no memory', () => {
    assert.equal(mergeHarnessMemory([undefined, undefined], 'rounds'), undefined);
    assert.equal(mergeHarnessMemory([], 'shards'), undefined);
  });

  it('the harness merge keeps the worst CPU figures and merges the memory of every part', () => {
    const base = { eventLoopDelayMaxUs: 9_000, reasons: [] };
    const quiet: HarnessSummary = { ...base, cpuPercent: 20, eventLoopDelayP99Us: 1_000, saturated: false, memory: span(100, 150, 120) };
    const busy: HarnessSummary = { ...base, cpuPercent: 60, eventLoopDelayP99Us: 6_000, saturated: false, memory: span(120, 130, 125) };
    const older: HarnessSummary = { ...base, cpuPercent: 30, eventLoopDelayP99Us: 2_000, saturated: false };
    const merged = mergeHarness([quiet, busy, older], 'rounds');
    assert.deepEqual(merged, { ...busy, memory: span(100, 150, 125) });
    const withoutMemory = mergeHarness([older], 'shards');
    assert.deepEqual(withoutMemory, older);
    assert.equal(mergeHarness([], 'rounds'), undefined);
  });
});

describe('memoryClimb', () => {
  const cases: readonly (readonly [name: string, start: number, end: number, climbed: boolean])[] = [
    ['the 20 s echo run measured here (174 → 204 MB)', 174, 204, false],
    ['grew 255 MiB from 170 MB', 170, 170 + 255 * 1.048576, false],
    ['grew 300 MB from 170 MB', 170, 470, true],
    ['grew 300 MB from 1 GB (a process that began large)', 1_000, 1_300, false],
    ['grew 600 MB from 1 GB', 1_000, 1_600, true],
    ['shrank', 400, 200, false],
  ];
  for (const [name, start, end, climbed] of cases) {
    it(`${name}: ${climbed ? 'climbed' : 'no note'}`, () => {
      const grew = memoryClimb(span(start, Math.max(start, end), end));
      assert.equal(grew, climbed ? (end - start) * MB : null);
    });
  }

  it('takes 256 MiB and half the start by default', () => {
    assert.deepEqual(MEMORY_CLIMB_LIMITS, { minBytes: 256 * 1024 * 1024, minShare: 0.5 });
  });
});

describe('the harness line and the climb note', () => {
  const harness: HarnessSummary = { cpuPercent: 34, eventLoopDelayP99Us: 1_200, eventLoopDelayMaxUs: 4_000, saturated: false, reasons: [] };

  it('adds RSS start → end (peak) and the heap peak to the CPU and loop figures', () => {
    const line = harnessLine({ ...harness, memory: { ...span(176.6, 181, 180.6), peakHeapUsedBytes: 48.7 * MB } });
    assert.equal(line, 'harness: CPU 34% of a core · event-loop delay p99 1.20ms · RSS 176.6 → 180.6 MB (peak 181.0) · heap 48.7 MB');
    assert.equal(harnessLine(harness), 'harness: CPU 34% of a core · event-loop delay p99 1.20ms');
  });

  it('warns when the RSS climbed, and only then', () => {
    assert.equal(
      memoryClimbWarning({ ...harness, memory: span(170, 900, 880, 610) }),
      "mcp-bench's own memory climbed (RSS 170.0 MB → 880.0 MB, heap peak 610.0 MB): a leak of the harness's, or memory it keeps (a large cache, large answers in flight); a longer run may run out of memory",
    );
    assert.equal(memoryClimbWarning({ ...harness, memory: span(174, 268, 204) }), null);
    assert.equal(memoryClimbWarning(harness), null);
  });
});

describe('systemMemoryProbe', () => {
  it('reads this process: RSS above the heap used, above nothing; the high-water mark at least the RSS read before it', () => {
    const reading = systemMemoryProbe.read();
    assert.ok(reading.rssBytes > reading.heapUsedBytes && reading.heapUsedBytes > 0, JSON.stringify(reading));
    assert.ok(reading.heapTotalBytes >= reading.heapUsedBytes);
    assert.ok(reading.externalBytes > 0);
    const mark = systemMemoryProbe.maxRssBytes();
    assert.ok(mark !== null && mark >= reading.rssBytes * 0.99, `${mark} vs ${reading.rssBytes}`);
  });

  it('ticks on a timer until told to stop', async () => {
    let ticks = 0;
    const stop = systemMemoryProbe.every(1_000, () => ticks++);
    await new Promise((resolve) => setTimeout(resolve, 30));
    stop();
    const seen = ticks;
    assert.ok(seen >= 1, 'it ticked');
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(ticks, seen, 'no tick after stop');
  });
});

describe('the harness memory in every format', () => {
  const harness: HarnessSummary = { cpuPercent: 34, eventLoopDelayP99Us: 1_200, eventLoopDelayMaxUs: 4_000, saturated: false, reasons: [] };
  const withMemory = (memory: HarnessMemorySummary): RunSummary => {
    const base = fixtureSummary();
    return { ...base, workloads: base.workloads.map((w, i) => (i === 0 ? { ...w, harness: { ...harness, memory } } : w)) };
  };

  it('a climb: the line and a warning in the table, Markdown and HTML; the JSON fits the schema', () => {
    const summary = withMemory(span(170, 900, 880, 610));
    const table = renderTable(summary, { color: false });
    assert.match(table, /harness: CPU 34% of a core · event-loop delay p99 1\.20ms · RSS 170\.0 → 880\.0 MB \(peak 900\.0\) · heap 610\.0 MB/);
    assert.match(table, /⚠ mcp-bench's own memory climbed \(RSS 170\.0 MB → 880\.0 MB/);
    assert.match(renderMarkdown(summary), /mcp-bench's own memory climbed/);
    assert.match(renderHtml(summary), /<p class="warn">⚠ mcp-bench&#39;s own memory climbed|<p class="warn">⚠ mcp-bench's own memory climbed/);
    assert.doesNotThrow(() => reportSchema.parse(JSON.parse(JSON.stringify(summary))));
  });

  it('no climb: the line only', () => {
    const table = renderTable(withMemory(span(174, 268, 204)), { color: false });
    assert.match(table, /· RSS 174\.0 → 204\.0 MB \(peak 268\.0\)/);
    assert.equal(table.includes('memory climbed'), false);
  });
});
