/**
 * The `{{…}}` template language of operation strings, parsed: a string becomes literal text and expressions. Pure
 * syntax; which columns and vars exist is checked by template.ts, which also evaluates.
 *
 *   {{seq}}  {{shard}}  {{shards}}  {{worker}}  {{uuid}}  {{int 1 100}}  {{pick red green "dark blue"}}
 *   {{row.<column>}}  {{vars.<name>}}  {{"{{"}} (a quoted text: how a literal `{{` is written)
 */
import { didYouMean, listWords } from '../input/suggest.js';

export type Expression =
  | { readonly kind: 'seq' | 'shard' | 'shards' | 'worker' | 'uuid' }
  | { readonly kind: 'int'; readonly min: number; readonly max: number }
  | { readonly kind: 'pick'; readonly items: readonly (string | number)[] }
  | { readonly kind: 'row'; readonly column: string }
  | { readonly kind: 'vars'; readonly name: string }
  | { readonly kind: 'text'; readonly text: string };

/** Literal text, or an expression to evaluate per call. */
export type Part = string | Expression;

export interface SyntaxProblem {
  readonly message: string;
  readonly expected?: string;
  readonly got?: string;
  readonly hint?: string;
}

/** A string's parts; `problems` lists every template in it that is wrong (the parts are then of no use). */
export interface ParsedString {
  readonly parts: readonly Part[];
  readonly problems: readonly SyntaxProblem[];
}

const OPEN = '{{';
const CLOSE = '}}';
const SIMPLE = ['seq', 'shard', 'shards', 'worker', 'uuid'] as const;
const NAMES = [...SIMPLE, 'int', 'pick', 'row.<column>', 'vars.<name>'];
const KNOWN_WORDS = [...SIMPLE, 'int', 'pick', 'row', 'vars'];
const EXPECTED = `a template: ${listWords(NAMES.map((name) => `{{${name}}}`))}`;
const LITERAL_HINT = 'write {{"{{"}} for a literal {{';

/** Whether a string holds a template at all: a string without `{{` is sent as written, with no work per call. */
export function hasTemplate(text: string): boolean {
  return text.includes(OPEN);
}

export function parseTemplateString(text: string): ParsedString {
  const parts: Part[] = [];
  const problems: SyntaxProblem[] = [];
  let at = 0;
  while (at < text.length) {
    const open = text.indexOf(OPEN, at);
    if (open === -1) {
      parts.push(text.slice(at));
      break;
    }
    if (open > at) parts.push(text.slice(at, open));
    const close = closingBraces(text, open + OPEN.length);
    if (close === -1) {
      problems.push({ message: 'a template opened with {{ is not closed with }}', hint: LITERAL_HINT });
      break;
    }
    const parsed = parseExpression(text.slice(open + OPEN.length, close));
    if ('message' in parsed) problems.push(parsed);
    else parts.push(parsed);
    at = close + CLOSE.length;
  }
  return { parts, problems };
}

/** Where the `}}` closing a template starts, skipping quoted text (`{{"}}"}}`); -1 when there is none. */
function closingBraces(text: string, from: number): number {
  let quote: string | null = null;
  for (let at = from; at < text.length; at++) {
    const char = text[at];
    if (quote !== null) {
      if (char === quote) quote = null;
    } else if (char === '"' || char === "'") quote = char;
    else if (text.startsWith(CLOSE, at)) return at;
  }
  return -1;
}

type Word = { readonly text: string; readonly quoted: boolean };

function words(inner: string): Word[] | SyntaxProblem {
  const found: Word[] = [];
  const pattern = /\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))/y;
  let at = 0;
  while (at < inner.length && inner.slice(at).trim() !== '') {
    pattern.lastIndex = at;
    const match = pattern.exec(inner);
    if (match === null) return { message: 'a quote inside a template is not closed', hint: 'close it with the same quote it opened with' };
    const quoted = match[1] ?? match[2];
    found.push(quoted === undefined ? { text: match[3] ?? '', quoted: false } : { text: quoted, quoted: true });
    at = pattern.lastIndex;
  }
  return found;
}

function parseExpression(inner: string): Expression | SyntaxProblem {
  const split = words(inner);
  if (!Array.isArray(split)) return split;
  const [head, ...rest] = split;
  if (head === undefined) return { message: 'an empty template {{}}', expected: EXPECTED, hint: LITERAL_HINT };
  if (head.quoted) return rest.length === 0 ? { kind: 'text', text: head.text } : tooMany(`{{"${head.text}"}}`, 0);
  const name = head.text;
  if (name === 'int') return intExpression(rest);
  if (name === 'pick') return pickExpression(rest);
  const simple = SIMPLE.find((known) => known === name);
  if (simple !== undefined) return rest.length === 0 ? { kind: simple } : tooMany(`{{${simple}}}`, 0);
  const dotted = /^(row|vars)\.(.+)$/.exec(name);
  if (dotted !== null) {
    if (rest.length > 0) return tooMany(`{{${name}}}`, 0);
    return dotted[1] === 'row' ? { kind: 'row', column: dotted[2] ?? '' } : { kind: 'vars', name: dotted[2] ?? '' };
  }
  if (name === 'row' || name === 'vars') {
    return { message: `{{${name}}} needs a name after a dot`, expected: `{{${name}.<${name === 'row' ? 'column' : 'name'}>}}` };
  }
  const hint = didYouMean(name.split('.')[0] ?? name, KNOWN_WORDS);
  return { message: `unknown template variable "${name}"`, expected: EXPECTED, got: `{{${inner.trim()}}}`, ...(hint ? { hint } : {}) };
}

function tooMany(form: string, count: number): SyntaxProblem {
  return { message: `${form} takes ${count === 0 ? 'no arguments' : `${count} arguments`}`, expected: form };
}

const INTEGER = /^-?\d+$/;

function intExpression(args: readonly Word[]): Expression | SyntaxProblem {
  const expected = '{{int <min> <max>}}, two whole numbers with min ≤ max, like {{int 1 100}}';
  const got = `{{int ${args.map((word) => word.text).join(' ')}}}`;
  if (args.length !== 2 || args.some((word) => word.quoted || !INTEGER.test(word.text))) {
    return { message: 'int takes two whole numbers', expected, got };
  }
  const [min, max] = args.map((word) => Number(word.text)) as [number, number];
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max)) {
    return { message: 'int bounds must be safe integers (at most 2^53 − 1 in size)', expected, got };
  }
  if (min > max) return { message: `int's range is empty: ${min} is more than ${max}`, expected, got, hint: `write {{int ${max} ${min}}}` };
  return { kind: 'int', min, max };
}

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

function pickExpression(args: readonly Word[]): Expression | SyntaxProblem {
  if (args.length === 0) {
    return { message: 'pick needs at least one item', expected: '{{pick <item> <item> …}}, like {{pick red green "dark blue"}}' };
  }
  // An unquoted number is picked as a number; quote it to pick text.
  return { kind: 'pick', items: args.map((word) => (!word.quoted && NUMBER.test(word.text) ? Number(word.text) : word.text)) };
}

/** Whether a text is a number as a data file's column may hold it: JSON's form, so `007` and `1e` stay text. */
export function isNumberText(text: string): boolean {
  return NUMBER.test(text);
}
