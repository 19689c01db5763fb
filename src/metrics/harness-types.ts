/**
 * What the report says about the load generator itself (issue: "the harness is never the bottleneck"): its own CPU
 * and event-loop delay while measuring, the calibrated floor under every figure, how long sessions took to open
 * (cold start), and what a spawned server used. Plain data; built by metrics/harness.ts and runner code.
 */
import type { MachineLoad } from './machine-load.js';

/** mcp-bench's own process during one workload's measured phase. */
export interface HarnessSummary {
  /** CPU time of the mcp-bench process over the measured phase, in % of one core (100 = a full core; >100 with GC threads). */
  readonly cpuPercent: number;
  /** Event-loop delay (perf_hooks.monitorEventLoopDelay) during the measured phase, µs. */
  readonly eventLoopDelayP99Us: number;
  readonly eventLoopDelayMaxUs: number;
  /** True when the figures may be bounded by the load generator rather than the server. */
  readonly saturated: boolean;
  /**
   * Who held it back when saturated: `generator` (mcp-bench's own CPU, or its loop late on a quiet machine) or
   * `machine` (its loop late at low CPU of its own while other work kept the machine busy). Absent when not saturated
   * (and in reports from before it was told).
   */
  readonly cause?: 'generator' | 'machine';
  /**
   * Why it counts as saturated (empty when it is not): "its own CPU 98% of a core", "event-loop delay p99 24.0ms";
   * for a busy machine, what kept it busy: "load 5.2 on 2 cores, steal 3.0%, other processes 150% CPU".
   */
  readonly reasons: readonly string[];
  /** The whole machine over the measured phase (absent where it could not be read). */
  readonly machine?: MachineLoad;
  /** mcp-bench's own memory over the workload (absent in reports from before it was sampled). */
  readonly memory?: HarnessMemorySummary;
}

/**
 * mcp-bench's own memory over one workload (metrics/harness-memory.ts), bytes: RSS at the start, its peak and at the
 * end; the V8 heap's and external memory's peaks. Over rounds and shards: harness-memory.ts's mergeHarnessMemory.
 */
export interface HarnessMemorySummary {
  readonly startRssBytes: number;
  readonly peakRssBytes: number;
  readonly endRssBytes: number;
  readonly peakHeapUsedBytes: number;
  readonly peakHeapTotalBytes: number;
  /** Node's `external`: memory of C++ objects bound to JS objects, ArrayBuffers and Buffers included. */
  readonly peakExternalBytes: number;
}

/** The least a call costs through mcp-bench: nothing measured can be below it. */
export interface FloorFigures {
  readonly calls: number;
  readonly p50Us: number;
  readonly p99Us: number;
  /** Calls per second at the calibration's concurrency (0 when measured sequentially only). */
  readonly callsPerSec: number;
}

export interface CalibratedFloor {
  /** In-process reference server over the SDK's in-memory transport, through mcp-bench's own client path. */
  readonly inMemory: FloorFigures;
  /** A stdio echo server (the `calibrate` command; absent in a run's quick calibration). */
  readonly stdio?: FloorFigures;
}

/** Session set-up over every session a workload opened: stdio spawn + initialize, or HTTP session open. */
export interface ColdStartSummary {
  readonly sessions: number;
  /** Spawn (stdio) or connect (HTTP) through initialize, per session: p50/p99/max in µs. */
  readonly totalUs: { readonly p50: number; readonly p99: number; readonly max: number };
  readonly initializeUs: { readonly p50: number; readonly p99: number; readonly max: number };
}

/** One sample of a spawned server's resources. */
export interface ResourceSample {
  /** µs since the workload's measured phase began (negative: before it). */
  readonly tUs: number;
  /** CPU of the server process since the previous sample, % of one core. */
  readonly cpuPercent: number;
  readonly rssBytes: number;
}

/** A spawned stdio server's CPU and memory over the workload (Linux /proc; absent elsewhere or for remote targets). */
export interface ServerResourcesSummary {
  readonly intervalUs: number;
  readonly samples: readonly ResourceSample[];
  readonly meanCpuPercent: number;
  readonly peakRssBytes: number;
  readonly firstRssBytes: number;
  readonly lastRssBytes: number;
}
