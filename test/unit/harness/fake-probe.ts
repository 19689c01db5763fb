import type { HarnessProbe, LoopDelayHistogram } from '../../../src/metrics/harness.js';
import type { MemoryProbe, MemoryReading } from '../../../src/metrics/harness-memory.js';
import type { Clock } from '../../../src/time/clock.js';

/** A loop-delay histogram with fixed figures (ns, as perf_hooks gives them); counts how it was switched. */
export class FakeLoopDelay implements LoopDelayHistogram {
  enabled = false;
  enables = 0;
  disables = 0;
  constructor(
    private readonly p99Ns: number,
    readonly max: number,
    readonly count: number,
  ) {}
  enable(): void {
    this.enabled = true;
    this.enables++;
  }
  disable(): void {
    this.enabled = false;
    this.disables++;
  }
  percentile(p: number): number {
    if (p !== 99) throw new Error(`the sampler reads p99 only; asked for p${p}`);
    return this.p99Ns;
  }
}

export interface FakeFigures {
  /** CPU the process uses per µs of clock time (0.34: 34% of a core). */
  readonly cpuShare: number;
  /** What the monitor records: resolution + delay, ns. */
  readonly loopP99Ns: number;
  readonly loopMaxNs: number;
  readonly samples?: number;
}

/**
 * A probe on a clock (a FakeClock in unit tests): CPU time grows with the clock at `cpuShare`, split user/system 3:1,
 * so the sampler's figure is exact; the loop-delay histogram is fixed. `resolutions` lists what the sampler asked for.
 */
export function fakeProbe(clock: Pick<Clock, 'nowUs'>, figures: FakeFigures) {
  const histograms: FakeLoopDelay[] = [];
  const resolutions: number[] = [];
  const probe: HarnessProbe = {
    cpuUsage: () => {
      const used = clock.nowUs() * figures.cpuShare;
      return { user: used * 0.75, system: used * 0.25 };
    },
    nowUs: () => clock.nowUs(),
    loopDelay: (resolutionMs) => {
      resolutions.push(resolutionMs);
      const histogram = new FakeLoopDelay(figures.loopP99Ns, figures.loopMaxNs, figures.samples ?? 500);
      histograms.push(histogram);
      return histogram;
    },
  };
  return { probe, histograms, resolutions };
}

/**
 * A memory probe on a clock (a FakeClock): `at(nowUs)` gives the reading at each moment, `highWater` the process's
 * high-water mark (null: unknown); its ticks are sleeps on the clock, so advancing the clock fires them. `reads` counts
 * the readings taken and `ticking` says whether a tick loop is still running.
 */
export function fakeMemoryProbe(clock: Clock, at: (nowUs: number) => MemoryReading, highWater: () => number | null = () => null) {
  const state = { reads: 0, ticking: 0 };
  const probe: MemoryProbe = {
    read: () => {
      state.reads++;
      return at(clock.nowUs());
    },
    maxRssBytes: highWater,
    every: (intervalUs, tick) => {
      const stop = new AbortController();
      state.ticking++;
      void (async () => {
        while (!stop.signal.aborted) {
          await clock.sleepUs(intervalUs, stop.signal);
          if (!stop.signal.aborted) tick();
        }
        state.ticking--;
      })();
      return () => stop.abort();
    },
  };
  return { probe, state };
}

/** A reading with every figure derived from one RSS: heap used a third of it, heap total a half, external 1 MB. */
export function readingOf(rssBytes: number): MemoryReading {
  return { rssBytes, heapUsedBytes: Math.round(rssBytes / 3), heapTotalBytes: Math.round(rssBytes / 2), externalBytes: 1_000_000 };
}
