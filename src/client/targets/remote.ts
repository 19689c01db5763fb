/** What the URL kinds of target (Streamable HTTP, legacy SSE) share: their syntax, plan and shown form. */
import { headerMap, httpUrl, strict } from '../../input/fields.js';
import { hideInUrls, REDACTED } from '../../input/redact.js';
import { sessionFields, sessionSettingsOf, type SessionSettings } from '../session/settings.js';

/** The keys of a header or env map, every value replaced by [redacted]. */
export function hideValues(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.keys(record).map((key) => [key, REDACTED]));
}

/** A URL target's plan: where to send, and the headers every request carries (their values are secrets). */
export interface RemotePlan<Kind extends string> extends SessionSettings {
  readonly kind: Kind;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** `{ url, headers }` under the kind's key. */
export const remoteSchema = () => strict({ url: httpUrl(), headers: headerMap().optional(), ...sessionFields() });

/** The plan of a validated `{ url, headers }`. */
export const buildRemote =
  <Kind extends string>(kind: Kind) =>
  (raw: { readonly url: string; readonly headers?: Readonly<Record<string, string>> } & SessionSettings): RemotePlan<Kind> => ({
    kind,
    url: raw.url,
    headers: raw.headers ?? {},
    ...sessionSettingsOf(raw),
  });

/** A URL target as a report may show it: credentials and secret-looking query parameters removed, header values hidden. */
export function hideRemote<T extends RemotePlan<string>>(plan: T): T {
  return { ...plan, url: hideInUrls(plan.url), headers: hideValues(plan.headers) };
}
