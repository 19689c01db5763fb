/**
 * The report's bytes of one operation (metrics/payload-bytes.ts records them): its requests as sent and before
 * compression, its answers as received and after decoding, over the measured calls whose transport counted them.
 * Exact integers, merged by addition over rounds and shards. Absent on operations that sent nothing (and in reports
 * from before bytes were counted).
 */
import type { PayloadBytesRecord } from '../metrics/payload-bytes.js';

export interface ByteCounts {
  /** As they travelled: compressed where they were. */
  readonly wireBytes: number;
  /** Before compression (requests), after decoding (answers). */
  readonly decodedBytes: number;
}

export interface PayloadBytesSummary {
  /** Measured calls whose bytes were counted (a call answered without sending, e.g. from a cache, is not). */
  readonly calls: number;
  /** Of those, calls sent asking for compression (`client.compression`: gzipped requests or compressed answers). */
  readonly compressionAsked: number;
  readonly requests: ByteCounts;
  readonly answers: ByteCounts;
}

export function summarizePayloadBytes(record: PayloadBytesRecord): PayloadBytesSummary {
  return {
    calls: record.calls,
    compressionAsked: record.compressionAsked,
    requests: { wireBytes: record.requestWire, decodedBytes: record.requestDecoded },
    answers: { wireBytes: record.answerWire, decodedBytes: record.answerDecoded },
  };
}

/** Several parts as one (shards of an operation, or a workload's operations for its total): every count added. */
export function mergePayloadBytes(parts: readonly PayloadBytesSummary[]): PayloadBytesSummary | null {
  if (parts.length === 0) return null;
  const sum = (pick: (p: PayloadBytesSummary) => number): number => parts.reduce((n, p) => n + pick(p), 0);
  return {
    calls: sum((p) => p.calls),
    compressionAsked: sum((p) => p.compressionAsked),
    requests: { wireBytes: sum((p) => p.requests.wireBytes), decodedBytes: sum((p) => p.requests.decodedBytes) },
    answers: { wireBytes: sum((p) => p.answers.wireBytes), decodedBytes: sum((p) => p.answers.decodedBytes) },
  };
}

/** `{ bytes }` of the parts that have them, or nothing: for spreading into an OperationSummary. */
export function bytesOf(parts: readonly { readonly bytes?: PayloadBytesSummary }[]): { bytes?: PayloadBytesSummary } {
  const bytes = mergePayloadBytes(parts.flatMap((p) => (p.bytes ? [p.bytes] : [])));
  return bytes ? { bytes } : {};
}
