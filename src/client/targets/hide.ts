import { hideInUrls, REDACTED } from '../../input/redact.js';

/** The keys of a header or env map, every value replaced by [redacted]. */
export function hideValues(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.keys(record).map((key) => [key, REDACTED]));
}

/** A URL target as a report may show it: credentials and secret-looking query parameters removed, header values hidden. */
export function hideRemote<T extends { readonly url: string; readonly headers: Readonly<Record<string, string>> }>(plan: T): T {
  return { ...plan, url: hideInUrls(plan.url), headers: hideValues(plan.headers) };
}
