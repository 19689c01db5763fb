import type { BadOutputKind } from '../client/transports/bad-output.js';

/**
 * What the server wrote that mcp-bench could not use, over one workload (every session, set-up included), counted the
 * same on every transport (client/transports/bad-output.ts says what each kind is). Absent from the report when all
 * are 0.
 */
export interface BadOutputSummary {
  /** Lines (stdio), events or bodies (HTTP) that are not JSON, or not a JSON-RPC message. */
  readonly notJsonRpc: number;
  /** Responses whose id matched no request in flight. */
  readonly unknownId: number;
  /** Answers over the maximum answer size, skipped unread. */
  readonly tooLarge: number;
  /** HTTP answers whose compressed body did not decode (or came in a coding mcp-bench does not decode); absent when 0. */
  readonly undecodable?: number;
}

const FIELD: Readonly<Record<BadOutputKind, keyof BadOutputSummary>> = {
  'not-json-rpc': 'notJsonRpc',
  'unknown-id': 'unknownId',
  'too-large': 'tooLarge',
  undecodable: 'undecodable',
};

/** Counts bad output as transports report it; `listener` is what the transports are given. */
export class BadOutputCounter {
  private readonly counts = { notJsonRpc: 0, unknownId: 0, tooLarge: 0, undecodable: 0 };
  readonly listener = (kind: BadOutputKind): void => {
    this.counts[FIELD[kind]]++;
  };

  /** The counts so far, or null when there were none. */
  summary(): BadOutputSummary | null {
    return anyBadOutput(this.counts) ? withoutZeroUndecodable(this.counts) : null;
  }
}

/** `undecodable` only where there were some, so reports without compressed answers read as before. */
function withoutZeroUndecodable(counts: Required<BadOutputSummary>): BadOutputSummary {
  const { undecodable, ...rest } = counts;
  return undecodable > 0 ? { ...rest, undecodable } : rest;
}

export function anyBadOutput(counts: BadOutputSummary): boolean {
  return counts.notJsonRpc + counts.unknownId + counts.tooLarge + (counts.undecodable ?? 0) > 0;
}

/** Rounds of one workload: their counts added (null when none had any). */
export function mergeBadOutput(summaries: readonly (BadOutputSummary | null | undefined)[]): BadOutputSummary | null {
  const sum = { notJsonRpc: 0, unknownId: 0, tooLarge: 0, undecodable: 0 };
  for (const s of summaries) {
    if (!s) continue;
    sum.notJsonRpc += s.notJsonRpc;
    sum.unknownId += s.unknownId;
    sum.tooLarge += s.tooLarge;
    sum.undecodable += s.undecodable ?? 0;
  }
  return anyBadOutput(sum) ? withoutZeroUndecodable(sum) : null;
}
