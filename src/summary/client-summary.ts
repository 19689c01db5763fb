import type { LayerFigureSummaries } from '../client/layers/registry.js';
import type { ClientOperationRecord } from '../metrics/client-record.js';
import { latencyStats, type LatencyStats } from '../stats/histogram.js';

/**
 * What the client layers did for one operation: only the parts of switched-on features are present. Each layer's
 * part (`retry`, `cache`, `dedup`, `rateLimitWaitUs`, `queueWaitUs`) is the one its declaration gives; the calls per
 * endpoint and per session come from the bottom of the stack.
 */
export type ClientOperationSummary = LayerFigureSummaries & {
  /** Calls per endpoint and per session (index order), when there are several. */
  readonly endpointCalls?: readonly number[];
  readonly sessionCalls?: readonly number[];
  /** How long calls waited for a pooled session with room (a pool with `perSession`), µs. */
  readonly poolWaitUs?: LatencyStats;
};

export function summarizeClientOperation(record: ClientOperationRecord, count: number, ok: number): ClientOperationSummary {
  const f = record.features;
  const layers = Object.fromEntries(record.layers.map((layer) => [layer.key, layer.record.summarize(count, ok)]));
  return {
    ...(layers as LayerFigureSummaries),
    ...(f.endpoints > 1 && { endpointCalls: [...record.endpointCalls] }),
    ...(f.sessions > 1 && { sessionCalls: [...record.sessionCalls] }),
    ...(record.poolWait && { poolWaitUs: latencyStats(record.poolWait) }),
  };
}
