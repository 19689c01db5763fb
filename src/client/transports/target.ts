/** The server under test: exactly one of builtin, stdio, http or sse. */
import path from 'node:path';
import { z } from 'zod';
import type { ReferenceServerOptions } from '../../server/options.js';
import { duration, fraction, headerMap, httpUrl, rate, seed, strict, stringMap, stringish, text } from '../../input/fields.js';
import { isRecord } from '../../input/path.js';
import { listWords } from '../../input/suggest.js';


/** Where calls go, resolved: the built-in reference server, a stdio command, or a Streamable HTTP or legacy SSE URL. */
export type TargetPlan =
  | { readonly kind: 'builtin'; readonly transport: 'stdio' | 'http'; readonly server: ReferenceServerOptions }
  | {
      readonly kind: 'stdio';
      readonly command: string;
      readonly args: readonly string[];
      readonly env: Readonly<Record<string, string>>;
      /** Absolute working directory (relative paths in the file are resolved against the file's folder). */
      readonly cwd: string;
    }
  | { readonly kind: 'http'; readonly url: string; readonly headers: Readonly<Record<string, string>> }
  | { readonly kind: 'sse'; readonly url: string; readonly headers: Readonly<Record<string, string>> };

/** The built-in reference server's settings when the target leaves them out. */
const BUILTIN_DEFAULTS = { transport: 'stdio', latencyUs: 0, jitterUs: 0, failRate: 0, seed: 1 } as const;

const TARGET_KINDS = ['builtin', 'stdio', 'http', 'sse'] as const;

/** Faults the reference server can only show over HTTP (status codes, Retry-After, sessions). */
const HTTP_ONLY_KNOBS = ['rateLimit', 'unavailableRate', 'sessionTtl'] as const;

const builtinSchema = strict({
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
}).superRefine(checkBuiltin, { when: (payload) => isRecord(payload.value) });

/** The HTTP-only knobs with `transport: stdio` (written, or by default) are each an issue. */
function checkBuiltin(value: unknown, ctx: z.core.$RefinementCtx): void {
  if (!isRecord(value) || (value.transport !== undefined && value.transport !== 'stdio')) return;
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

const stdioSchema = strict({
  command: text('a command, like node or npx'),
  args: z.array(stringish()).optional(),
  env: stringMap().optional(),
  cwd: text('a folder').optional(),
});

const remoteSchema = () => strict({ url: httpUrl(), headers: headerMap().optional() });

export const targetSchema = strict({
  // `builtin:` with nothing after it means the reference server with its defaults.
  builtin: z.preprocess((value) => (value === null ? {} : value), builtinSchema).optional(),
  stdio: stdioSchema.optional(),
  http: remoteSchema().optional(),
  sse: remoteSchema().optional(),
}).superRefine(checkTarget, { when: (payload) => isRecord(payload.value) });

export type RawTarget = z.output<typeof targetSchema>;

const TARGET_HINT = 'e.g. target: { builtin: { latency: 1ms } } or target: { stdio: { command: node, args: [server.js] } }';

function checkTarget(value: unknown, ctx: z.core.$RefinementCtx): void {
  if (!isRecord(value)) return;
  const present = TARGET_KINDS.filter((kind) => value[kind] !== undefined);
  if (present.length === 1) return;
  const known: readonly string[] = TARGET_KINDS;
  // With no known kind but an unknown key, the unknown-key issue (with its suggestion) already says what is wrong.
  if (present.length === 0 && Object.keys(value).some((key) => !known.includes(key))) return;
  const expected = `exactly one of ${listWords(TARGET_KINDS)}`;
  ctx.addIssue({
    code: 'custom',
    message: present.length === 0 ? `expected ${expected}; got none` : `expected ${expected}; got ${listWords(present, 'and')}`,
    params: { expected, hint: present.length === 0 ? TARGET_HINT : 'keep one of them' },
  });
}

/** Resolves a validated target; a relative stdio `cwd` is taken from `baseDir` (the scenario file's folder). */
export function buildTarget(raw: RawTarget, baseDir: string): TargetPlan {
  if (raw.stdio) {
    const { command, args = [], env = {}, cwd = '.' } = raw.stdio;
    return { kind: 'stdio', command, args, env, cwd: path.resolve(baseDir, cwd) };
  }
  if (raw.http) return { kind: 'http', url: raw.http.url, headers: raw.http.headers ?? {} };
  if (raw.sse) return { kind: 'sse', url: raw.sse.url, headers: raw.sse.headers ?? {} };
  const builtin = raw.builtin ?? {};
  const fallback = BUILTIN_DEFAULTS;
  return {
    kind: 'builtin',
    transport: builtin.transport ?? fallback.transport,
    server: {
      latencyUs: builtin.latency ?? fallback.latencyUs,
      jitterUs: builtin.jitter ?? fallback.jitterUs,
      failRate: builtin.failRate ?? fallback.failRate,
      seed: builtin.seed ?? fallback.seed,
      // The HTTP-only faults appear only when set, so a plan without them reads as before.
      ...(builtin.rateLimit !== undefined ? { rateLimitPerSec: builtin.rateLimit } : {}),
      ...(builtin.unavailableRate !== undefined ? { unavailableRate: builtin.unavailableRate } : {}),
      ...(builtin.sessionTtl !== undefined ? { sessionTtlUs: builtin.sessionTtl } : {}),
    },
  };
}
