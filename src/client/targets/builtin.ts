import { z } from 'zod';
import { bytes, duration, fraction, rate, seed, strict } from '../../input/fields.js';
import { isRecord } from '../../input/path.js';
import type { ReferenceServerOptions } from '../../server/options.js';
import { defineTargetKind } from './kind.js';
import { limitsField, limitsOf } from './limits.js';
import type { ServerLimits } from '../transports/server-limits.js';
import { sessionFields, sessionSettingsOf, type SessionSettings } from '../session/settings.js';

/** mcp-bench's own reference server (`mcp-bench serve`), spawned for each workload. */
export interface BuiltinTargetPlan extends SessionSettings {
  readonly kind: 'builtin';
  readonly transport: 'stdio' | 'http';
  readonly server: ReferenceServerOptions;
  /** Over stdio: the server's memory and CPU time limits (limits.ts); absent: none. */
  readonly limits?: ServerLimits;
}

/** The built-in reference server's settings when the target leaves them out. */
const BUILTIN_DEFAULTS = { transport: 'stdio', latencyUs: 0, jitterUs: 0, failRate: 0, seed: 1 } as const;

/** Faults the reference server can only show over HTTP (status codes, Retry-After, sessions). */
const HTTP_ONLY_KNOBS = ['rateLimit', 'unavailableRate', 'sessionTtl'] as const;
/** Settings that apply to the server over stdio only (limits are the stdio transport's). */
const STDIO_ONLY_KNOBS = ['limits'] as const;

const settings = strict({
  transport: z.enum(['stdio', 'http']).optional(),
  latency: duration({ positive: false }).optional(),
  jitter: duration({ positive: false }).optional(),
  failRate: fraction().optional(),
  seed: seed().optional(),
  /** tools/call above this rate are answered 429 with Retry-After. */
  rateLimit: rate().optional(),
  /** Fraction of requests answered 503 with Retry-After. */
  unavailableRate: fraction().optional(),
  /** A session expires this long after it was created (404 afterwards). */
  sessionTtl: duration({ positive: true }).optional(),
  /** Every session opened keeps this many bytes for ever (server/session-leak.ts): a session leak to detect. */
  leakPerSession: bytes().optional(),
  /** Every tools/call answered keeps this many bytes for ever (server/call-leak.ts): RSS that climbs with calls. */
  leakPerCall: bytes().optional(),
  /** Over stdio: `limits: { memory: 256MB, cpu: 30s }` on the spawned server (limits.ts). */
  limits: limitsField().optional(),
  /** The server's Node collects garbage early (--optimize-for-size), so its RSS tracks live memory (session churn). */
  compactHeap: z.boolean().optional(),
  ...sessionFields(),
}).superRefine(checkBuiltin, { when: (payload) => isRecord(payload.value) });

/** The HTTP-only knobs with `transport: stdio` (written, or by default) are each an issue; so are the stdio-only ones over HTTP. */
function checkBuiltin(value: unknown, ctx: z.core.$RefinementCtx): void {
  if (!isRecord(value)) return;
  if (value.transport === 'http') {
    for (const knob of STDIO_ONLY_KNOBS) {
      if (value[knob] === undefined) continue;
      const hint = 'remove transport: http (the built-in server runs over stdio by default), or remove limits';
      ctx.addIssue({ code: 'custom', path: [knob], message: `${knob} applies to the built-in server over stdio only, and this one runs over HTTP`, params: { hint } });
    }
  }
  if (value.transport !== undefined && value.transport !== 'stdio') return;
  const how = value.transport === undefined ? 'by default over stdio' : 'over stdio';
  for (const knob of HTTP_ONLY_KNOBS) {
    if (value[knob] === undefined) continue;
    ctx.addIssue({
      code: 'custom',
      path: [knob],
      message: `${knob} only applies over HTTP, and this built-in server runs ${how}`,
      params: { hint: 'add transport: http to the builtin target' },
    });
  }
}

export const builtinTarget = defineTargetKind<BuiltinTargetPlan>()({
  kind: 'builtin',
  // `builtin:` with nothing after it means the reference server with its defaults.
  schema: z.preprocess((value) => (value === null ? {} : value), settings),
  build: (raw) => ({
    kind: 'builtin',
    transport: raw.transport ?? BUILTIN_DEFAULTS.transport,
    server: {
      latencyUs: raw.latency ?? BUILTIN_DEFAULTS.latencyUs,
      jitterUs: raw.jitter ?? BUILTIN_DEFAULTS.jitterUs,
      failRate: raw.failRate ?? BUILTIN_DEFAULTS.failRate,
      seed: raw.seed ?? BUILTIN_DEFAULTS.seed,
      // The HTTP-only faults appear only when set, so a plan without them reads as before.
      ...(raw.rateLimit !== undefined ? { rateLimitPerSec: raw.rateLimit } : {}),
      ...(raw.unavailableRate !== undefined ? { unavailableRate: raw.unavailableRate } : {}),
      ...(raw.sessionTtl !== undefined ? { sessionTtlUs: raw.sessionTtl } : {}),
      ...(raw.leakPerSession !== undefined ? { leakPerSessionBytes: raw.leakPerSession } : {}),
      ...(raw.leakPerCall !== undefined ? { leakPerCallBytes: raw.leakPerCall } : {}),
      ...(raw.compactHeap === true ? { compactHeap: true } : {}),
    },
    ...(raw.limits !== undefined && { limits: limitsOf(raw.limits) }),
    ...sessionSettingsOf(raw),
  }),
  transport: (plan) => plan.transport,
  spawnsServer: true,
  notStreamableHttp: (raw) => ((raw.transport ?? BUILTIN_DEFAULTS.transport) === 'http' ? undefined : 'the built-in server over stdio'),
  shown: (plan) => plan,
  label: (shown) => `built-in reference server over ${shown.transport}`,
  open: async (plan, log, clock, options) => {
    const { openBuiltinHttp, openBuiltinStdio } = await import('../transports/builtin.js');
    return plan.transport === 'http' ? openBuiltinHttp(plan.server, log, clock, options) : openBuiltinStdio(plan.server, log, options, clock, plan.limits);
  },
  // The server's settings are written flat (`builtin: { latency: 1ms }`) and resolved under `server`.
  asWritten: (plan, mirror) => ({
    ...plan,
    transport: mirror(plan.transport, ['transport']),
    server: mirror(plan.server, []),
    ...(plan.limits !== undefined && { limits: mirror(plan.limits, ['limits']) }),
    ...(plan.protocolVersion !== undefined && { protocolVersion: mirror(plan.protocolVersion, ['protocolVersion']) }),
    ...(plan.logLevel !== undefined && { logLevel: mirror(plan.logLevel, ['logLevel']) }),
  }),
});
