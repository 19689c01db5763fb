import { defineTargetKind } from './kind.js';
import { authorized, buildRemote, hideRemote, remoteSchema, type RemotePlan } from './remote.js';

/** A legacy HTTP+SSE endpoint (protocol 2024-11-05 servers). */
export type SseTargetPlan = RemotePlan<'sse'>;

export const sseTarget = defineTargetKind<SseTargetPlan>()({
  kind: 'sse',
  schema: remoteSchema(),
  build: buildRemote('sse'),
  transport: () => 'sse',
  spawnsServer: false,
  notStreamableHttp: () => 'a legacy SSE server',
  shown: hideRemote,
  label: (shown) => `legacy SSE: ${shown.url}`,
  open: async (plan, _log, clock, options) => (await import('../transports/http.js')).openSse(plan.url, plan.headers, await authorized(plan, clock, options)),
});
