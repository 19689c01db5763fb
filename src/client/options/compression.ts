/**
 * `client.compression` (Streamable HTTP): `gzip` gzips request bodies above 1 KiB and asks for answers compressed
 * (`Accept-Encoding: gzip, br`); the mapping `{ requests: gzip | false, answers: [gzip, br] | false }` says each half
 * (a half left out is off; `answers` in the order of preference, a single coding alone allowed); `false`/`null`:
 * neither. Resolved into a CompressionPolicy, null when both halves are off.
 */
import { field } from '../../input/fields.js';
import { isRecord } from '../../input/path.js';
import { didYouMean } from '../../input/suggest.js';
import type { AnswerCoding, CompressionPolicy } from '../policies.js';

const ANSWER_CODINGS: readonly AnswerCoding[] = ['gzip', 'br'];
const HALVES = ['requests', 'answers'];

export const COMPRESSION_EXPECTED = 'gzip, false, or { requests: gzip | false, answers: [gzip, br] | false }';

/** `compression: gzip`: both halves. */
export const GZIP_BOTH: CompressionPolicy = Object.freeze({ requests: 'gzip', answers: Object.freeze(['gzip', 'br'] as AnswerCoding[]) });

type Check<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly expected: string; readonly hint?: string };
type Half<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly hint: string };

function requestsHalf(value: unknown): Half<'gzip' | null> {
  if (value === undefined || value === null || value === false) return { ok: true, value: null };
  if (value === 'gzip') return { ok: true, value: 'gzip' };
  return { ok: false, hint: 'requests: gzip or false (request bodies are gzipped, nothing else)' };
}

function answersHalf(value: unknown): Half<readonly AnswerCoding[] | null> {
  if (value === undefined || value === null || value === false) return { ok: true, value: null };
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.length === 0) return { ok: false, hint: 'answers: a list of codings, like [gzip, br], or false' };
  const codings: AnswerCoding[] = [];
  for (const item of list) {
    if (!ANSWER_CODINGS.includes(item as AnswerCoding)) {
      const guess = typeof item === 'string' ? didYouMean(item, ANSWER_CODINGS) : undefined;
      return { ok: false, hint: `answers: ${JSON.stringify(item)} is not a coding mcp-bench decodes; ${guess ?? 'use gzip or br'}` };
    }
    if (codings.includes(item as AnswerCoding)) return { ok: false, hint: `answers: ${item} is listed twice` };
    codings.push(item as AnswerCoding);
  }
  return { ok: true, value: codings };
}

function fromMapping(value: Readonly<Record<string, unknown>>): Check<CompressionPolicy | null> {
  const unknown = Object.keys(value).find((key) => !HALVES.includes(key));
  if (unknown !== undefined) {
    const guess = didYouMean(unknown, HALVES);
    return { ok: false, expected: COMPRESSION_EXPECTED, hint: `unknown key ${JSON.stringify(unknown)}${guess ? `: ${guess}` : ''}` };
  }
  const requests = requestsHalf(value.requests);
  const answers = answersHalf(value.answers);
  if (!requests.ok || !answers.ok) return { ok: false, expected: COMPRESSION_EXPECTED, hint: (requests.ok ? '' : requests.hint) || (answers.ok ? '' : answers.hint) };
  if (requests.value === null && answers.value === null) return { ok: true, value: null };
  return { ok: true, value: { requests: requests.value, answers: answers.value } };
}

export function parseCompression(value: unknown): Check<CompressionPolicy | null> {
  if (value === 'gzip') return { ok: true, value: GZIP_BOTH };
  if (value === null || value === false) return { ok: true, value: null };
  if (isRecord(value)) return fromMapping(value);
  const hint = value === 'br'
    ? 'br compresses answers only: write compression: { answers: [br] } (or gzip for gzipped requests and gzip or br answers)'
    : typeof value === 'string' ? (didYouMean(value, ['gzip']) ?? 'only gzip is the shorthand; the mapping form names br') : undefined;
  return { ok: false, expected: COMPRESSION_EXPECTED, ...(hint ? { hint } : {}) };
}

/** The `compression:` field of a client block. */
export const compressionField = () => field(COMPRESSION_EXPECTED, parseCompression);
