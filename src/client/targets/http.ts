import { defineTargetKind } from './kind.js';
import { authorized, buildRemote, hideRemote, remoteSchema, type RemotePlan } from './remote.js';

/** A Streamable HTTP endpoint (MCP 2025-03-26 and later). */
export type HttpTargetPlan = RemotePlan<'http'>;

export const httpTarget = defineTargetKind<HttpTargetPlan>()({
  kind: 'http',
  schema: remoteSchema(),
  build: buildRemote('http'),
  transport: () => 'http',
  spawnsServer: false,
  // autocannon sends the target's headers as they are: it cannot fetch or renew a token.
  notStreamableHttp: (raw) => (raw.auth === undefined ? undefined : 'an endpoint with auth: (autocannon fetches no token; use engine: client)'),
  shown: hideRemote,
  label: (shown) => `Streamable HTTP: ${shown.url}`,
  open: async (plan, _log, clock, options) => (await import('../transports/http.js')).openHttp(plan.url, plan.headers, await authorized(plan, clock, options)),
});
