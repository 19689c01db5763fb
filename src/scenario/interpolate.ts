/**
 * `${VAR}` and `${VAR:-default}` in string values, from an injected environment. Works on the parsed scenario
 * (never on raw text, so a value cannot break the YAML around it) and returns a copy; the input is not touched.
 * `$${` writes a literal `${`. As in the shell, `:-default` also applies when the variable is set but empty.
 */
import type { Problem } from './issues.js';
import type { Segment } from './path.js';
import { isRecord } from './path.js';

export type Env = Readonly<Record<string, string | undefined>>;

export interface Interpolated {
  readonly value: unknown;
  readonly problems: readonly Problem[];
  /** Every non-empty text a reference was replaced by (values and defaults): never to be shown. */
  readonly substituted: readonly string[];
}

/** `$${` (escape), or `${NAME}` / `${NAME:-default}`, or a `${` that is neither (malformed). */
const REFERENCE = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}|\$\{/g;

export function interpolate(value: unknown, env: Env): Interpolated {
  const problems: Problem[] = [];
  const substituted = new Set<string>();
  const result = walk(value, [], { env, problems, substituted, ancestors: new Set() });
  return { value: result, problems, substituted: [...substituted] };
}

interface Walk {
  readonly env: Env;
  readonly problems: Problem[];
  readonly substituted: Set<string>;
  /** Objects on the current path: a YAML alias inside its own anchor makes a cycle, which no scenario needs. */
  readonly ancestors: Set<unknown>;
}

function walk(value: unknown, segments: Segment[], state: Walk): unknown {
  if (typeof value === 'string') return substitute(value, segments, state);
  if (typeof value !== 'object' || value === null) return value;
  if (state.ancestors.has(value)) {
    state.problems.push({ segments, message: 'refers to itself (a YAML alias inside its own anchor)' });
    return null;
  }
  state.ancestors.add(value);
  const copy = Array.isArray(value)
    ? value.map((item, index) => walk(item, [...segments, index], state))
    : isRecord(value)
      ? Object.fromEntries(Object.entries(value).map(([key, item]) => [key, walk(item, [...segments, key], state)]))
      : value;
  state.ancestors.delete(value);
  return copy;
}

/** On a problem the text is kept as written, so later checks still see a string there. */
function substitute(text: string, segments: Segment[], state: Walk): string {
  const { env, problems } = state;
  if (!text.includes('${')) return text;
  const before = problems.length;
  const result = text.replace(REFERENCE, (match: string, name?: string, fallback?: string) => {
    if (match === '$${') return '${';
    if (name === undefined) {
      problems.push({
        segments,
        message: `malformed variable reference in ${JSON.stringify(text)}`,
        hint: 'write ${NAME} or ${NAME:-default}; write $${ for a literal ${',
      });
      return match;
    }
    const set = env[name];
    if (fallback !== undefined) return remember(set === undefined || set === '' ? fallback : set, state.substituted);
    if (set !== undefined) return remember(set, state.substituted);
    problems.push({
      segments,
      message: `environment variable ${name} is not set`,
      hint: `export ${name}=… or write \${${name}:-default}`,
    });
    return match;
  });
  return problems.length > before ? text : result;
}

function remember(text: string, substituted: Set<string>): string {
  if (text !== '') substituted.add(text);
  return text;
}

/** Variable references in a string as written (for redaction): names and the text between them. */
export function splitReferences(text: string): Array<{ literal: string } | { name: string; hasDefault: boolean }> {
  const parts: Array<{ literal: string } | { name: string; hasDefault: boolean }> = [];
  let last = 0;
  for (const match of text.matchAll(REFERENCE)) {
    const index = match.index ?? 0;
    if (match[1] === undefined) continue;
    if (index > last) parts.push({ literal: text.slice(last, index) });
    parts.push({ name: match[1], hasDefault: match[2] !== undefined });
    last = index + match[0].length;
  }
  if (last < text.length) parts.push({ literal: text.slice(last) });
  return parts;
}
