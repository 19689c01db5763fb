/**
 * An example string for a JSON Schema string: its `format`, `minLength`/`maxLength` and a `pattern` where the pattern
 * is simple enough to build a match from (literals, classes, `\d \w \s .`, quantifiers `? * + {n} {n,m}`, `^…$`).
 * Pure; says why when it cannot satisfy the schema instead of guessing silently.
 */
export type StringSample = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly value: string; readonly problem: string };

/** An example of each format a tool's schema is likely to name. */
export const FORMAT_EXAMPLES: Readonly<Record<string, string>> = {
  uri: 'https://example.com/',
  url: 'https://example.com/',
  'uri-reference': '/example',
  iri: 'https://example.com/',
  'iri-reference': '/example',
  'uri-template': 'https://example.com/{id}',
  email: 'user@example.com',
  'idn-email': 'user@example.com',
  'date-time': '2024-01-01T00:00:00Z',
  date: '2024-01-01',
  time: '00:00:00Z',
  duration: 'PT1S',
  uuid: '00000000-0000-4000-8000-000000000000',
  ipv4: '127.0.0.1',
  ipv6: '::1',
  hostname: 'example.com',
  'idn-hostname': 'example.com',
  'json-pointer': '/example',
  'relative-json-pointer': '0',
  regex: '.*',
  byte: 'ZXhhbXBsZQ==',
};

const BASE = 'example';

export function sampleString(schema: Readonly<Record<string, unknown>>): StringSample {
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : Infinity;
  if (min > max) return { ok: false, value: '', problem: `minLength ${min} is more than maxLength ${max}` };
  const format = typeof schema.format === 'string' ? schema.format : undefined;
  const pattern = typeof schema.pattern === 'string' ? schema.pattern : undefined;
  if (format !== undefined) {
    const example = FORMAT_EXAMPLES[format];
    if (example === undefined) return fitLength(BASE, min, max, pattern, `format "${format}" is not one mcp-bench knows an example of`);
    return fitLength(example, min, max, pattern, null, true);
  }
  if (pattern === undefined) return fitLength(BASE, min, max, undefined, null);
  const regex = compile(pattern);
  if (regex === null) return { ok: false, value: BASE, problem: `pattern ${JSON.stringify(pattern)} is not a valid regular expression` };
  const plain = fitLength(BASE, min, max, undefined, null);
  if (plain.ok && regex.test(plain.value)) return plain;
  const built = fromPattern(pattern, min, max);
  if (built !== null && regex.test(built) && built.length >= min && built.length <= max) return { ok: true, value: built };
  return { ok: false, value: built ?? BASE, problem: `cannot build a string matching pattern ${JSON.stringify(pattern)}${lengthWords(min, max)}` };
}

function lengthWords(min: number, max: number): string {
  if (min === 0 && max === Infinity) return '';
  return max === Infinity ? ` of at least ${min} characters` : ` of ${min} to ${max} characters`;
}

/** `text` padded with `x` or cut to the length bounds; a format example is never changed, only judged. */
function fitLength(text: string, min: number, max: number, pattern: string | undefined, problem: string | null, fixed = false): StringSample {
  let value = text;
  if (value.length < min || value.length > max) {
    if (fixed) return { ok: false, value, problem: `the ${JSON.stringify(text)} example does not fit${lengthWords(min, max)}` };
    value = value.length < min ? value + 'x'.repeat(min - value.length) : value.slice(0, max);
  }
  if (problem !== null) return { ok: false, value, problem };
  if (pattern !== undefined) {
    const regex = compile(pattern);
    if (regex === null || !regex.test(value)) return { ok: false, value, problem: `the ${JSON.stringify(value)} example does not match pattern ${JSON.stringify(pattern)}` };
  }
  return { ok: true, value };
}

function compile(pattern: string): RegExp | null {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return null;
  }
}

interface Atom {
  /** One character this atom matches. */
  readonly char: string;
  min: number;
  max: number;
}

/**
 * A shortest match of a simple pattern, lengthened (each repeatable atom in turn) to reach `min` characters; null when
 * the pattern uses anything beyond the simple subset (groups, alternation, lookarounds, back-references).
 */
export function fromPattern(pattern: string, min = 0, max = Infinity): string | null {
  const atoms = parseAtoms(pattern.replace(/^\^/, '').replace(/(?<!\\)\$$/, ''));
  if (atoms === null) return null;
  const counts = atoms.map((atom) => atom.min);
  let length = counts.reduce((a, b) => a + b, 0);
  for (const [i, atom] of atoms.entries()) {
    while (length < min && (counts[i] as number) < atom.max) {
      counts[i] = (counts[i] as number) + 1;
      length++;
    }
  }
  const text = atoms.map((atom, i) => atom.char.repeat(counts[i] as number)).join('');
  return text.length <= max ? text : null;
}

function parseAtoms(body: string): Atom[] | null {
  const atoms: Atom[] = [];
  let i = 0;
  while (i < body.length) {
    const ch = body[i] as string;
    let char: string | null;
    if ('()|'.includes(ch)) return null;
    if (ch === '[') {
      const end = body.indexOf(']', i + 2);
      if (end === -1) return null;
      char = classChar(body.slice(i + 1, end));
      i = end + 1;
    } else if (ch === '\\') {
      char = escapeChar(body[i + 1]);
      i += 2;
    } else if (ch === '.') {
      char = 'a';
      i++;
    } else if ('*+?{'.includes(ch)) {
      return null;
    } else {
      char = ch;
      i++;
    }
    if (char === null) return null;
    const quantifier = /^(?:\{(\d+)(,(\d*))?\}|[*+?])/.exec(body.slice(i));
    const atom: Atom = { char, min: 1, max: 1 };
    if (quantifier) {
      i += quantifier[0].length;
      [atom.min, atom.max] = bounds(quantifier);
    }
    atoms.push(atom);
  }
  return atoms;
}

function bounds(match: RegExpExecArray): [number, number] {
  if (match[0] === '*') return [0, Infinity];
  if (match[0] === '+') return [1, Infinity];
  if (match[0] === '?') return [0, 1];
  const low = Number(match[1]);
  if (match[2] === undefined) return [low, low];
  return [low, match[3] ? Number(match[3]) : Infinity];
}

/** The first character a class such as `a-z0-9_` or `A-F` accepts; null for a negated class. */
function classChar(inside: string): string | null {
  if (inside.startsWith('^')) return null;
  if (inside.startsWith('\\')) return escapeChar(inside[1]);
  return inside[0] ?? null;
}

function escapeChar(next: string | undefined): string | null {
  if (next === undefined) return null;
  if (next === 'd') return '0';
  if (next === 'w') return 'a';
  if (next === 's') return ' ';
  if (/[A-Za-z0-9]/.test(next)) return null; // \b, \D, \1, \p… are beyond the simple subset
  return next;
}
