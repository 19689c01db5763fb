/**
 * The words every reporter uses for the harness section, kept in one place so the table, Markdown and HTML say the
 * same thing (and the warning's fixed phrase, which users and tests search for, is written once).
 */
import type { CalibratedFloor, HarnessSummary } from '../metrics/harness-types.js';
import { formatLatency } from './format.js';

export const SATURATION_PHRASE = 'figures may be bounded by the load generator';

/** `harness: CPU 34% of a core · event-loop delay p99 1.20ms` */
export function harnessLine(harness: HarnessSummary): string {
  return `harness: CPU ${Math.round(harness.cpuPercent)}% of a core · event-loop delay p99 ${formatLatency(harness.eventLoopDelayP99Us)}`;
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
