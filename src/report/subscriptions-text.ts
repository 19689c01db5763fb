/**
 * The reporters' words for a workload's subscriptions block (summary/subscriptions.ts): one line among the workload's
 * facts, the same in every format (workload-view.ts).
 */
import type { SubscriptionsSummary } from '../summary/subscriptions.js';
import { formatCount, formatCounted, formatLatency } from './format.js';

/**
 * `subscriptions: 40 updates received (bench://counter 40) · change → receipt p50 120µs · p99 800µs · max 1.20ms
 * (40 stamped)`; without stamps, `· no update stamped with its change time`.
 */
export function subscriptionsLine(subscriptions: SubscriptionsSummary): string {
  const byUri = Object.entries(subscriptions.byUri).map(([uri, n]) => `${uri} ${formatCount(n)}`);
  const parts = [`${formatCounted(subscriptions.received, 'update')} received${byUri.length > 0 ? ` (${byUri.join(', ')})` : ''}`];
  const delay = subscriptions.delayUs;
  if (delay === null) parts.push('no update stamped with its change time');
  else {
    parts.push(`change → receipt p50 ${formatLatency(delay.p50)} · p99 ${formatLatency(delay.p99)} · max ${formatLatency(delay.max)} (${formatCount(subscriptions.stamped)} stamped)`);
  }
  return `subscriptions: ${parts.join(' · ')}`;
}
