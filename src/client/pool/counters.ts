import { counter, type LayerCounters } from '../layers/declaration.js';
import { RECYCLE_CAUSES } from './member.js';

/**
 * A pool's counters in the report (one pool per endpoint: `pool`, `pool1`, …). Sizes and live sessions are the last
 * round's; peaks and utilization the largest; everything else (sessions opened, grown, shrunk, waits, pings,
 * recycles, reconnects) adds up. `utilization` is the peak of sessions busy (holding a call) over `max`;
 * `meanUtilization` the time-weighted mean of the same.
 */
export const POOL_COUNTERS: LayerCounters = {
  name: 'pool',
  counters: { sessions: 'last', live: 'last', min: 'last', max: 'last', peakBusy: 'max', utilization: 'max', meanUtilization: 'max', waitedMaxUs: 'max' },
  line: (stats, f, name) => {
    const n = (key: string): number => counter(stats, key);
    const parts: string[] = [];
    const elastic = stats.max !== undefined && (n('max') > n('min') || n('waited') > 0 || n('pings') > 0 || recycled(stats) > 0);
    if (elastic) {
      parts.push(`${n('min')}–${n('max')} sessions, peak ${n('peakBusy')} busy (${f.percent(n('utilization'))} of max, mean ${f.percent(n('meanUtilization'))})`);
      if (n('grown') + n('shrunk') > 0) parts.push(`${f.count(n('grown'))} grown, ${f.count(n('shrunk'))} closed idle`);
      if (n('waited') > 0 || n('exhausted') > 0) parts.push(`${f.counted(n('waited'), 'call')} waited for a session (longest ${f.latency(n('waitedMaxUs'))}), ${f.count(n('exhausted'))} gave up`);
      if (n('pings') > 0) parts.push(`${f.counted(n('pings'), 'ping')}, ${f.count(n('pingFailures'))} failed, ${f.counted(n('unhealthy'), 'session')} taken out`);
      if (recycled(stats) > 0) parts.push(`recycled ${recycledText(stats, f.count)}`);
    } else if (n('sessions') > 1) {
      parts.push(f.counted(n('sessions'), 'session'));
    }
    if (n('reconnects') > 0 || n('reconnectFailures') > 0) parts.push(`${f.counted(n('reconnects'), 'reconnect')}, ${f.counted(n('reconnectFailures'), 'failed reconnect')}`);
    return parts.length === 0 ? null : `${name}: ${parts.join(' · ')}`;
  },
};

function recycled(stats: Readonly<Record<string, number | string>>): number {
  return RECYCLE_CAUSES.reduce((sum, cause) => sum + counter(stats, `recycled.${cause}`), 0);
}

function recycledText(stats: Readonly<Record<string, number | string>>, count: (n: number) => string): string {
  return RECYCLE_CAUSES.filter((cause) => counter(stats, `recycled.${cause}`) > 0)
    .map((cause) => `${count(counter(stats, `recycled.${cause}`))} by ${cause}`)
    .join(', ');
}
