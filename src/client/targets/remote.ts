/** What the URL kinds of target (Streamable HTTP, legacy SSE) share: their syntax, plan and shown form. */
import { headerMap, httpUrl, strict } from '../../input/fields.js';
import { hideInUrls, REDACTED } from '../../input/redact.js';
import { sessionFields, sessionSettingsOf, type SessionSettings } from '../session/settings.js';
import { authSchema, buildAuth, hideAuth, type AuthPlan } from '../auth/auth-plan.js';
import type { Clock } from '../../time/clock.js';
import type { TransportOptions } from '../transports/opened.js';
import { buildStart, hideStart, startSchema, type RawStart, type StartPlan } from './start-plan.js';

/** The keys of a header or env map, every value replaced by [redacted]. */
export function hideValues(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.keys(record).map((key) => [key, REDACTED]));
}

/** A URL target's plan: where to send, and the headers every request carries (their values are secrets). */
export interface RemotePlan<Kind extends string> extends SessionSettings {
  readonly kind: Kind;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** OAuth client credentials or a token command (auth/auth-plan.ts); absent: no Authorization but the headers'. */
  readonly auth?: AuthPlan;
  /** The user's own server, started by mcp-bench for the run (start-plan.ts); absent: it is already running. */
  readonly start?: StartPlan;
}

/** `{ url, headers }` under the kind's key (and `start:`, a server mcp-bench starts for the run). */
export const remoteSchema = () =>
  strict({ url: httpUrl(), headers: headerMap().optional(), auth: authSchema().optional(), start: startSchema().optional(), ...sessionFields() }).superRefine((raw, ctx) => {
    // auth: sets Authorization itself; a header of the same name would be sent alongside it.
    const written = raw.auth === undefined ? undefined : Object.keys(raw.headers ?? {}).find((name) => name.toLowerCase() === 'authorization');
    if (written !== undefined) ctx.addIssue({ code: 'custom', path: ['headers', written], message: 'auth: sets the Authorization header itself', params: { hint: 'drop this header, or drop auth:' } });
  });

/** The plan of a validated `{ url, headers }`. */
export const buildRemote =
  <Kind extends string>(kind: Kind) =>
  (raw: { readonly url: string; readonly headers?: Readonly<Record<string, string>>; readonly auth?: Parameters<typeof buildAuth>[0]; readonly start?: RawStart } & SessionSettings, baseDir: string): RemotePlan<Kind> => ({
    kind,
    url: raw.url,
    headers: raw.headers ?? {},
    ...(raw.auth && { auth: buildAuth(raw.auth) }),
    ...(raw.start && { start: buildStart(raw.start, baseDir, raw.url) }),
    ...sessionSettingsOf(raw),
  });

/** A URL target as a report may show it: credentials and secret-looking query parameters removed, header values hidden. */
export function hideRemote<T extends RemotePlan<string>>(plan: T): T {
  return { ...plan, url: hideInUrls(plan.url), headers: hideValues(plan.headers), ...(plan.auth && { auth: hideAuth(plan.auth) }), ...(plan.start && { start: hideStart(plan.start) }) };
}

/** The transport options of a URL target's session: with its authorizer, the first token got, when it has `auth:`. */
export async function authorized(plan: RemotePlan<string>, clock: Clock, options: TransportOptions): Promise<TransportOptions> {
  if (plan.auth === undefined) return options;
  const { readyAuthorizer } = await import('../auth/auth-sources.js');
  return { ...options, authorize: await readyAuthorizer(plan.url, plan.auth, options.session?.auth, clock) };
}
