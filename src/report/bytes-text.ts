/**
 * The reporters' words for an operation's bytes (summary/payload-bytes.ts): one line per operation whose calls asked
 * for compression or whose bytes on the wire differ from their decoded size, the same in every format (workload-view.ts
 * puts them among the workload's facts). Sums over the operation's measured calls, as the JSON report has them.
 */
import { formatBytes } from '../input/units.js';
import type { ByteCounts, PayloadBytesSummary } from '../summary/payload-bytes.js';
import type { WorkloadSummary } from '../summary/summary.js';
import { formatCounted } from './format.js';

/** Every operation's line, in the operations' order (none when nothing was compressed or asked to be). */
export function payloadLines(workload: WorkloadSummary): string[] {
  return workload.operations.flatMap((op) => (op.bytes && worthShowing(op.bytes) ? [payloadLine(op.name, op.bytes)] : []));
}

function differs(counts: ByteCounts): boolean {
  return counts.wireBytes !== counts.decodedBytes;
}

function worthShowing(bytes: PayloadBytesSummary): boolean {
  return bytes.compressionAsked > 0 || differs(bytes.requests) || differs(bytes.answers);
}

/** `75.0%`, `99.97%`: two decimals near 100%, where one would round a real saving up to all of it. */
function percent(fraction: number): string {
  const pct = fraction * 100;
  if (pct < 99 || fraction >= 1) return `${pct.toFixed(1)}%`;
  const text = pct.toFixed(2);
  return `${text === '100.00' ? '99.99' : text}%`;
}

/** `1.00 MiB decoded, 3.1 KiB on the wire (99.7% saved)`, or `45 B` when both are the same. */
function sizes(counts: ByteCounts, decodedWord: string): string {
  const { wireBytes, decodedBytes } = counts;
  if (!differs(counts)) return formatBytes(decodedBytes);
  const change = decodedBytes > 0 ? 1 - wireBytes / decodedBytes : 0;
  const gain = change >= 0 ? `${percent(change)} saved` : `${percent(-change)} larger`;
  return `${formatBytes(decodedBytes)} ${decodedWord}, ${formatBytes(wireBytes)} on the wire (${gain})`;
}

/** `bytes · tools/call payload (100 calls): answers 6.3 MiB decoded, 19 KiB on the wire (99.7% saved); requests 9.9 KiB`. */
export function payloadLine(name: string, bytes: PayloadBytesSummary): string {
  const answers = `answers ${sizes(bytes.answers, 'decoded')}`;
  const requests = `requests ${sizes(bytes.requests, 'before compression')}`;
  return `bytes · ${name} (${formatCounted(bytes.calls, 'call')}): ${answers}; ${requests}`;
}
