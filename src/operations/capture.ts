/**
 * Result paths and captures. A path reads into an MCP result: `structuredContent.key`, `content[0].text`,
 * `contents[0].text` (resources), `messages[0].content.text` (prompts), `isError`. A string met on the way with more
 * path after it is parsed as JSON when it parses, so `content[0].text.id` reads the `id` of a tool's JSON text.
 * Keys that are not identifiers are written `["a key"]`. Paths are compiled once, at resolve time (bad ones are exit-2
 * problems); reading one is pure.
 *
 * Captures: values a journey step takes from its result (`capture: { key: structuredContent.key }`) for later steps'
 * `{{vars.<name>}}`. A capture that finds nothing (the path leads nowhere, or to null) fails the step as
 * `check-failed` (check `capture <name>`), which ends its journey.
 */
import { z } from 'zod';
import { renderValue } from '../input/issues.js';
import { didYouMean } from '../input/suggest.js';

/** One step of a path: a key of an object, or an index of an array. */
export type PathSegment = string | number;

/** A compiled path: its text as written and its segments. */
export interface ResultPath {
  readonly text: string;
  readonly segments: readonly PathSegment[];
}

/** The keys an MCP result has at its top level (tools, resources, prompts, list results, completion/complete). */
export const RESULT_ROOTS = [
  'structuredContent',
  'content',
  'contents',
  'isError',
  'messages',
  'description',
  'tools',
  'resources',
  'resourceTemplates',
  'prompts',
  'nextCursor',
  'completion',
  '_meta',
] as const;

export const PATH_EXPECTED = 'a result path like structuredContent.key, content[0].text or content[0].text.id';

type Compiled = { ok: true; path: ResultPath } | { ok: false; expected: string; hint?: string };

const IDENTIFIER = /^[A-Za-z_$][\w$-]*/;
const INDEX = /^\[(\d{1,9})\]/;
const QUOTED = /^\["((?:[^"\\]|\\.)*)"\]/;

/** Compiles `text` into a path, or says what is wrong with it. */
export function compilePath(text: string): Compiled {
  const segments: PathSegment[] = [];
  let rest = text.trim();
  const bad = (hint: string): Compiled => ({ ok: false, expected: PATH_EXPECTED, hint });
  if (rest === '') return bad('write the path from the result, e.g. structuredContent.id');
  while (rest !== '') {
    const first = segments.length === 0;
    if (!first && rest.startsWith('.')) rest = rest.slice(1);
    else if (!first && !rest.startsWith('[')) return bad(`after "${text.slice(0, text.length - rest.length)}" expected "." or "["`);
    const index = INDEX.exec(rest);
    const quoted = index ? null : QUOTED.exec(rest);
    const name = index || quoted || rest.startsWith('[') ? null : IDENTIFIER.exec(rest);
    const matched = index ?? quoted ?? name;
    if (!matched) return bad(rest.startsWith('[') ? 'an index is a whole number, [0], or a quoted key, ["a key"]' : `"${rest}" is not a key`);
    segments.push(index ? Number(index[1]) : quoted ? (JSON.parse(`"${quoted[1]}"`) as string) : matched[0]);
    rest = rest.slice(matched[0].length);
  }
  const root = segments[0];
  if (typeof root !== 'string' || !(RESULT_ROOTS as readonly string[]).includes(root)) {
    return bad(didYouMean(String(root), RESULT_ROOTS) ?? `a path starts at a key of the result: ${RESULT_ROOTS.slice(0, 5).join(', ')}, …`);
  }
  return { ok: true, path: { text: text.trim(), segments } };
}

/**
 * The value at `path` in `result`, or undefined when there is none. A string with path left after it is read as
 * JSON when it parses (a tool's JSON text), and as nothing when it does not.
 */
export function readPath(result: unknown, path: ResultPath): unknown {
  let value: unknown = result;
  for (const segment of path.segments) {
    if (typeof value === 'string') value = parseJson(value);
    if (value === null || typeof value !== 'object') return undefined;
    if (typeof segment === 'number') {
      if (!Array.isArray(value)) return undefined;
      value = value[segment];
    } else {
      if (Array.isArray(value) || !Object.hasOwn(value, segment)) return undefined;
      value = (value as Record<string, unknown>)[segment];
    }
  }
  return value;
}

function parseJson(text: string): unknown {
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A step's captures, compiled at resolve time: variable name → path into the result. */
export interface CapturePlan {
  readonly names: readonly string[];
  readonly paths: readonly ResultPath[];
}

/** A capture variable's name: what `{{vars.<name>}}` reads. */
export const VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Reads every capture of `plan` from `result` into `vars`; returns the name of the first that found nothing (null or
 * absent), or null when all did.
 */
export function captureInto(plan: CapturePlan, result: unknown, vars: Record<string, unknown>): string | null {
  for (let i = 0; i < plan.names.length; i++) {
    const value = readPath(result, plan.paths[i]!);
    if (value === undefined || value === null) return plan.names[i]!;
    vars[plan.names[i]!] = value;
  }
  return null;
}

const CAPTURE_EXPECTED = 'a mapping of variable names to result paths, like { key: structuredContent.key }';

/** `capture:` of a journey step: each key a variable name, each value a result path (compiled). */
export const captureSchema = z.record(z.string(), z.unknown()).transform((entries, ctx): CapturePlan => {
  const names: string[] = [];
  const paths: ResultPath[] = [];
  for (const [name, written] of Object.entries(entries)) {
    if (!VAR_NAME.test(name)) {
      ctx.addIssue({ code: 'custom', path: [name], message: `a variable name is letters, digits and _, not starting with a digit; got ${JSON.stringify(name)}`, params: { hint: 'e.g. capture: { key: structuredContent.key }' } });
      continue;
    }
    const compiled: Compiled = typeof written === 'string' ? compilePath(written) : { ok: false, expected: PATH_EXPECTED };
    if (!compiled.ok) {
      const got = renderValue(written);
      ctx.addIssue({ code: 'custom', path: [name], input: written, message: `expected ${compiled.expected}; got ${got}`, params: { expected: compiled.expected, got, ...(compiled.hint && { hint: compiled.hint }) } });
      continue;
    }
    names.push(name);
    paths.push(compiled.path);
  }
  if (names.length === 0 && Object.keys(entries).length === 0) {
    ctx.addIssue({ code: 'custom', message: `capture is empty; expected ${CAPTURE_EXPECTED}` });
  }
  return { names, paths };
});
