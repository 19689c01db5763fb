/**
 * The words every reporter uses for the harness section, kept in one place so the table, Markdown and HTML say the
 * same thing (and the warning's fixed phrase, which users and tests search for, is written once).
 */
import type { CalibratedFloor, HarnessMemorySummary, HarnessSummary } from '../metrics/harness-types.js';
import { memoryClimb } from '../metrics/harness-memory.js';
import { formatLatency } from './format.js';
import { formatMegabytes } from './server-text.js';

export const SATURATION_PHRASE = 'figures may be bounded by the load generator';

/**
 * `harness: CPU 34% of a core · event-loop delay p99 1.20ms · RSS 176.6 → 180.6 MB (peak 181.0) · heap 48.7 MB`: the
 * memory part (MB = 10⁶ bytes, as the server's line) is RSS at the start → the end (its peak) and the heap's peak.
 */
export function harnessLine(harness: HarnessSummary): string {
  const cpu = `harness: CPU ${Math.round(harness.cpuPercent)}% of a core · event-loop delay p99 ${formatLatency(harness.eventLoopDelayP99Us)}`;
  return harness.memory ? `${cpu} · ${memoryText(harness.memory)}` : cpu;
}

function memoryText(memory: HarnessMemorySummary): string {
  const mb = (bytes: number): string => formatMegabytes(bytes).replace(/ MB$/, '');
  const rss = `RSS ${mb(memory.startRssBytes)} → ${formatMegabytes(memory.endRssBytes)} (peak ${mb(memory.peakRssBytes)})`;
  return `${rss} · heap ${formatMegabytes(memory.peakHeapUsedBytes)}`;
}

/**
 * The note for a harness whose own RSS climbed over the workload (metrics/harness-memory.ts's memoryClimb); null when
 * it did not. Not a verdict on the figures: a warning that mcp-bench kept memory, which a longer run pays for.
 */
export function memoryClimbWarning(harness: HarnessSummary): string | null {
  const memory = harness.memory;
  const grew = memory ? memoryClimb(memory) : null;
  if (!memory || grew === null) return null;
  const from = `${formatMegabytes(memory.startRssBytes)} → ${formatMegabytes(memory.endRssBytes)}`;
  return `mcp-bench's own memory climbed (RSS ${from}, heap peak ${formatMegabytes(memory.peakHeapUsedBytes)}): a leak of the harness's, or memory it keeps (a large cache, large answers in flight); a longer run may run out of memory`;
}

/**
 * The warning for a saturated workload, with its reasons (each reporter adds its own warning sign); null when not
 * saturated. A busy machine and a saturated generator are told apart: the first is fixed by a quieter machine, the
 * second by a lighter load or more generators.
 */
export function saturationWarning(harness: HarnessSummary): string | null {
  if (!harness.saturated) return null;
  const why = harness.reasons.length > 0 ? ` (${harness.reasons.join(', ')})` : '';
  if (harness.cause === 'machine') {
    const own = `its own CPU ${Math.round(harness.cpuPercent)}% of a core`;
    return `the machine was busy${why}: mcp-bench's event loop ran late (p99 ${formatLatency(harness.eventLoopDelayP99Us)}) at ${own}, so ${SATURATION_PHRASE}; rerun on a quieter machine`;
  }
  return `mcp-bench's generator was saturated${why}: ${SATURATION_PHRASE}, so the server may be faster than this`;
}

/**
 * `floor: in-process call p50 15µs — …`, or null when no floor was measured. p50 only: the quick calibration's p99
 * comes from a few thousand calls in a fresh process and can carry a scavenge or a preemption (measured here: 53µs to
 * 3.9ms between runs), which would read as a floor it is not. The JSON keeps it; `mcp-bench calibrate` measures it
 * properly.
 */
export function floorLine(floor: CalibratedFloor | null): string | null {
  if (!floor) return null;
  const f = floor.inMemory;
  return `floor: in-process call p50 ${formatLatency(f.p50Us)} — mcp-bench's own cost per call; latencies this low are not the server's (mcp-bench calibrate for more)`;
}
