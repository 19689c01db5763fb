import type { LayerFigureSummaries } from '../client/layers/registry.js';
import type { ClientOperationRecord } from '../metrics/client-record.js';

/**
 * What the client layers did for one operation: only the parts of switched-on features are present. Each layer's
 * part (`retry`, `cache`, `dedup`, `rateLimitWaitUs`, `queueWaitUs`) is the one its declaration gives; the calls per
 * endpoint and per session come from the bottom of the stack.
 */
export type ClientOperationSummary = LayerFigureSummaries & {
  /** Calls per endpoint and per session (index order), when there are several. */
  readonly endpointCalls?: readonly number[];
  readonly sessionCalls?: readonly number[];
};

export function summarizeClientOperation(record: ClientOperationRecord, count: number, ok: number): ClientOperationSummary {
  const f = record.features;
  const layers = Object.fromEntries(record.layers.map((layer) => [layer.key, layer.record.summarize(count, ok)]));
  return {
    ...(layers as LayerFigureSummaries),
    ...(f.endpoints > 1 && { endpointCalls: [...record.endpointCalls] }),
    ...(f.sessions > 1 && { sessionCalls: [...record.sessionCalls] }),
  };
}
