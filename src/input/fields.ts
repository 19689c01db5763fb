/**
 * Zod building blocks for scenario fields. Each field parses a raw value into its resolved form (durations into µs,
 * counts into numbers, rates into calls per second, sizes into bytes) and reports problems in plain words through
 * custom issues carrying expected/got/hint.
 * Units are parsed by units.ts only.
 */
import { z } from 'zod';
import {
  BYTES_EXPECTED,
  DURATION_EXPECTED,
  RATE_EXPECTED,
  RATE_OR_ZERO_EXPECTED,
  parseBytes,
  parseCount,
  parseDuration,
  parseRate,
} from './units.js';
import { renderValue } from './issues.js';
import { headerNameProblem, headerValueProblem } from './http-headers.js';
import { isRecord } from './path.js';


type Check<T> = { ok: true; value: T } | { ok: false; expected: string; hint?: string };

const ok = <T>(value: T): Check<T> => ({ ok: true, value });
const bad = (expected: string, hint?: string): Check<never> => ({ ok: false, expected, ...(hint ? { hint } : {}) });

/** Parameters of the custom issues fields raise; zod-issues.ts reads them back. */
export interface FieldIssueParams {
  readonly expected?: string;
  readonly got?: string;
  readonly hint?: string;
}

/** A required field checked by `parse`; add `.optional()` for optional ones. */
export function field<T>(expected: string, parse: (value: unknown) => Check<T>) {
  return z.unknown().transform((value, ctx): T => {
    if (value === undefined) {
      const params: FieldIssueParams = { expected };
      ctx.addIssue({ code: 'custom', message: `required field is missing; expected ${expected}`, params });
      return z.NEVER;
    }
    const result = parse(value);
    if (result.ok) return result.value;
    const got = renderValue(value);
    const params: FieldIssueParams = { expected: result.expected, got, ...(result.hint ? { hint: result.hint } : {}) };
    ctx.addIssue({ code: 'custom', message: `expected ${result.expected}; got ${got}`, input: value, params });
    return z.NEVER;
  });
}

/**
 * An object whose unknown keys are each reported, with "did you mean" when a known key is close. `aliases` are other
 * words people write for a key (`retries` for `retry`): an unknown key close to one suggests the key it stands for.
 */
export function strict<S extends z.ZodRawShape>(shape: S, aliases: Readonly<Record<string, keyof S & string>> = {}) {
  const known = Object.keys(shape);
  const unknownKey = z.unknown().superRefine((_value, ctx) => {
    // The key is the last path segment; zod-issues.ts turns this marker into the message and suggestion.
    ctx.addIssue({ code: 'custom', message: 'unknown key', params: { unknownKeyOf: known, aliases } });
  });
  return z.object(shape).catchall(unknownKey);
}

/** A key that must not appear in this kind of object (e.g. `concurrency` on a sequential workload). */
export function forbidden(message: string, hint: string) {
  return z
    .unknown()
    .optional()
    .superRefine((value, ctx) => {
      const params: FieldIssueParams = { hint };
      if (value !== undefined) ctx.addIssue({ code: 'custom', message, input: value, params });
    });
}

export const text = (expected = 'a non-empty string') =>
  field(expected, (value) => (typeof value === 'string' && value.trim() !== '' ? ok(value) : bad(expected)));

/** Strings, or numbers and booleans written without quotes (`--port, 3000`), as strings. */
export const stringish = () =>
  field('a string', (value) =>
    typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
      ? ok(String(value))
      : bad('a string'),
  );

/** A list of at least `min` items, or one item written on its own (`on: timeout`). */
export const listOf = <T extends z.ZodType>(item: T, min = 0) =>
  z.preprocess((value) => (typeof value === 'string' ? [value] : value), z.array(item).min(min));

export const stringMap = () => z.record(z.string(), stringish());

/** HTTP headers: names that are HTTP tokens, values a request can carry (http-headers.ts). Values are never quoted. */
export const headerMap = () =>
  stringMap().superRefine(
    (headers, ctx) => {
      for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
        const problem = headerNameProblem(name) ?? (typeof value === 'string' ? headerValueProblem(value) : undefined);
        if (problem) ctx.addIssue({ code: 'custom', path: [name], message: problem.message, params: { hint: problem.hint } });
      }
    },
    { when: (payload) => isRecord(payload.value) },
  );

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const NAME_EXPECTED = 'a file-name-safe name: letters, digits, ".", "_" or "-", starting with a letter or digit';

/** Lowercase, runs of other characters become "-": `My Bench!` → `my-bench`. Used for hints only. */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-._]+|-+$/g, '')
    .slice(0, 64);
}

/**
 * The scenario name appears in report file names, so it must already be safe there (it is not rewritten). The plan
 * keeps it as written, so only a `${VAR}` reference in it is rewritten in a file name (`bench-${ENV}` → `bench--ENV`).
 */
export const scenarioName = () =>
  field(NAME_EXPECTED, (value) => {
    if (typeof value === 'string' && NAME_PATTERN.test(value)) return ok(value);
    const slug = typeof value === 'string' ? slugify(value) : '';
    return bad(NAME_EXPECTED, slug === '' ? 'e.g. name: my-benchmark' : `try name: ${slug}`);
  });

function numberLike(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
}

const unitHint = (amount: number | string) => `add a unit: write ${amount}s or ${amount}ms`;

/** A duration with a unit, in µs. `positive` rejects zero (timeouts, run lengths), with `zeroHint` saying why. */
export function duration(options: { positive: boolean; zeroHint?: string }) {
  const expected = options.positive ? `${DURATION_EXPECTED}, greater than 0` : DURATION_EXPECTED;
  return field(expected, (value) => {
    const bare = numberLike(value);
    if (bare !== undefined && bare !== 0) return bad(expected, unitHint(String(value).trim()));
    const parsed = bare === 0 ? ok(0) : typeof value === 'string' ? parseDuration(value) : bad(expected);
    // Too long (over 24h) has its own reason; anything else is not a duration at all.
    if (!parsed.ok) return parsed.hint === undefined ? bad(expected) : bad(parsed.expected, parsed.hint);
    return options.positive && parsed.value === 0 ? bad(expected, options.zeroHint) : ok(parsed.value);
  });
}

/** An upper bound on a whole number, and why it is there (the hint of a value above it). */
export interface UpperBound {
  readonly max: number;
  readonly hint: string;
}

const fromTo = (min: number, bound: UpperBound): string => `a whole number from ${min} to ${bound.max.toLocaleString('en-US')}`;

/**
 * A whole number ≥ `min` (and ≤ `max.max` if given); `hint` explains the lower bound when a smaller whole number is
 * given, `max.hint` the upper one.
 */
export function wholeNumber(options: { min: number; hint?: string; max?: UpperBound }) {
  const expected = `a whole number ≥ ${options.min}`;
  return field(expected, (value) => {
    const number = numberLike(value);
    if (number === undefined || !Number.isSafeInteger(number)) return bad(expected);
    if (number < options.min) return bad(expected, options.hint);
    return options.max && number > options.max.max ? bad(fromTo(options.min, options.max), options.max.hint) : ok(number);
  });
}

/** A number ≥ `min` (fractions allowed); `hint` explains the lower bound. */
export function numberAtLeast(options: { min: number; hint?: string }) {
  const expected = `a number ≥ ${options.min}`;
  return field(expected, (value) => {
    const number = numberLike(value);
    if (number === undefined || !Number.isFinite(number)) return bad(expected);
    return number >= options.min ? ok(number) : bad(expected, options.hint);
  });
}

/** Calls per second, from `200/s`, `30/m`, `100/h`; above 0 unless `allowZero` (then `0/s` is accepted too). */
export const rate = (options: { readonly allowZero?: boolean } = {}) => {
  const expected = options.allowZero === true ? RATE_OR_ZERO_EXPECTED : RATE_EXPECTED;
  return field(expected, (value) => {
    const bare = numberLike(value);
    if (bare !== undefined) return bad(expected, `add a unit: write ${String(value).trim()}/s`);
    const parsed = typeof value === 'string' ? parseRate(value, options) : bad(expected);
    if (parsed.ok) return ok(parsed.value);
    // Too high (over 1,000,000/s) has its own reason; anything else is not a rate at all.
    return parsed.hint === undefined ? bad(expected) : bad(parsed.expected, parsed.hint);
  });
};

/** A size in whole bytes (`50MB`, `64KiB`, `4096`), greater than 0. */
export const bytes = () =>
  field(`${BYTES_EXPECTED}, greater than 0`, (value) => {
    const expected = `${BYTES_EXPECTED}, greater than 0`;
    const parsed = typeof value === 'string' || typeof value === 'number' ? parseBytes(value) : bad(expected);
    return parsed.ok && parsed.value > 0 ? ok(parsed.value) : bad(expected);
  });

const COUNT_EXPECTED = 'a whole number greater than 0, like 100, 2000 or 10k';

/**
 * A whole number > 0, shorthands accepted (`10k`, `2,000`); `hint` (if any) comes with every rejection below the
 * bound, `max.hint` with a number above `max.max`.
 */
export const count = (options: { readonly hint?: string; readonly max?: UpperBound } = {}) =>
  field(COUNT_EXPECTED, (value) => {
    if (typeof value !== 'number' && typeof value !== 'string') return bad(COUNT_EXPECTED, options.hint);
    const parsed = parseCount(value);
    if (!parsed.ok) return bad(parsed.expected, options.hint);
    return options.max && parsed.value > options.max.max ? bad(fromTo(1, options.max), options.max.hint) : ok(parsed.value);
  });

export const seed = () =>
  field('a whole number ≥ 0, like 1 or 42', (value) => {
    const number = numberLike(value);
    return number !== undefined && Number.isSafeInteger(number) && number >= 0
      ? ok(number)
      : bad('a whole number ≥ 0, like 1 or 42');
  });

export const weight = () =>
  field('a number greater than 0, like 1 or 2.5', (value) => {
    const number = numberLike(value);
    return number !== undefined && Number.isFinite(number) && number > 0
      ? ok(number)
      : bad('a number greater than 0, like 1 or 2.5');
  });

export const fraction = () =>
  field('a number from 0 to 1, like 0.01 for 1%', (value) => {
    const number = numberLike(value);
    return number !== undefined && number >= 0 && number <= 1 ? ok(number) : bad('a number from 0 to 1, like 0.01 for 1%');
  });

const URL_EXPECTED = 'an http(s) URL, like http://127.0.0.1:3000/mcp';

export const httpUrl = () =>
  field(URL_EXPECTED, (value) => {
    // A space is never part of a URL: the parser would percent-encode one in the path and send a different URL.
    if (typeof value === 'string' && /\s/.test(value)) return bad(URL_EXPECTED, 'a URL has no spaces or line breaks; remove them, or write a space as %20');
    if (typeof value !== 'string' || !URL.canParse(value)) return bad(URL_EXPECTED);
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:' ? ok(value) : bad(URL_EXPECTED);
  });
