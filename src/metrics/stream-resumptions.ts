import type { StreamEventKind } from '../client/transports/stream-resumption.js';

/**
 * Event streams of Streamable HTTP that ended early and were picked up again, over one workload (every session):
 * what a server that closes streams on purpose (SEP-1699 polling) or a flaky path costs in extra GETs. Absent from the
 * report when both are 0. A stream that could not be resumed fails its call (transport:stream-ended / stream-lost).
 */
export interface StreamResumptionSummary {
  /** A call's event stream that ended before its response, resumed with GET and Last-Event-ID. */
  readonly resumed: number;
  /** The standalone GET stream (messages outside calls), opened again after the server dropped it. */
  readonly reopened: number;
}

/** Counts resumptions as transports report them; `listener` is what the transports are given. */
export class StreamResumptionCounter {
  private readonly counts = { resumed: 0, reopened: 0 };
  readonly listener = (kind: StreamEventKind): void => {
    this.counts[kind]++;
  };

  /** The counts so far, or null when there were none. */
  summary(): StreamResumptionSummary | null {
    return this.counts.resumed + this.counts.reopened > 0 ? { ...this.counts } : null;
  }
}

/** Rounds or shards of one workload: their counts added (null when none had any). */
export function mergeStreamResumptions(summaries: readonly (StreamResumptionSummary | null | undefined)[]): StreamResumptionSummary | null {
  let resumed = 0;
  let reopened = 0;
  for (const s of summaries) {
    resumed += s?.resumed ?? 0;
    reopened += s?.reopened ?? 0;
  }
  return resumed + reopened > 0 ? { resumed, reopened } : null;
}

/** `streams: 3 event streams resumed (Last-Event-ID), the standalone GET stream re-opened once`. */
export function streamResumptionText(counts: StreamResumptionSummary): string {
  const parts: string[] = [];
  if (counts.resumed > 0) parts.push(`${counts.resumed} event ${counts.resumed === 1 ? 'stream' : 'streams'} resumed (Last-Event-ID)`);
  if (counts.reopened > 0) parts.push(`the standalone GET stream re-opened ${counts.reopened === 1 ? 'once' : `${counts.reopened} times`}`);
  return `streams: ${parts.join(', ')}`;
}
