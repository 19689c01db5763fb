/** Turns zod's issues into Problems in plain words: what was expected, what was found, and a hint. */
import type { z } from 'zod';
import { renderValue, type Problem } from './issues.js';
import type { Segment } from './path.js';
import { didYouMean, listWords, suggest } from './suggest.js';

/** What a structural key holds, for "expected …" when it is missing or of the wrong kind. */
const EXPECTED_BY_KEY: Readonly<Record<string, string>> = {
  target: 'a mapping with one of builtin, stdio, http or sse',
  workloads: 'a list of workloads',
  operations: 'a list of operations',
  builtin:
    'a mapping of reference-server options (transport, latency, jitter, failRate, seed, leakPerSession, leakPerCall, compactHeap; over stdio limits; over HTTP rateLimit, unavailableRate, sessionTtl)',
  stdio: 'a mapping with command (and args, env, cwd)',
  http: 'a mapping with url (and headers)',
  sse: 'a mapping with url (and headers)',
  args: 'a mapping of argument names to values',
  headers: 'a mapping of header names to values',
  env: 'a mapping of variable names to values',
  client: 'a mapping of client settings (timeout, retry, cache, dedup, breaker, rateLimit, concurrency, sessions, …)',
  endpoints: 'a list of targets, each written like target: (builtin, stdio, http or sse)',
  retry: 'a mapping of retry settings, true for the defaults, or false for none',
  cache: 'a mapping of cache settings, true for the defaults, or false for none',
  dedup: 'a mapping of dedup settings, true for the defaults, or false for none',
  breaker: 'a mapping of circuit-breaker settings, true for the defaults, or false for none',
  rateLimit: 'a mapping with rate (and burst, queue), or false for none',
  concurrency: 'a mapping with max (and queue), or false for none',
  on: `a list of failure classes to retry`,
  tools: 'a list of tool names',
};

/** Where one key means two things: `args` of a stdio command is a list, a tool's `args` a mapping. */
const EXPECTED_BY_PARENT_AND_KEY: Readonly<Record<string, string>> = {
  'stdio.args': 'a list of command-line arguments, like [server.js, --port, 3000]',
};

const HINT_BY_KEY: Readonly<Record<string, string>> = {
  workloads: 'e.g. workloads: [{ name: echo, type: sequential, iterations: 1000, operations: [{ tool: echo }] }]',
  operations: 'e.g. operations: [{ tool: echo, args: { message: hi } }]',
  endpoints: 'list at least one server, e.g. endpoints: [{ http: { url: "http://127.0.0.1:3001/mcp" } }], or leave endpoints out to call target',
  on: 'e.g. on: [timeout, transport]; to retry nothing write retry: false',
};

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping',
  record: 'a mapping',
  array: 'a list',
};

export function fromZodIssues(issues: readonly z.core.$ZodIssue[]): Problem[] {
  return issues.map(fromZodIssue);
}

function fromZodIssue(issue: z.core.$ZodIssue): Problem {
  const segments = issue.path.filter((segment): segment is Segment => typeof segment !== 'symbol');
  const last = segments[segments.length - 1];
  const key = typeof last === 'string' ? last : undefined;
  switch (issue.code) {
    case 'custom':
      return fromCustom(issue, segments);
    case 'invalid_type': {
      const parent = segments[segments.length - 2];
      const expected =
        (key !== undefined && (EXPECTED_BY_PARENT_AND_KEY[`${String(parent)}.${key}`] ?? EXPECTED_BY_KEY[key])) ||
        TYPE_WORDS[issue.expected] ||
        issue.expected;
      return valueOrMissing(segments, expected, issue.input, key);
    }
    case 'too_small':
      return tooSmall(issue, segments, key);
    case 'invalid_value': {
      const words = issue.values.map(String);
      const hint = typeof issue.input === 'string' ? didYouMean(issue.input, words) : undefined;
      return valueOrMissing(segments, `one of ${listWords(words)}`, issue.input, undefined, hint);
    }
    default:
      return { segments, message: issue.message };
  }
}

function fromCustom(issue: z.core.$ZodIssueCustom, segments: Segment[]): Problem {
  const params: Record<string, unknown> = issue.params ?? {};
  const known = params.unknownKeyOf;
  const aliases = (params.aliases ?? {}) as Readonly<Record<string, string>>;
  if (Array.isArray(known)) return unknownKey(segments, known.map(String), aliases);
  const text = (name: string) => (typeof params[name] === 'string' ? { [name]: params[name] as string } : {});
  return { segments, message: issue.message, ...text('expected'), ...text('got'), ...text('hint') };
}

function unknownKey(segments: Segment[], known: string[], aliases: Readonly<Record<string, string>>): Problem {
  const key = String(segments[segments.length - 1] ?? '');
  const match = suggest(key, known) ?? aliases[suggest(key, Object.keys(aliases)) ?? ''];
  const hint = match === undefined ? `allowed keys: ${known.join(', ')}` : `did you mean "${match}"?`;
  return { segments, message: 'unknown key', hint };
}

function valueOrMissing(segments: Segment[], expected: string, input: unknown, key?: string, hint?: string): Problem {
  const keyHint = key === undefined ? undefined : HINT_BY_KEY[key];
  if (input === undefined) {
    const withHint = (hint ?? keyHint) ? { hint: hint ?? keyHint } : {};
    return { segments, message: `required field is missing; expected ${expected}`, expected, ...withHint };
  }
  const got = renderValue(input);
  return { segments, message: `expected ${expected}; got ${got}`, expected, got, ...(hint ? { hint } : {}) };
}

function tooSmall(issue: z.core.$ZodIssueTooSmall, segments: Segment[], key: string | undefined): Problem {
  const hint = key === undefined ? undefined : HINT_BY_KEY[key];
  const withHint = hint ? { hint } : {};
  if (issue.origin === 'array') {
    const expected = (key !== undefined && EXPECTED_BY_KEY[key]) || 'a list';
    return { segments, message: `expected at least one entry in ${expected}; got none`, expected, got: '[]', ...withHint };
  }
  if (issue.origin === 'string') return { segments, message: 'must not be empty', ...withHint };
  return { segments, message: issue.message, ...withHint };
}
