/**
 * mcp-bench watching itself while it measures: its own CPU, event-loop delay and memory over a workload's run, and
 * whether they say the figures may be bounded by the load generator rather than the server (the report's `harness`).
 * Everything it reads goes through HarnessProbe, so tests feed it fixed numbers and a fake clock.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { formatDuration } from '../input/units.js';
import type { HarnessSummary } from './harness-types.js';
import { MemorySampler, systemMemoryProbe, type MemoryProbe } from './harness-memory.js';
import { MachineSampler, machineBusy, machineLoadText, systemMachineProbe, type MachineLoad, type MachineProbe } from './machine-load.js';

/** A loop-delay histogram as perf_hooks' IntervalHistogram exposes it: values in nanoseconds. */
export interface LoopDelayHistogram {
  enable(): void;
  disable(): void;
  percentile(p: number): number;
  readonly max: number;
  readonly count: number;
}

/** Where the sampler reads its figures: the real process (systemHarnessProbe) or fixed numbers in tests. */
export interface HarnessProbe {
  /** Cumulative CPU time of this process, µs (process.cpuUsage()). */
  cpuUsage(): { readonly user: number; readonly system: number };
  /** Monotonic time, µs. */
  nowUs(): number;
  /** A new, disabled loop-delay histogram sampling every `resolutionMs`. */
  loopDelay(resolutionMs: number): LoopDelayHistogram;
  /** The whole machine's load (absent: not known, and a late loop is blamed on the generator). */
  readonly machine?: MachineProbe;
  /** This process's memory (absent: not sampled, and the summary has no `memory`). */
  readonly memory?: MemoryProbe;
}

/**
 * How often the loop-delay monitor samples. perf_hooks records the whole interval between two of its timer ticks, so
 * a sample is `resolution + delay`: the sampler subtracts the resolution. A stall longer than the resolution is
 * caught whole whatever the resolution; a finer one only adds samples, and wake-ups. Measured on an idle loop on this
 * 2-core machine: 1 ms costs 2.8% of a core, 2 ms 1.7%, 5 ms 0.8%, 10 ms 0.6%. 2 ms keeps ~500 samples a second, so
 * even a one-second workload has a p99 that is not its single worst sample, at little more than half the cost of 1 ms.
 */
export const LOOP_DELAY_RESOLUTION_MS = 2;

/** What makes a workload's figures suspect: the generator near a full core, or its loop late by this much at p99. */
export interface SaturationLimits {
  /** % of one core. */
  readonly cpuPercent: number;
  readonly loopDelayP99Us: number;
}

/**
 * The limits. Measured with the built-in stdio server on this 2-core machine, shared with other work (load 4–6), 3–5 s
 * each: a sequential echo with 1 ms of latency (unsaturated) ran at 15–20% CPU with a loop-delay p99 of 3.0–4.5 ms;
 * 256 echo calls in flight with no latency (saturated) at 29–48% CPU — the machine gave it no more — with a p99 of
 * 17–20 ms at load 4 and 48–51 ms at load 5–6 (64 in flight: 11–16 ms, and no more calls/s than 16 in flight).
 * On a quieter machine (load ~2) the same 256-in-flight run came out at 9.7 ms with 76% CPU — saturated, yet under a
 * 10 ms limit — while a 16-in-flight mix stayed at 4.1–4.2 ms. 8 ms sits between: ~1.8× the worst unsaturated figure,
 * under every saturated one; a loop that late at p99 stamps responses up to that late. CPU at 90% of a core means the one thread that sends and receives every call has almost
 * nothing left; on a busy machine the generator is starved before it gets there, which the loop delay shows instead.
 */
export const DEFAULT_SATURATION_LIMITS: SaturationLimits = { cpuPercent: 90, loopDelayP99Us: 8_000 };

/** The raw figures of one sampled span, before the saturation rule. */
export interface HarnessFigures {
  readonly cpuPercent: number;
  readonly eventLoopDelayP99Us: number;
  readonly eventLoopDelayMaxUs: number;
  /** The whole machine over the span, when it could be read. */
  readonly machine?: MachineLoad;
}

export interface SaturationVerdict {
  readonly saturated: boolean;
  /** Who held the figures back: mcp-bench's generator, or a machine busy with other work; absent when not saturated. */
  readonly cause?: 'generator' | 'machine';
  readonly reasons: readonly string[];
}

/**
 * Saturated when either limit is reached. The generator is to blame when its own CPU reached the limit, or its loop
 * was late on a machine that was not busy; a late loop at low CPU of its own on a busy machine (load at or above the
 * cores, steal, other processes using half the CPU: machine-load.ts) is the machine's doing, and `reasons` then say
 * what kept it busy. Otherwise `reasons` name each limit reached, in words, with the measured figure.
 */
export function judgeSaturation(figures: HarnessFigures, limits: SaturationLimits = DEFAULT_SATURATION_LIMITS): SaturationVerdict {
  const cpuReached = figures.cpuPercent >= limits.cpuPercent;
  const loopReached = figures.eventLoopDelayP99Us >= limits.loopDelayP99Us;
  if (!cpuReached && !loopReached) return { saturated: false, reasons: [] };
  if (!cpuReached && figures.machine && machineBusy(figures.machine)) {
    return { saturated: true, cause: 'machine', reasons: [machineLoadText(figures.machine)] };
  }
  const reasons: string[] = [];
  if (cpuReached) reasons.push(`its own CPU ${Math.round(figures.cpuPercent)}% of a core`);
  if (loopReached) reasons.push(`event-loop delay p99 ${formatDuration(figures.eventLoopDelayP99Us)}`);
  return { saturated: true, cause: 'generator', reasons };
}

/** The harness summary of one span: figures rounded as the report keeps them, judged by `limits`. */
export function harnessSummary(figures: HarnessFigures, limits: SaturationLimits = DEFAULT_SATURATION_LIMITS): HarnessSummary {
  const rounded = {
    cpuPercent: Math.round(figures.cpuPercent * 10) / 10,
    eventLoopDelayP99Us: Math.round(figures.eventLoopDelayP99Us),
    eventLoopDelayMaxUs: Math.round(figures.eventLoopDelayMaxUs),
  };
  return { ...rounded, ...judgeSaturation(figures, limits), ...(figures.machine && { machine: figures.machine }) };
}

/**
 * Samples one span: `start()` when the workload begins measuring, `stop()` at its end (once). CPU is the process's
 * user + system time over the span's wall time (threads included, so it can pass 100%); loop delay is the monitor's
 * p99 and max less its resolution, in µs.
 */
export class HarnessSampler {
  private readonly histogram: LoopDelayHistogram;
  private readonly machine: MachineSampler | null;
  private readonly memory: MemorySampler | null;
  private started: { readonly cpuUs: number; readonly atUs: number } | null = null;

  constructor(
    private readonly probe: HarnessProbe = systemHarnessProbe,
    private readonly limits: SaturationLimits = DEFAULT_SATURATION_LIMITS,
    private readonly resolutionMs: number = LOOP_DELAY_RESOLUTION_MS,
  ) {
    this.histogram = probe.loopDelay(resolutionMs);
    this.machine = probe.machine ? new MachineSampler(probe.machine) : null;
    this.memory = probe.memory ? new MemorySampler(probe.memory) : null;
  }

  start(): void {
    this.started = { cpuUs: cpuTotal(this.probe), atUs: this.probe.nowUs() };
    this.machine?.start();
    this.memory?.start();
    this.histogram.enable();
  }

  /** The span's summary; null when it was never started. The monitor is off afterwards either way. */
  stop(): HarnessSummary | null {
    this.histogram.disable();
    const memory = this.memory?.stop() ?? null;
    const started = this.started;
    if (!started) return null;
    this.started = null;
    const elapsedUs = this.probe.nowUs() - started.atUs;
    const cpuPercent = elapsedUs > 0 ? (100 * (cpuTotal(this.probe) - started.cpuUs)) / elapsedUs : 0;
    const resolutionNs = this.resolutionMs * 1e6;
    const delayUs = (ns: number): number => (this.histogram.count === 0 ? 0 : Math.max(0, ns - resolutionNs) / 1000);
    const machine = this.machine?.stop(cpuPercent);
    const summary = harnessSummary(
      {
        cpuPercent,
        eventLoopDelayP99Us: delayUs(this.histogram.percentile(99)),
        eventLoopDelayMaxUs: delayUs(this.histogram.max),
        ...(machine && { machine }),
      },
      this.limits,
    );
    return memory ? { ...summary, memory } : summary;
  }
}

function cpuTotal(probe: HarnessProbe): number {
  const usage = probe.cpuUsage();
  return usage.user + usage.system;
}

/**
 * This process: process.cpuUsage, performance.now and perf_hooks.monitorEventLoopDelay; the machine: machine-load.ts;
 * its memory: harness-memory.ts.
 */
export const systemHarnessProbe: HarnessProbe = {
  cpuUsage: () => process.cpuUsage(),
  nowUs: () => performance.now() * 1000,
  loopDelay: (resolutionMs) => monitorEventLoopDelay({ resolution: resolutionMs }),
  machine: systemMachineProbe,
  memory: systemMemoryProbe,
};

/** Runs `work` with a sampler around it; the monitor is off again however `work` ends. */
export async function sampleHarness<T>(probe: HarnessProbe, work: () => Promise<T>): Promise<{ readonly value: T; readonly harness: HarnessSummary | null }> {
  const sampler = new HarnessSampler(probe);
  sampler.start();
  try {
    const value = await work();
    return { value, harness: sampler.stop() };
  } finally {
    sampler.stop();
  }
}
