import type { ConnectionTimings } from '../client/connect.js';
import type { ColdStartSummary } from '../metrics/harness-types.js';

type Spread = ColdStartSummary['totalUs'];

/**
 * From nothing to a session ready for calls, for one session: every interval connect() timed, one after another and
 * never overlapping — the built-in HTTP server's spawn-until-listening (`serverStartUs`, measured before the transport
 * exists), then starting the transport (`connectUs`: spawning the process for stdio, opening the event stream for
 * SSE, ~0 for Streamable HTTP), then `initialize` and `initialized` (`initializeUs`, which for stdio also holds the
 * server's own boot: it cannot answer before it has loaded). So a stdio server's cold start is spawn → initialized and
 * an HTTP session's is connect → initialized, with nothing counted twice.
 */
export function sessionTotalUs(timings: ConnectionTimings): number {
  return (timings.serverStartUs ?? 0) + timings.connectUs + timings.initializeUs;
}

/**
 * Cold start over every session a workload's pools opened (client/pool/pool.ts openedTimings): the first ones, those
 * opened warming (`warmup: { sessions: all }`), growing, replacing (recycling) and reviving (reconnect, health).
 * Exact nearest-rank percentiles of the few values there are — no histogram rounding: with one session
 * p50 = p99 = max. Absent (undefined) when no session was opened.
 */
export function summarizeColdStart(sessions: readonly ConnectionTimings[]): ColdStartSummary | undefined {
  if (sessions.length === 0) return undefined;
  return {
    sessions: sessions.length,
    totalUs: spread(sessions.map(sessionTotalUs)),
    initializeUs: spread(sessions.map((s) => s.initializeUs)),
  };
}

function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: Math.round(nearestRank(sorted, 50)), p99: Math.round(nearestRank(sorted, 99)), max: Math.round(sorted[sorted.length - 1] ?? 0) };
}

/** The smallest value with at least p% of the values at or below it. `sorted` is non-empty and ascending. */
export function nearestRank(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? 0;
}
