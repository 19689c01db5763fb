/** The report schema's parts about the load generator itself (metrics/harness-types.ts), apart to keep files small. */
import { z } from 'zod';

const count = z.number().int().nonnegative();
const wholeUs = z.number().int().nonnegative();
const spread = z.object({ p50: wholeUs, p99: wholeUs, max: wholeUs });

const machineLoad = z
  .object({
    loadAverage: z.number().nonnegative().describe('1-minute load average at the end of the measured phase.'),
    cores: count,
    stealPercent: z.number().nonnegative().nullable().describe('% of all CPU time stolen by the hypervisor; null when unknown.'),
    othersCpuPercent: z.number().nonnegative().nullable().describe('CPU other processes used, % of one core; null when unknown.'),
  })
  .meta({ id: 'MachineLoad' });

const harnessMemory = z
  .object({
    startRssBytes: count.describe("mcp-bench's RSS when the workload began."),
    peakRssBytes: count.describe('The largest RSS over the workload (exact when the process reached a new high-water mark in it).'),
    endRssBytes: count.describe("mcp-bench's RSS when the workload ended."),
    peakHeapUsedBytes: count.describe('The largest V8 heap used of the readings (start, every 250 ms, end).'),
    peakHeapTotalBytes: count,
    peakExternalBytes: count.describe("Node's external memory (ArrayBuffers and Buffers included), its largest reading."),
  })
  .meta({
    id: 'HarnessMemory',
    description: "mcp-bench's own memory over the workload; over rounds the first start and the last end, over shards the start and end of the shard that grew most; peaks the largest.",
  });

export const harnessSummary = z
  .object({
    cpuPercent: z.number().nonnegative().describe('CPU of the mcp-bench process over the measured phase, % of one core.'),
    eventLoopDelayP99Us: wholeUs,
    eventLoopDelayMaxUs: wholeUs,
    saturated: z.boolean().describe('True when the figures may be bounded by the load generator rather than the server.'),
    cause: z
      .enum(['generator', 'machine'])
      .optional()
      .describe("When saturated: mcp-bench's own generator, or a machine busy with other work (its loop late at low CPU of its own)."),
    reasons: z.array(z.string()),
    machine: machineLoad.optional().describe('The whole machine over the measured phase (absent where it could not be read).'),
    memory: harnessMemory.optional().describe("mcp-bench's own memory over the workload (absent in older reports)."),
  })
  .meta({ id: 'HarnessSummary', description: "mcp-bench's own process during the workload's measured phase." });

const floorFigures = z
  .object({ calls: count, p50Us: wholeUs, p99Us: wholeUs, callsPerSec: z.number().nonnegative() })
  .meta({ id: 'FloorFigures' });

export const calibratedFloor = z
  .object({
    inMemory: floorFigures.describe("In-process reference server over the SDK's in-memory transport, through mcp-bench's client path."),
    stdio: floorFigures.optional().describe('A stdio echo server (the calibrate command only).'),
  })
  .meta({ id: 'CalibratedFloor', description: 'The least a call costs through mcp-bench on this machine.' });

export const coldStart = z
  .object({ sessions: count, totalUs: spread, initializeUs: spread })
  .meta({ id: 'ColdStartSummary', description: 'Session set-up (spawn or connect through initialize) over every session opened.' });

export const serverResources = z
  .object({
    intervalUs: wholeUs,
    samples: z.array(z.object({ tUs: z.number().int(), cpuPercent: z.number().nonnegative(), rssBytes: count })),
    meanCpuPercent: z.number().nonnegative(),
    peakRssBytes: count,
    firstRssBytes: count,
    lastRssBytes: count,
  })
  .meta({ id: 'ServerResourcesSummary', description: "A spawned stdio server's CPU and RSS over the workload." });
