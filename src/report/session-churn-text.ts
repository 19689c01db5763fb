/**
 * The reporters' words for a session-churn workload's sessions block (summary/session-churn.ts): three lines beneath
 * the headline, the same in every format (workload-view.ts puts them among the workload's facts).
 */
import type { SessionChurnSummary } from '../summary/session-churn.js';
import { formatCount, formatCounted, formatLatency, formatRate } from './format.js';
import { formatMegabytes } from './server-text.js';

/**
 * `sessions: 400 opened · 400 closed · 98.5 sessions/s · 3.00 calls per session`, then
 * `session open p50 2.10ms · p99 5.00ms · close p50 1.00ms · p99 3.00ms`, then the server's memory per session.
 */
export function sessionChurnLines(churn: SessionChurnSummary): string[] {
  const counts = [`${formatCount(churn.opened)} opened`];
  if (churn.closed > 0 || churn.leftOpen === 0) counts.push(`${formatCount(churn.closed)} closed`);
  if (churn.leftOpen > 0) counts.push(leftOpenWords(churn.leftOpen, churn.evicted ?? 0));
  const failed = Object.entries(churn.failedToOpen);
  if (failed.length > 0) {
    const total = failed.reduce((n, [, k]) => n + k, 0);
    counts.push(`${formatCount(total)} failed to open (${failed.map(([code, n]) => `${code} ${formatCount(n)}`).join(', ')})`);
  }
  if (churn.dropped > 0) counts.push(`${formatCounted(churn.dropped, 'arrival')} dropped`);
  counts.push(`${formatRate(churn.sessionsPerSec)} sessions/s`, `${churn.callsPerSession.toFixed(2)} calls per session`);
  const latency = [`session open p50 ${formatLatency(churn.openUs.p50)} · p99 ${formatLatency(churn.openUs.p99)}`];
  if (churn.closed > 0) latency.push(`close p50 ${formatLatency(churn.closeUs.p50)} · p99 ${formatLatency(churn.closeUs.p99)}`);
  const lines = [`sessions: ${counts.join(' · ')}`];
  if (churn.opened > 0) lines.push(latency.join(' · '));
  lines.push(memoryLine(churn));
  return lines;
}

/** `6 left open until the end`, or past maxOpen `1,200 left open (200 closed early: maxOpen reached)`. */
function leftOpenWords(leftOpen: number, evicted: number): string {
  if (evicted === 0) return `${formatCount(leftOpen)} left open until the end`;
  return `${formatCount(leftOpen)} left open (${formatCount(evicted)} closed early, oldest first: maxOpen reached)`;
}

/**
 * `server RSS growth: +205 MB per 1,000 sessions (205 KB a session; 40 samples)`; for a server process per session,
 * its RSS at close; else why there is no figure.
 */
function memoryLine(churn: SessionChurnSummary): string {
  const growth = churn.rssGrowth;
  if (growth) {
    const perThousand = growth.bytesPer1000Sessions;
    const sign = perThousand >= 0 ? '+' : '−';
    const from = growth.from ? `; from ${growth.from.join(', ')}` : '';
    const perSession = `${sign}${formatKilobytes(Math.abs(perThousand) / 1000)} a session`;
    return `server RSS growth: ${sign}${formatMegabytes(Math.abs(perThousand))} per 1,000 sessions (${perSession}; ${formatCounted(growth.samples, 'sample')}${from})`;
  }
  if (churn.rssAtClose) {
    return `server RSS at close: ${formatMegabytes(churn.rssAtClose.meanBytes)} per session process (mean of ${formatCount(churn.rssAtClose.sessions)}; a process per session: no growth figure)`;
  }
  return 'server RSS growth: not measured (no server process mcp-bench could read: a remote target, or too few sessions)';
}

/** KB = 10³ bytes, like formatMegabytes' MB. */
function formatKilobytes(bytes: number): string {
  const kb = bytes / 1000;
  return `${kb < 10 ? kb.toFixed(2) : kb < 1000 ? kb.toFixed(1) : Math.round(kb).toLocaleString('en-US')} KB`;
}
