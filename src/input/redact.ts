/**
 * Builds Plan.redacted: the scenario as written (before `${VAR}` substitution), safe to put in a report. Secret
 * places — header and stdio env values of the target and of client endpoints, URL credentials, secret-looking keys
 * and query parameters — keep only their `${VAR}` references (defaults hidden) and a leading auth scheme word; all
 * other text there is replaced.
 */
import { splitReferences } from './interpolate.js';
import type { Segment } from './path.js';

export const REDACTED = '[redacted]';

const SECRET_KEY = /token|secret|passw(?:or)?d|api[-_]?key|authori[sz]ation|cookie|credential|private[-_]?key/i;
const SCHEME_WORD = /^\s*(?:Bearer|Basic|Token|Bot|Digest)\s+$/i;
const LEADING_SCHEME_WORD = /^\s*(?:Bearer|Basic|Token|Bot|Digest)\s+/i;

export function redact(raw: unknown): unknown {
  return walk(raw, [], false, new Set());
}

/** `ancestors` holds the objects on the current path: a YAML alias inside its own anchor shows as null there. */
function walk(value: unknown, segments: Segment[], secret: boolean, ancestors: Set<unknown>): unknown {
  if (typeof value === 'object' && value !== null) {
    if (ancestors.has(value)) return null;
    ancestors.add(value);
    const copy = Array.isArray(value)
      ? value.map((item, index) => walk(item, [...segments, index], secret, ancestors))
      : Object.fromEntries(
          Object.entries(value).map(([key, item]) => {
            const path = [...segments, key];
            return [key, walk(item, path, secret || isSecretPlace(path), ancestors)];
          }),
        );
    ancestors.delete(value);
    return copy;
  }
  if (secret) return hide(value);
  return typeof value === 'string' ? hideInUrls(value) : value;
}

/** True when a key or command-line flag name says it holds a secret: `apiKey`, `X-Auth-Token`, `--password`. */
export function namesSecret(name: string): boolean {
  return SECRET_KEY.test(name);
}

/**
 * Every value of a `headers` or `env` map of the target and of every client endpoint (top level or a workload's),
 * whatever the kind of target (`http.headers.*`, `stdio.env.*`, and those of any kind added later), and any key that
 * names a secret.
 */
export function isSecretPlace(path: readonly Segment[]): boolean {
  const [, group, ...rest] = withinTarget(path) ?? [];
  if (rest.length === 1 && (group === 'headers' || group === 'env')) return true;
  // A URL target's auth block: `tokenCommand` (clientCredentials names a secret itself: all below it is secret).
  if (group === 'auth' && rest.length === 1 && rest[0] === 'tokenCommand') return true;
  // A tenant's or an endpoint group's own headers (tenants[k].headers.*, client.groups.<name>.headers.*).
  const n = path.length;
  if (path[n - 2] === 'headers' && ((path[n - 4] === 'tenants' && typeof path[n - 3] === 'number') || (path[n - 4] === 'groups' && path[n - 5] === 'client'))) return true;
  const key = path[path.length - 1];
  return typeof key === 'string' && namesSecret(key);
}

/**
 * The part of `path` inside a target: below `target`, `client.endpoints[i]` or `workloads[j].client.endpoints[i]`,
 * and the same inside a variant (`variants[k].target`, `variants[k].client.endpoints[i]`,
 * `variants[k].workload.client.endpoints[i]`).
 */
function withinTarget(path: readonly Segment[]): readonly Segment[] | undefined {
  const inVariant = path[0] === 'variants' && typeof path[1] === 'number';
  const rest = inVariant ? path.slice(2) : path;
  if (rest[0] === 'target') return rest.slice(1);
  const holder = inVariant ? (rest[0] === 'workload' ? 1 : 0) : rest[0] === 'workloads' && typeof rest[1] === 'number' ? 2 : 0;
  const isEndpoint = rest[holder] === 'client' && rest[holder + 1] === 'endpoints' && typeof rest[holder + 2] === 'number';
  if (isEndpoint) return rest.slice(holder + 3);
  // An endpoint of a group: client.groups.<name>[i], or client.groups.<name>.endpoints[i].
  if (rest[holder] !== 'client' || rest[holder + 1] !== 'groups') return undefined;
  const at = typeof rest[holder + 3] === 'number' ? holder + 4 : rest[holder + 3] === 'endpoints' && typeof rest[holder + 4] === 'number' ? holder + 5 : -1;
  return at === -1 ? undefined : rest.slice(at);
}

/** A header value without its leading auth scheme word: `Bearer abc` → `abc` (the part a server may echo alone). */
export function afterAuthScheme(value: string): string {
  return value.replace(LEADING_SCHEME_WORD, '');
}

/** Keeps `${VAR}` references (their defaults hidden) and an auth scheme word such as "Bearer "; hides the rest. */
function hide(value: unknown): unknown {
  if (typeof value !== 'string') return value === null || value === undefined ? value : REDACTED;
  const parts = splitReferences(value);
  if (!parts.some((part) => 'name' in part)) return REDACTED;
  return parts
    .map((part) => {
      if ('name' in part) return part.hasDefault ? `\${${part.name}:-${REDACTED}}` : `\${${part.name}}`;
      return SCHEME_WORD.test(part.literal) ? part.literal : REDACTED;
    })
    .join('');
}

/**
 * URL credentials and secret-looking query parameters hidden wherever they sit in `text`, in time linear in its
 * length (every scan below moves forward over text no other scan reads; no backtracking regex). Credentials are the
 * part of an authority before its last `@` when it follows `//` (also in a malformed `http//u:pw@host`), `:/`, or
 * holds a `:` itself (`http:u:pw@host`); a query parameter whose name looks secret keeps only its `${VAR}` references.
 * `found`, when given, is told each value hidden: the password (and the whole credentials), each secret parameter value.
 */
export function hideInUrls(text: string, found?: (secret: string) => void): string {
  return hideSecretQueries(hideUserinfo(text, found), found);
}

/** Ends an authority: whitespace (and control characters), `/`, `\\`, `?`, `#`. */
function isUrlEnd(code: number): boolean {
  return code === 47 /* / */ || code === 92 /* \\ */ || code === 63 /* ? */ || code === 35 /* # */ || isSpace(code);
}

/** What `\s` matches, and control characters. */
function isSpace(code: number): boolean {
  if (code <= 32) return true;
  if (code < 0xa0) return false;
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

function hideUserinfo(text: string, found: ((secret: string) => void) | undefined): string {
  let at = text.indexOf('@');
  if (at === -1) return text;
  let shown = '';
  let copied = 0;
  let floor = 0;
  while (at !== -1) {
    let start = at - 1;
    while (start >= floor && !isUrlEnd(text.charCodeAt(start))) start--;
    let end = at + 1;
    let lastAt = at;
    for (; end < text.length && !isUrlEnd(text.charCodeAt(end)); end++) if (text.charCodeAt(end) === 64) lastAt = end;
    if (looksLikeCredentials(text, start, at)) {
      if (found) foundCredentials(text.slice(start + 1, lastAt), found);
      shown += `${text.slice(copied, start + 1)}${REDACTED}`;
      copied = lastAt;
    }
    floor = end;
    at = text.indexOf('@', end);
  }
  return shown + text.slice(copied);
}

/** `text[start]` ended the scan back from the `@` at `at` (start is -1 at the beginning of the text). */
function looksLikeCredentials(text: string, start: number, at: number): boolean {
  const slash = (index: number): boolean => text[index] === '/' || text[index] === '\\';
  if (start >= 1 && slash(start) && (slash(start - 1) || text[start - 1] === ':')) return true;
  for (let index = start + 1; index < at; index++) if (text.charCodeAt(index) === 58 /* : */) return true;
  return false;
}

/** `user:password`: the password and the whole, each also percent-decoded (a server may echo either form). */
function foundCredentials(userinfo: string, found: (secret: string) => void): void {
  const colon = userinfo.indexOf(':');
  for (const value of colon === -1 ? [userinfo] : [userinfo, userinfo.slice(colon + 1)]) foundWithDecoded(value, found);
}

function foundWithDecoded(value: string, found: (secret: string) => void): void {
  found(value);
  try {
    const decoded = decodeURIComponent(value);
    if (decoded !== value) found(decoded);
  } catch {
    // Not valid percent-encoding: the value as written is all a server can have been given.
  }
}

const SECRET_QUERY_NAME = /token|key|secret|passw|sig|auth/i;
const isQueryEnd = (code: number): boolean => code === 38 /* & */ || code === 35 /* # */ || isSpace(code);

function hideSecretQueries(text: string, found: ((secret: string) => void) | undefined): string {
  if (!text.includes('=')) return text;
  let shown = '';
  let copied = 0;
  let index = nextQueryStart(text, 0);
  while (index !== -1) {
    let equals = index + 1;
    for (; equals < text.length; equals++) {
      const code = text.charCodeAt(equals);
      if (code === 61 /* = */ || code === 63 /* ? */ || isQueryEnd(code)) break;
    }
    if (text.charCodeAt(equals) !== 61) {
      index = nextQueryStart(text, equals);
      continue;
    }
    let end = equals + 1;
    while (end < text.length && !isQueryEnd(text.charCodeAt(end))) end++;
    if (SECRET_QUERY_NAME.test(text.slice(index + 1, equals))) {
      if (found) foundWithDecoded(text.slice(equals + 1, end), found);
      shown += `${text.slice(copied, equals + 1)}${String(hide(text.slice(equals + 1, end)))}`;
      copied = end;
    }
    index = nextQueryStart(text, end);
  }
  return shown + text.slice(copied);
}

/** The next `?` or `&` at or after `from`, or -1. */
function nextQueryStart(text: string, from: number): number {
  for (let index = from; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 63 || code === 38) return index;
  }
  return -1;
}
