/**
 * The one registry of values never to show. What goes in: every value substituted for a `${VAR}` (it came from the
 * environment), every value in a secret place — header and env values of any target or endpoint, keys that name a
 * secret (redact.ts isSecretPlace) — URL credentials and secret query values, and what the CLI's `-H` and `-e` flags
 * give. A command fills one as it reads its input (scenarioSecrets; cli/target-flags.ts); the few sinks mask with it:
 * the CLI's stdout and stderr (cli/io.ts maskedIo), the run summary every report is rendered from
 * (summary/mask.ts, applied by runScenario and again by the CLI before writing), and the server's stderr as logged
 * and quoted (ServerLog). Masking where text leaves, not where it is made, covers every message, those written later
 * included, whatever built it: an error from spawn, a server echoing its environment, a malformed flag.
 *
 * Values shorter than MIN_MASKED_LENGTH are not masked in free text: "1", "true", "info" or "8080" would garble every
 * word and figure they occur in while protecting nothing a guess would not find. They stay hidden where they are
 * given (a report's copy of the scenario shows no header or env value, whatever its length) and no message quotes a
 * header or env value.
 */
import type { Env } from './interpolate.js';
import { splitReferences } from './interpolate.js';
import { isRecord, type Segment } from './path.js';
import { afterAuthScheme, hideInUrls, isSecretPlace, namesSecret, REDACTED } from './redact.js';

export const MIN_MASKED_LENGTH = 6;

export class Secrets {
  private readonly values = new Set<string>();
  private longestFirst: readonly string[] = [];

  /** Registers a value, with the forms a message may quote it in: JSON-escaped and percent-encoded. */
  add(value: string | undefined): void {
    if (value === undefined || value.length < MIN_MASKED_LENGTH) return;
    const before = this.values.size;
    for (const form of [value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)]) this.values.add(form);
    // Longest first, so a secret holding a shorter one is masked whole.
    if (this.values.size !== before) this.longestFirst = [...this.values].sort((a, b) => b.length - a.length);
  }

  addAll(values: Iterable<string>): void {
    for (const value of values) this.add(value);
  }

  /** How many forms are registered (0: masking changes nothing). */
  get size(): number {
    return this.values.size;
  }

  /** `text` with every registered value replaced by "[redacted]". */
  mask(text: string): string {
    let shown = text;
    for (const secret of this.longestFirst) if (shown.includes(secret)) shown = shown.split(secret).join(REDACTED);
    return shown;
  }

  /**
   * A copy of plain data (objects, arrays) with every string masked, except the strings under a key `keep` accepts
   * (encoded data such as a histogram, which masking could corrupt and no message is built into). Keys stay as they are.
   */
  maskDeep<T>(value: T, keep: (key: string) => boolean = () => false): T {
    if (this.values.size === 0) return value;
    return this.maskValue(value, keep, new Set()) as T;
  }

  private maskValue(value: unknown, keep: (key: string) => boolean, ancestors: Set<unknown>): unknown {
    if (typeof value === 'string') return this.mask(value);
    if (typeof value !== 'object' || value === null || ancestors.has(value)) return value;
    ancestors.add(value);
    const copy = Array.isArray(value)
      ? value.map((item) => this.maskValue(item, keep, ancestors))
      : isRecord(value)
        ? Object.fromEntries(Object.entries(value).map(([key, item]) => [key, keep(key) ? item : this.maskValue(item, keep, ancestors)]))
        : value;
    ancestors.delete(value);
    return copy;
  }
}

/**
 * The secrets of a scenario: `written` as in the file (for its `${VAR}` references: each variable's value in `env`)
 * and `interpolated` after substitution (for the values in secret places, URL credentials anywhere, and the values of
 * command-line flags that name a secret: `--token=abc`, or `--api-key abc` in a list such as a stdio server's args).
 * A walk with its own stack, so no nesting depth overflows it; a node shared by YAML aliases is visited once per kind
 * of place.
 */
export function scenarioSecrets(written: unknown, interpolated: unknown, env: Env): string[] {
  const found = new Set<string>();
  const add = (value: string | undefined): void => {
    if (value !== undefined && value !== '') found.add(value);
  };
  eachString(written, (text) => {
    if (!text.includes('${')) return;
    for (const part of splitReferences(text)) if ('name' in part) add(env[part.name]);
  });
  eachString(interpolated, (text, secret) => {
    if (secret) {
      add(text);
      add(afterAuthScheme(text));
    }
    hideInUrls(text, add);
    const flag = secretFlag(text);
    if (typeof flag === 'string') add(flag);
  });
  return [...found];
}

/** `--token=abc` → `abc`; `--api-key` → true (the next argument is its value); anything else → undefined. */
function secretFlag(text: string): string | true | undefined {
  if (!text.startsWith('-')) return undefined;
  const equals = text.indexOf('=');
  if (!namesSecret(equals === -1 ? text : text.slice(0, equals))) return undefined;
  return equals === -1 ? true : text.slice(equals + 1);
}

interface Visit {
  readonly value: unknown;
  readonly segments: readonly Segment[];
  readonly secret: boolean;
}

function eachString(root: unknown, visit: (text: string, secret: boolean) => void): void {
  const stack: Visit[] = [{ value: root, segments: [], secret: false }];
  const seen = new Map<object, boolean>();
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { value, segments, secret } = next;
    if (typeof value === 'string') visit(value, secret);
    if (typeof value !== 'object' || value === null) continue;
    // Seen as secret covers every later visit; seen as plain covers plain ones.
    if (seen.get(value) === true || (seen.has(value) && !secret)) continue;
    seen.set(value, secret);
    const entries: [Segment, unknown][] = Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value);
    let flagBefore = false;
    for (const [key, item] of entries) {
      const path = [...segments, key];
      stack.push({ value: item, segments: path, secret: secret || flagBefore || isSecretPlace(path) });
      flagBefore = Array.isArray(value) && typeof item === 'string' && secretFlag(item) === true;
    }
  }
}
