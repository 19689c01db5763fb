/**
 * The reporters' words for a workload's sessions and servers: cold start over several sessions, and what the spawned
 * servers used. The figures come from metrics/ and summary/; only the wording lives here.
 */
import { formatLatency } from './format.js';
import type { ColdStartSummary, ServerResourcesSummary } from '../metrics/harness-types.js';
import type { ServerLimitsSummary } from '../metrics/server-limits.js';

/**
 * The reporters' words for it, e.g. `cold start over 8 sessions: p50 310ms · p99 420ms (spawn → initialized)`; null
 * for a single session, whose set-up the connection line already shows. `spawned`: whether the target's servers are
 * processes mcp-bench starts (stdio, built-in), so set-up begins with a spawn rather than a connect; null when the
 * reporter does not know the target.
 */
export function coldStartText(coldStart: ColdStartSummary | undefined, spawned: boolean | null): string | null {
  if (!coldStart || coldStart.sessions < 2) return null;
  const { p50, p99 } = coldStart.totalUs;
  const from = spawned === null ? 'set-up' : spawned ? 'spawn' : 'connect';
  return `cold start over ${coldStart.sessions} sessions: p50 ${formatLatency(p50)} · p99 ${formatLatency(p99)} (${from} → initialized)`;
}

/**
 * The reporters' line, `server: CPU 43% of a core (mean) · RSS 61.2 MB → 63.0 MB (peak 64.1 MB)` (MB = 10⁶ bytes);
 * `servers (summed): …` when the workload opened several sessions, each with a server of its own.
 */
export function serverResourcesText(resources: ServerResourcesSummary, sessions: number): string {
  const who = sessions > 1 ? 'servers (summed)' : 'server';
  const cpu = resources.samples.length < 2 ? 'CPU — (one sample)' : `CPU ${formatCpu(resources.meanCpuPercent)} of a core (mean)`;
  const rss = `RSS ${formatMegabytes(resources.firstRssBytes)} → ${formatMegabytes(resources.lastRssBytes)} (peak ${formatMegabytes(resources.peakRssBytes)})`;
  return `${who}: ${cpu} · ${rss}`;
}

function formatCpu(percent: number): string {
  return `${percent < 10 ? percent.toFixed(1) : Math.round(percent).toString()}%`;
}

export function formatMegabytes(bytes: number): string {
  const mb = bytes / 1e6;
  return `${mb < 10 ? mb.toFixed(2) : mb < 1000 ? mb.toFixed(1) : Math.round(mb).toLocaleString('en-US')} MB`;
}

/** `server limits: 3 servers started under them · killed: 2 at the memory limit, 0 at the CPU time limit`. */
export function serverLimitsText(limits: ServerLimitsSummary): string {
  const servers = `${limits.started} ${limits.started === 1 ? 'server' : 'servers'} started under them`;
  return `server limits: ${servers} · killed: ${limits.memoryKills} at the memory limit, ${limits.cpuKills} at the CPU time limit`;
}
