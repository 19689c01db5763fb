import { execFileSync } from 'node:child_process';
import type { Clock } from '../time/clock.js';
import type { ResourceSample, ServerResourcesSummary } from './harness-types.js';
import { linuxProc, readTrees, type ProcSource } from '../client/transports/proc-tree.js';

/**
 * CPU and RSS of the server processes mcp-bench spawned, sampled while a workload runs, so a report shows a server
 * that leaks (RSS climbing second after second) or that is the bottleneck (CPU pinned at a core).
 *
 * What is sampled: every server process the workload's sessions spawned (one per session: `sessions: 4` over stdio is
 * four servers), each with its descendants, summed per sample. The sum is what the machine spent serving the
 * workload; a leak in any one of them shows in it, where the first server alone would hide three quarters of the
 * load. Descendants count because the spawned process may be a wrapper (`npx`, a shell) around the real server. A
 * process that double-forks away escapes the walk; shared pages of a wrapper and its child are counted in both.
 *
 * How: Linux /proc — utime + stime from /proc/<pid>/stat (clock ticks), VmRSS from /proc/<pid>/status, children from
 * /proc/<pid>/task/<pid>/children — every second on the injected clock, the first sample when sampling starts (the
 * executor's start, so warmup samples have negative times). Nothing on other platforms or for remote targets. Reads
 * are asynchronous: a sample costs ~0.2 ms of file reads per process, which read synchronously would stall the event
 * loop timing the calls (with 8 sessions, ~2 ms once a second: visible at p99.9).
 */

/** A kept sample before it is reported: its span and CPU ticks, so merging two (decimation) stays exact. */
interface Kept {
  atUs: number;
  spanUs: number;
  ticks: number;
  rssBytes: number;
}

export interface SamplerOptions {
  readonly clock: Clock;
  readonly proc: ProcSource;
  /** Clock ticks per second of /proc's CPU times (USER_HZ). */
  readonly ticksPerSec: number;
  readonly intervalUs?: number;
  /** Samples kept at most; beyond, neighbours are merged pairwise and the interval doubles (memory stays flat). */
  readonly maxSamples?: number;
}

/** The last sample at stop() is taken only this long after the previous one: shorter spans are tick-granular noise. */
const MIN_FINAL_SPAN_US = 100_000;

export class ServerResourceSampler {
  private readonly intervalUs: number;
  /** Samples after the first one kept at most: even, so decimation merges them all in pairs (the spacing stays even). */
  private readonly maxRest: number;
  private readonly kept: Kept[] = [];
  /** Raw samples merged per kept sample (doubles at each decimation); `pending` gathers the next one. */
  private stride = 1;
  private pending: Kept | null = null;
  private pendingCount = 0;
  private previous: { atUs: number; ticks: Map<number, number> } | null = null;
  private totals = { ticks: 0, spanUs: 0, peakRssBytes: 0, lastRssBytes: 0 };
  private readonly stopping = new AbortController();
  private loop: Promise<void> | null = null;
  private stopped: Promise<ServerResourcesSummary | null> | null = null;
  private startUs = 0;

  constructor(
    /** The server processes to sample now (asked at every sample: a re-opened session brings a new one). */
    private readonly pids: () => readonly number[],
    private readonly options: SamplerOptions,
  ) {
    this.intervalUs = options.intervalUs ?? 1_000_000;
    const maxSamples = Math.max(3, options.maxSamples ?? 3_600);
    this.maxRest = maxSamples - 1 - ((maxSamples - 1) % 2);
  }

  /** Takes the first sample now and one every interval until stop(). */
  start(): void {
    if (this.loop) return;
    this.startUs = this.options.clock.nowUs();
    this.loop = this.run();
  }

  /**
   * Stops sampling, with a last sample now (unless the previous one was just taken), and returns the figures with
   * times relative to `originUs` (null: the start of sampling). A second call returns what the first did.
   */
  stop(originUs: number | null): Promise<ServerResourcesSummary | null> {
    this.stopped ??= this.finish(originUs);
    return this.stopped;
  }

  private async finish(originUs: number | null): Promise<ServerResourcesSummary | null> {
    this.stopping.abort();
    await this.loop;
    if (this.previous && this.options.clock.nowUs() - this.previous.atUs >= MIN_FINAL_SPAN_US) await this.sample();
    return this.summary(originUs ?? this.startUs);
  }

  /** The samples so far, times relative to `originUs` (the measured phase's start). Null when nothing was read. */
  summary(originUs: number): ServerResourcesSummary | null {
    const kept = this.pending ? [...this.kept, this.pending] : this.kept;
    const first = kept[0];
    if (!first) return null;
    const samples: ResourceSample[] = kept.map((k) => ({
      tUs: Math.round(k.atUs - originUs),
      cpuPercent: this.percent(k.ticks, k.spanUs),
      rssBytes: k.rssBytes,
    }));
    return {
      intervalUs: this.intervalUs * this.stride,
      samples,
      meanCpuPercent: this.percent(this.totals.ticks, this.totals.spanUs),
      peakRssBytes: this.totals.peakRssBytes,
      firstRssBytes: first.rssBytes,
      lastRssBytes: this.totals.lastRssBytes,
    };
  }

  private async run(): Promise<void> {
    const { clock } = this.options;
    const signal = this.stopping.signal;
    await this.sample();
    while (!signal.aborted) {
      // The next tick on the grid from start; ticks missed while the event loop was busy are skipped, not bunched.
      const elapsed = clock.nowUs() - this.startUs;
      const due = this.startUs + (Math.floor(elapsed / this.intervalUs) + 1) * this.intervalUs;
      await clock.sleepUs(due - clock.nowUs(), signal);
      if (signal.aborted) return;
      if (clock.nowUs() >= due) await this.sample();
    }
  }

  /** One sample, timed when it starts (its reads take a moment, in the background). Never throws. */
  private async sample(): Promise<void> {
    const atUs = this.options.clock.nowUs();
    const reading = await readTrees(this.pids(), this.options.proc).catch(() => null);
    if (!reading) return; // every server is gone (or between a close and its re-open): no sample
    const previous = this.previous;
    let ticks = 0;
    if (previous) {
      // A process not seen last time started since (a re-opened session, a new child): all its CPU is in this span.
      for (const [pid, now] of reading.ticks) ticks += Math.max(0, now - (previous.ticks.get(pid) ?? 0));
    }
    const spanUs = previous ? atUs - previous.atUs : 0;
    this.previous = { atUs, ticks: reading.ticks };
    this.totals.ticks += ticks;
    this.totals.spanUs += spanUs;
    this.totals.peakRssBytes = Math.max(this.totals.peakRssBytes, reading.rssBytes);
    this.totals.lastRssBytes = reading.rssBytes;
    this.keep({ atUs, spanUs, ticks, rssBytes: reading.rssBytes });
  }

  /** The first sample stays alone (it has no span); later ones are kept `stride` raw samples at a time. */
  private keep(sample: Kept): void {
    if (this.kept.length === 0) {
      this.kept.push(sample);
      return;
    }
    this.pending = this.pending ? merge(this.pending, sample) : sample;
    if (++this.pendingCount < this.stride) return;
    this.kept.push(this.pending);
    this.pending = null;
    this.pendingCount = 0;
    if (this.kept.length - 1 >= this.maxRest) this.decimate();
  }

  private decimate(): void {
    const [first, ...rest] = this.kept;
    const merged: Kept[] = [first!];
    for (let i = 0; i < rest.length; i += 2) merged.push(rest[i + 1] ? merge(rest[i]!, rest[i + 1]!) : rest[i]!);
    this.kept.length = 0;
    this.kept.push(...merged);
    this.stride *= 2;
  }

  private percent(ticks: number, spanUs: number): number {
    if (spanUs <= 0) return 0;
    return Math.round(((ticks / this.options.ticksPerSec) * 1e6 * 1000) / spanUs) / 10;
  }
}

/** Two neighbouring samples as one: CPU over both spans, the later memory reading. */
function merge(a: Kept, b: Kept): Kept {
  return { atUs: b.atUs, spanUs: a.spanUs + b.spanUs, ticks: a.ticks + b.ticks, rssBytes: b.rssBytes };
}

let ticksPerSecond: number | null = null;

/** USER_HZ, from `getconf CLK_TCK` once per process; 100 (what Linux uses on every common architecture) if that fails. */
export function clockTicksPerSecond(): number {
  if (ticksPerSecond === null) {
    let value = Number.NaN;
    try {
      value = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8', timeout: 2_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    } catch {
      // no getconf: assume the usual value
    }
    ticksPerSecond = Number.isInteger(value) && value > 0 && value <= 100_000 ? value : 100;
  }
  return ticksPerSecond;
}

/**
 * Starts sampling the given server processes on this machine, or returns null where it cannot (not Linux). Without a
 * readable /proc it reads nothing and its summary is null. An empty pid list (remote targets) is the caller's to skip.
 */
export function sampleServerResources(pids: () => readonly number[], clock: Clock): ServerResourceSampler | null {
  if (process.platform !== 'linux') return null;
  const sampler = new ServerResourceSampler(pids, { clock, proc: linuxProc, ticksPerSec: clockTicksPerSecond() });
  sampler.start();
  return sampler;
}
