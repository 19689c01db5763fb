/**
 * The reporters' words for the server's requests we answered (metrics/server-requests.ts): one line per method,
 * `← sampling/createMessage: 150 answered · our answer p50 20.1ms p99 20.4ms max 21.0ms · errors: rpc-error:-32601 3`,
 * the same in every format (workload-view.ts).
 */
import { answerStats, type ServerRequestRecords } from '../metrics/server-requests.js';
import { formatCount, formatLatency } from './format.js';

export function serverRequestLines(records: ServerRequestRecords | undefined): string[] {
  if (records === undefined) return [];
  const methods = Object.keys(records).sort();
  if (methods.length === 0) return ['← server requests: none (capabilities declared, the server asked nothing)'];
  return methods.map((method) => {
    const record = records[method]!;
    const stats = answerStats(record);
    const errors = Object.entries(record.errors).sort(([a], [b]) => a.localeCompare(b));
    const errorText = errors.length > 0 ? ` · errors: ${errors.map(([code, n]) => `${code} ${formatCount(n)}`).join(', ')}` : '';
    const timing = record.count > 0 ? ` · our answer p50 ${formatLatency(stats.p50)} p99 ${formatLatency(stats.p99)} max ${formatLatency(stats.max)}` : '';
    return `← ${method}: ${formatCount(record.count)} answered${timing}${errorText}`;
  });
}
