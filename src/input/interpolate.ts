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
  /**
   * Where a reference was replaced: the path of every string that held at least one `${NAME}` (with or without a
   * default). What ended up there came from the environment and is never shown; the text as written may be.
   */
  readonly substituted: readonly (readonly Segment[])[];
}

/** `$${` (escape), or `${NAME}` / `${NAME:-default}`, or a `${` that is neither (malformed). */
const REFERENCE = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}|\$\{/g;

export function interpolate(value: unknown, env: Env): Interpolated {
  const problems: Problem[] = [];
  const substituted: Segment[][] = [];
  const result = walk(value, [], { env, problems, substituted, ancestors: new Set() });
  return { value: result, problems, substituted };
}

interface Walk {
  readonly env: Env;
  readonly problems: Problem[];
  readonly substituted: Segment[][];
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
  let replaced = false;
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
    if (fallback !== undefined || set !== undefined) replaced = true;
    if (fallback !== undefined) return set === undefined || set === '' ? fallback : set;
    if (set !== undefined) return set;
    problems.push({
      segments,
      message: `environment variable ${name} is not set`,
      hint: `export ${name}=… or write \${${name}:-default}`,
    });
    return match;
  });
  if (problems.length > before) return text;
  if (replaced) state.substituted.push(segments);
  return result;
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
