/**
 * Response checks (`expect:` on an operation or a journey step), k6 `check`-like. Checks are judged on calls the
 * server answered without error; an error answer (a tool's `isError`, a JSON-RPC error, a timeout) stays that error
 * and runs no check. A call whose answer fails a check ends `check-failed`, counted apart from errors; the first
 * failed check's name says why. Compiled at resolve time (a bad regex or path is an exit-2 problem); judging is pure.
 *
 *   expect:
 *     contains: item-           # the result's text contains it (a list: each)
 *     matches: '^\{"key"'        # the result's text matches this regular expression
 *     json: { structuredContent.version: 1 }   # the value at a path equals this (JSON equality)
 *     exists: [structuredContent.key]          # a value is at each path (not null)
 *     size: { min: 10, max: 64KiB }            # the result's JSON is within these bytes
 *
 * The result's text is every `text` of its `content` (tools), `contents` (resources) and `messages[].content`
 * (prompts), joined by newlines.
 */
import { z } from 'zod';
import { field, listOf, strict, text } from '../input/fields.js';
import { isRecord } from '../input/path.js';
import { canonicalJson } from '../input/canonical-json.js';
import { formatBytes, parseBytes, BYTES_EXPECTED } from '../input/units.js';
import { compilePath, PATH_EXPECTED, readPath, type ResultPath } from './capture.js';

/** One compiled check: its name as the report shows it, and whether a result passes it. */
export interface ResultCheck {
  readonly name: string;
  readonly passes: (result: unknown) => boolean;
}

/** The checks of one operation, compiled at resolve time. */
export interface ExpectPlan {
  /** Each check's name as the report shows it, e.g. `text contains "ok"`. */
  readonly names: readonly string[];
  readonly checks: readonly ResultCheck[];
}

/** The name of the first check `result` fails, or null when it passes them all. */
export function firstFailedCheck(plan: ExpectPlan, result: unknown): string | null {
  for (const check of plan.checks) if (!check.passes(result)) return check.name;
  return null;
}

/** A result path, compiled. */
export const resultPath = () =>
  field(PATH_EXPECTED, (value) => {
    if (typeof value !== 'string') return { ok: false, expected: PATH_EXPECTED };
    const compiled = compilePath(value);
    return compiled.ok ? { ok: true, value: compiled.path } : compiled;
  });

const REGEX_EXPECTED = 'a regular expression, like "^item-[0-9]+$"';

const regex = () =>
  field(REGEX_EXPECTED, (value) => {
    if (typeof value !== 'string') return { ok: false, expected: REGEX_EXPECTED };
    try {
      return { ok: true, value: new RegExp(value, 'u') };
    } catch (error) {
      return { ok: false, expected: REGEX_EXPECTED, hint: (error as Error).message };
    }
  });

const SIZE_EXPECTED = `${BYTES_EXPECTED} (0 or more)`;
const size = () =>
  field(SIZE_EXPECTED, (value) => {
    const parsed = typeof value === 'string' || typeof value === 'number' ? parseBytes(value) : null;
    return parsed?.ok ? { ok: true, value: parsed.value } : { ok: false, expected: SIZE_EXPECTED };
  });

/** `json:` keys are paths; each is compiled and reported at its own key. */
const jsonEquals = () =>
  z.record(z.string(), z.unknown()).transform((entries, ctx) => {
    const out: { path: ResultPath; value: unknown }[] = [];
    for (const [key, value] of Object.entries(entries)) {
      const compiled = compilePath(key);
      if (compiled.ok) out.push({ path: compiled.path, value });
      else ctx.addIssue({ code: 'custom', path: [key], message: `expected ${PATH_EXPECTED}; got ${JSON.stringify(key)}`, params: { expected: PATH_EXPECTED, got: JSON.stringify(key), ...(compiled.hint && { hint: compiled.hint }) } });
    }
    return out;
  });

const sizeBounds = strict({ min: size().optional(), max: size().optional() }).superRefine(
  (value, ctx) => {
    const { min, max } = value as { min?: unknown; max?: unknown };
    if (min === undefined && max === undefined) ctx.addIssue({ code: 'custom', message: 'size needs min, max or both', params: { hint: 'e.g. size: { max: 64KiB }' } });
    else if (typeof min === 'number' && typeof max === 'number' && min > max) ctx.addIssue({ code: 'custom', message: `size.min (${min}) is above size.max (${max})` });
  },
  { when: (payload) => isRecord(payload.value) },
);

export const expectSchema = strict({
  contains: listOf(text('a text the result must contain'), 1).optional(),
  matches: regex().optional(),
  json: jsonEquals().optional(),
  exists: listOf(resultPath(), 1).optional(),
  size: sizeBounds.optional(),
}).transform(buildExpect);

type RawExpect = {
  contains?: readonly string[];
  matches?: RegExp;
  json?: readonly { path: ResultPath; value: unknown }[];
  exists?: readonly ResultPath[];
  size?: { min?: number; max?: number };
};

function buildExpect(raw: RawExpect): ExpectPlan {
  const checks: ResultCheck[] = [
    ...(raw.contains ?? []).map((needle): ResultCheck => ({ name: `text contains ${JSON.stringify(needle)}`, passes: (r) => resultText(r).includes(needle) })),
    ...(raw.matches ? [matchesCheck(raw.matches)] : []),
    ...(raw.json ?? []).map(equalsCheck),
    ...(raw.exists ?? []).map((path): ResultCheck => ({ name: `${path.text} exists`, passes: (r) => readPath(r, path) != null })),
    ...(raw.size ? [sizeCheck(raw.size)] : []),
  ];
  return { names: checks.map((check) => check.name), checks };
}

function matchesCheck(pattern: RegExp): ResultCheck {
  return { name: `text matches /${pattern.source}/`, passes: (r) => pattern.test(resultText(r)) };
}

function equalsCheck({ path, value }: { path: ResultPath; value: unknown }): ResultCheck {
  const wanted = canonicalJson(value);
  return {
    name: `${path.text} == ${shorten(JSON.stringify(value) ?? 'null')}`,
    passes: (r) => {
      const found = readPath(r, path);
      return found !== undefined && canonicalJson(found) === wanted;
    },
  };
}

function sizeCheck({ min, max }: { min?: number; max?: number }): ResultCheck {
  const bounds = [min !== undefined ? `≥ ${formatBytes(min)}` : '', max !== undefined ? `≤ ${formatBytes(max)}` : ''].filter(Boolean).join(' and ');
  return {
    name: `size ${bounds}`,
    passes: (r) => {
      const bytes = Buffer.byteLength(JSON.stringify(r) ?? '');
      return (min === undefined || bytes >= min) && (max === undefined || bytes <= max);
    },
  };
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** Every `text` of the result's content (tools), contents (resources) and messages' content (prompts), joined. */
export function resultText(result: unknown): string {
  if (!isRecord(result)) return '';
  const parts: string[] = [];
  const collect = (items: unknown): void => {
    if (!Array.isArray(items)) return;
    for (const item of items) {
      const content = isRecord(item) && isRecord(item.content) ? item.content : item;
      if (isRecord(content) && typeof content.text === 'string') parts.push(content.text);
    }
  };
  collect(result.content);
  collect(result.contents);
  collect(result.messages);
  return parts.join('\n');
}
