import { headerMap, httpUrl, strict } from '../../input/fields.js';
import { hideRemote } from './hide.js';
import { defineTargetKind } from './kind.js';

/** A legacy HTTP+SSE endpoint (protocol 2024-11-05 servers). */
export interface SseTargetPlan {
  readonly kind: 'sse';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
}

export const sseTarget = defineTargetKind<SseTargetPlan>()({
  kind: 'sse',
  schema: strict({ url: httpUrl(), headers: headerMap().optional() }),
  build: (raw) => ({ kind: 'sse', url: raw.url, headers: raw.headers ?? {} }),
  transport: () => 'sse',
  spawnsServer: false,
  notStreamableHttp: () => 'a legacy SSE server',
  shown: hideRemote,
  label: (shown) => `legacy SSE: ${shown.url}`,
  open: async (plan, _log, _clock, options) => (await import('../transports/http.js')).openSse(plan.url, plan.headers, options),
});
