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
const URL_USERINFO = /([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]*@/gi;
const SECRET_QUERY = /([?&][^=&#\s]*(?:token|key|secret|passw|sig|auth)[^=&#\s]*=)([^&#\s]*)/gi;

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

/**
 * Every value of a `headers` or `env` map of the target and of every client endpoint (top level or a workload's),
 * whatever the kind of target (`http.headers.*`, `stdio.env.*`, and those of any kind added later), and any key that
 * names a secret.
 */
export function isSecretPlace(path: readonly Segment[]): boolean {
  const [, group, ...rest] = withinTarget(path) ?? [];
  if (rest.length === 1 && (group === 'headers' || group === 'env')) return true;
  const key = path[path.length - 1];
  return typeof key === 'string' && SECRET_KEY.test(key);
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
  return isEndpoint ? rest.slice(holder + 3) : undefined;
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

export function hideInUrls(text: string): string {
  return text
    .replace(URL_USERINFO, `$1${REDACTED}@`)
    .replace(SECRET_QUERY, (_match, name: string, secretValue: string) => `${name}${String(hide(secretValue))}`);
}
