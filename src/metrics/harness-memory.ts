/**
 * mcp-bench's own memory over a workload: its RSS at the start, at its peak and at the end, and its peak V8 heap and
 * external memory, read through a MemoryProbe (the real process: systemMemoryProbe; tests: fixed readings on a fake
 * clock). A harness that keeps growing is a leak of the load generator's own, which a long run would pay for.
 *
 * How: one reading at the start, one every 250 ms, one at the end, each `process.memoryUsage()`. Measured on this
 * machine: `memoryUsage()` costs 11 µs whatever the heap's size (30 MB or 330 MB), `memoryUsage.rss()` alone 9 µs,
 * so the cheaper call buys nothing and every tick reads everything: 4 ticks a second are ~45 µs/s, 0.005% of a core.
 * Peaks between ticks are caught for RSS by the process's high-water mark (getrusage's ru_maxrss): when it rose during
 * the workload, the new mark was reached during it, so it is the workload's exact peak; when it did not, the peak is
 * the largest reading. The heap's peak is the largest reading (a garbage collection between ticks hides a higher one).
 */
import type { HarnessMemorySummary } from './harness-types.js';

/** One reading of this process's memory, bytes. */
export interface MemoryReading {
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  readonly heapTotalBytes: number;
  /** C++ objects bound to JS objects, ArrayBuffers and Buffers included (Node's `external`, which holds `arrayBuffers`). */
  readonly externalBytes: number;
}

/** Where the memory sampler reads its figures and its ticks: the real process, or fixed numbers in tests. */
export interface MemoryProbe {
  read(): MemoryReading;
  /** The highest RSS this process ever had (getrusage ru_maxrss), bytes; null where unknown. */
  maxRssBytes(): number | null;
  /** Calls `tick` every `intervalUs` until the returned function is called; never keeps the process alive. */
  every(intervalUs: number, tick: () => void): () => void;
}

/** How often memory is read between the start and the end. */
export const MEMORY_INTERVAL_US = 250_000;

interface Peaks {
  rssBytes: number;
  heapUsedBytes: number;
  heapTotalBytes: number;
  externalBytes: number;
}

/** One span: `start()` when the workload begins, `stop()` at its end. A reading that throws is skipped. */
export class MemorySampler {
  private first: MemoryReading | null = null;
  private peaks: Peaks | null = null;
  private maxRssAtStart: number | null = null;
  private stopTicking: (() => void) | null = null;

  constructor(
    private readonly probe: MemoryProbe,
    private readonly intervalUs: number = MEMORY_INTERVAL_US,
  ) {}

  start(): void {
    this.first = this.sample();
    this.maxRssAtStart = this.highWater();
    this.stopTicking = this.probe.every(this.intervalUs, () => void this.sample());
  }

  /** The span's figures; null when it was never started or no reading succeeded. Ticking stops either way. */
  stop(): HarnessMemorySummary | null {
    this.stopTicking?.();
    this.stopTicking = null;
    const first = this.first;
    if (!first) return null;
    this.first = null;
    const last = this.sample() ?? first;
    const peaks = this.peaks!;
    const highWater = this.highWater();
    const rose = highWater !== null && this.maxRssAtStart !== null && highWater > this.maxRssAtStart;
    return {
      startRssBytes: first.rssBytes,
      peakRssBytes: Math.max(peaks.rssBytes, rose ? highWater : 0),
      endRssBytes: last.rssBytes,
      peakHeapUsedBytes: peaks.heapUsedBytes,
      peakHeapTotalBytes: peaks.heapTotalBytes,
      peakExternalBytes: peaks.externalBytes,
    };
  }

  private sample(): MemoryReading | null {
    let reading: MemoryReading;
    try {
      reading = this.probe.read();
    } catch {
      return null;
    }
    const peaks = (this.peaks ??= { rssBytes: 0, heapUsedBytes: 0, heapTotalBytes: 0, externalBytes: 0 });
    peaks.rssBytes = Math.max(peaks.rssBytes, reading.rssBytes);
    peaks.heapUsedBytes = Math.max(peaks.heapUsedBytes, reading.heapUsedBytes);
    peaks.heapTotalBytes = Math.max(peaks.heapTotalBytes, reading.heapTotalBytes);
    peaks.externalBytes = Math.max(peaks.externalBytes, reading.externalBytes);
    return reading;
  }

  private highWater(): number | null {
    try {
      return this.probe.maxRssBytes();
    } catch {
      return null;
    }
  }
}

/** This process: process.memoryUsage, process.resourceUsage().maxRSS (KiB) and an unref'd interval timer. */
export const systemMemoryProbe: MemoryProbe = {
  read: () => {
    const usage = process.memoryUsage();
    return { rssBytes: usage.rss, heapUsedBytes: usage.heapUsed, heapTotalBytes: usage.heapTotal, externalBytes: usage.external };
  },
  maxRssBytes: () => process.resourceUsage().maxRSS * 1024,
  every: (intervalUs, tick) => {
    const timer = setInterval(tick, Math.max(1, intervalUs / 1000));
    timer.unref();
    return () => clearInterval(timer);
  },
};

/**
 * Several spans as one. `rounds` (the same process, one round after another): the first round's start, the last's
 * end, the largest peaks. `shards` (other processes at the same time): the largest peaks, and the start and end of
 * the shard whose RSS grew the most, so a growth is always one process's, never the difference of two. Undefined
 * when no span has figures.
 */
export function mergeHarnessMemory(spans: readonly (HarnessMemorySummary | undefined)[], over: 'rounds' | 'shards'): HarnessMemorySummary | undefined {
  const sampled = spans.filter((span): span is HarnessMemorySummary => span !== undefined);
  const first = sampled[0];
  if (first === undefined) return undefined;
  const growth = (span: HarnessMemorySummary): number => span.endRssBytes - span.startRssBytes;
  const ends =
    over === 'rounds'
      ? { startRssBytes: first.startRssBytes, endRssBytes: sampled[sampled.length - 1]!.endRssBytes }
      : sampled.reduce((most, span) => (growth(span) > growth(most) ? span : most), first);
  const peak = (pick: (span: HarnessMemorySummary) => number): number => Math.max(...sampled.map(pick));
  return {
    startRssBytes: ends.startRssBytes,
    peakRssBytes: peak((s) => s.peakRssBytes),
    endRssBytes: ends.endRssBytes,
    peakHeapUsedBytes: peak((s) => s.peakHeapUsedBytes),
    peakHeapTotalBytes: peak((s) => s.peakHeapTotalBytes),
    peakExternalBytes: peak((s) => s.peakExternalBytes),
  };
}

/**
 * When mcp-bench's own RSS grew enough over a workload to say so: by at least `minBytes` and by `minShare` of where it
 * began. Measured here: a 64-in-flight echo run grew 174 → 204 MB in 20 s (peak 268 MB) and 178 → 196 MB in 3 s, yet
 * its heap used after a full GC at exit was 30 MB both times — V8 and malloc keep freed memory a while, so tens of MB
 * are no leak. 256 MiB is ~3× the largest such growth seen; half the start keeps a process that began large (data
 * files read) from being flagged for ordinary growth.
 */
export const MEMORY_CLIMB_LIMITS = { minBytes: 256 * 1024 * 1024, minShare: 0.5 } as const;

/** The bytes RSS grew by when it climbed past the limits (a leak of mcp-bench's own, or memory it kept); else null. */
export function memoryClimb(memory: HarnessMemorySummary, limits: { readonly minBytes: number; readonly minShare: number } = MEMORY_CLIMB_LIMITS): number | null {
  const grew = memory.endRssBytes - memory.startRssBytes;
  return grew >= limits.minBytes && grew >= limits.minShare * memory.startRssBytes ? grew : null;
}
