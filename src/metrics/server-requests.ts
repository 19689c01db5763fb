/**
 * What the server asked of the client during a workload (sampling, elicitation, roots, anything else): per method, a
 * histogram of our answer's time (µs), how many, and the errors we answered with by outcome key. Fed by
 * `SessionEvents.serverRequest` (client/session/feature.ts); merged over rounds and shards by adding histograms and
 * summing counts, never averaging.
 */
import { addEncodedHistograms, createHistogram, encodeHistogram, latencyStats, recordUs, type Histogram, type LatencyStats } from '../stats/histogram.js';

/** One method's answers, encoded so a record crosses processes (shards) and merges exactly. */
export interface ServerRequestRecord {
  readonly count: number;
  /** Errors we answered with, by outcome key (`rpc-error:-32601`, …). */
  readonly errors: Readonly<Record<string, number>>;
  /** HDR histogram of answer µs, encoded (stats/histogram.ts encodeHistogram). */
  readonly answerHistogram: string;
}

export type ServerRequestRecords = Readonly<Record<string, ServerRequestRecord>>;

interface Live {
  count: number;
  readonly errors: Map<string, number>;
  readonly histogram: Histogram;
}

export class ServerRequestRecorder {
  private readonly methods = new Map<string, Live>();

  /** The listener to put in `SessionEvents.serverRequest`; counts only, never throws. */
  readonly listener = (method: string, answerUs: number, outcome: string): void => {
    let live = this.methods.get(method);
    if (!live) this.methods.set(method, (live = { count: 0, errors: new Map(), histogram: createHistogram() }));
    live.count += 1;
    recordUs(live.histogram, Math.max(0, Math.round(answerUs)));
    if (outcome !== 'ok') live.errors.set(outcome, (live.errors.get(outcome) ?? 0) + 1);
  };

  /** The records so far; empty when the server asked nothing. */
  records(): ServerRequestRecords {
    return Object.fromEntries(
      [...this.methods].map(([method, live]) => [method, { count: live.count, errors: Object.fromEntries(live.errors), answerHistogram: encodeHistogram(live.histogram) }]),
    );
  }
}

/** Several runs' records (rounds, shards) as one: counts and errors summed, histograms added. */
export function mergeServerRequests(parts: readonly ServerRequestRecords[]): ServerRequestRecords {
  const methods = [...new Set(parts.flatMap((part) => Object.keys(part)))].sort();
  return Object.fromEntries(
    methods.map((method) => {
      const records = parts.flatMap((part) => (part[method] ? [part[method]] : []));
      const errors: Record<string, number> = {};
      for (const record of records) for (const [key, n] of Object.entries(record.errors)) errors[key] = (errors[key] ?? 0) + n;
      const histogram = addEncodedHistograms(records.map((record) => record.answerHistogram));
      return [method, { count: records.reduce((sum, r) => sum + r.count, 0), errors, answerHistogram: encodeHistogram(histogram) }];
    }),
  );
}

/** One method's answer-time figures for a report row (`← sampling/createMessage`). */
export function answerStats(record: ServerRequestRecord): LatencyStats {
  return latencyStats(addEncodedHistograms([record.answerHistogram]));
}
