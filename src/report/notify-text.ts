/**
 * The reporters' words for progress and notifications (summary/progress.ts, metrics/notifications.ts): a line per
 * operation that asked for progress and one for the workload's notifications, the same in every format
 * (workload-view.ts puts them among the workload's facts).
 */
import { LOG_LEVELS } from '../client/session/settings.js';
import type { NotificationsSummary } from '../metrics/notifications.js';
import type { WorkloadSummary } from '../summary/summary.js';
import { formatCount, formatCounted, formatLatency } from './format.js';

/** Every line: one per operation with progress figures, then the notifications line (none when absent). */
export function notifyLines(workload: WorkloadSummary): string[] {
  const lines = workload.operations.flatMap((op) => (op.progress ? [progressLine(op.name, op.progress)] : []));
  if (workload.notifications) lines.push(notificationsLine(workload.notifications));
  return lines;
}

/** `progress · tools/call progress: 5.00 per call (400 calls) · first p50 1.20ms · p99 3.00ms · gap p50 10.1ms · p99 11.0ms`. */
function progressLine(name: string, progress: NonNullable<WorkloadSummary['operations'][number]['progress']>): string {
  const parts = [`progress · ${name}: ${progress.perCall.toFixed(2)} per call (${formatCounted(progress.calls, 'call')})`];
  if (progress.callsWithProgress > 0) parts.push(`first p50 ${formatLatency(progress.firstProgressUs.p50)} · p99 ${formatLatency(progress.firstProgressUs.p99)}`);
  if (progress.gaps > 0) parts.push(`gap p50 ${formatLatency(progress.gapUs.p50)} · p99 ${formatLatency(progress.gapUs.p99)}`);
  if (progress.calls > 0 && progress.callsWithProgress === 0) parts.push('none heard: the server sent no progress');
  return parts.join(' · ');
}

/** `notifications: 1,500 · notifications/message 500 (info 400, warning 100) · notifications/progress 1,000 · setLevel warning: 4 sessions`. */
function notificationsLine(n: NotificationsSummary): string {
  const byMethod = Object.entries(n.byMethod).sort(([a], [b]) => a.localeCompare(b));
  const parts = [`notifications: ${formatCount(n.total)}`];
  for (const [method, count] of byMethod) {
    const levels = method === 'notifications/message' ? levelWords(n.logLevels) : '';
    parts.push(`${method} ${formatCount(count)}${levels}`);
  }
  if (n.listChanged > 0 && byMethod.filter(([m]) => m.endsWith('/list_changed')).length > 1) parts.push(`list_changed ${formatCount(n.listChanged)} in all`);
  if (n.setLevel) parts.push(setLevelWords(n.setLevel));
  return parts.join(' · ');
}

/** Least severe first (MCP's order), any unknown level after them. */
function levelWords(levels: Readonly<Record<string, number>>): string {
  const rank = (level: string): number => (LOG_LEVELS as readonly string[]).indexOf(level) >>> 0;
  const entries = Object.entries(levels).sort(([a], [b]) => rank(a) - rank(b));
  return entries.length === 0 ? '' : ` (${entries.map(([level, count]) => `${level} ${formatCount(count)}`).join(', ')})`;
}

function setLevelWords(s: NonNullable<NotificationsSummary['setLevel']>): string {
  const words = [`${formatCounted(s.sent, 'session')}`];
  if (s.skipped > 0) words.push(`${formatCount(s.skipped)} skipped (no logging capability)`);
  if (s.failed > 0) words.push(`${formatCount(s.failed)} failed`);
  return `setLevel ${s.level}: ${words.join(', ')}`;
}
