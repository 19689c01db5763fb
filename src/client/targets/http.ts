import { headerMap, httpUrl, strict } from '../../input/fields.js';
import { hideRemote } from './hide.js';
import { defineTargetKind } from './kind.js';

/** A Streamable HTTP endpoint (MCP 2025-03-26 and later). */
export interface HttpTargetPlan {
  readonly kind: 'http';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
}

export const httpTarget = defineTargetKind<HttpTargetPlan>()({
  kind: 'http',
  schema: strict({ url: httpUrl(), headers: headerMap().optional() }),
  build: (raw) => ({ kind: 'http', url: raw.url, headers: raw.headers ?? {} }),
  transport: () => 'http',
  spawnsServer: false,
  notStreamableHttp: () => undefined,
  shown: hideRemote,
  label: (shown) => `Streamable HTTP: ${shown.url}`,
  open: async (plan, _log, _clock, options) => (await import('../transports/http.js')).openHttp(plan.url, plan.headers, options),
});
