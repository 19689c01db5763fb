/**
 * Problems found in a scenario, and how they are shown to people. Every stage (load, interpolate, schema, resolve)
 * reports into the same shape so the CLI can print all of them at once and exit with code 2.
 */
import { formatPath, isRecord, type Segment } from './path.js';
import { hideInUrls } from './redact.js';

export interface Issue {
  /** The scenario file as the user named it, or null for an in-memory scenario. */
  readonly file: string | null;
  /** Where in the scenario, e.g. `workloads[1].concurrency`; '' for the whole file. */
  readonly path: string;
  /** A complete sentence fragment a person can act on, e.g. `expected a duration …; got "10"`. */
  readonly message: string;
  readonly expected?: string;
  /** A short JSON rendering of the offending value. */
  readonly got?: string;
  readonly hint?: string;
  /** 1-based position in the file, when known. */
  readonly line?: number;
  readonly column?: number;
}

/** An issue before it is tied to a file: located by path segments inside the scenario. */
export interface Problem {
  readonly segments: readonly Segment[];
  readonly message: string;
  readonly expected?: string;
  readonly got?: string;
  readonly hint?: string;
}

export interface Position {
  readonly line: number;
  readonly column: number;
}

/** Finds where a path sits in the source text (or its nearest existing ancestor). */
export type Locate = (segments: readonly Segment[]) => Position | undefined;

const MAX_GOT_LENGTH = 60;

/**
 * Renders a value for `got`: short JSON, so `"-5"` (text) and `-5` (number) look different. URL credentials and
 * secret-looking query parameters are hidden first (before shortening, which could cut the pattern apart).
 */
export function renderValue(value: unknown): string {
  let text: string;
  if (value === undefined) text = 'nothing';
  else if (typeof value === 'number' && !Number.isFinite(value)) text = String(value);
  else {
    try {
      text = JSON.stringify(withoutUrlSecrets(value, new Set())) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > MAX_GOT_LENGTH ? `${text.slice(0, MAX_GOT_LENGTH - 1)}…` : text;
}

/** `ancestors` guards against cycles (a YAML alias inside its own anchor), which then render as "[cycle]". */
function withoutUrlSecrets(value: unknown, ancestors: Set<unknown>): unknown {
  if (typeof value === 'string') return hideInUrls(value);
  if (typeof value !== 'object' || value === null) return value;
  if (ancestors.has(value)) return '[cycle]';
  ancestors.add(value);
  const copy = Array.isArray(value)
    ? value.map((item) => withoutUrlSecrets(item, ancestors))
    : isRecord(value)
      ? Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withoutUrlSecrets(item, ancestors)]))
      : value;
  ancestors.delete(value);
  return copy;
}

/** A problem about a value: the message is `expected …; got …`. */
export function valueProblem(
  segments: readonly Segment[],
  expected: string,
  value: unknown,
  hint?: string,
): Problem {
  const got = renderValue(value);
  return { segments, message: `expected ${expected}; got ${got}`, expected, got, ...(hint ? { hint } : {}) };
}

export function toIssue(problem: Problem, file: string | null, locate?: Locate): Issue {
  const position = locate?.(problem.segments);
  const { segments, ...rest } = problem;
  return { file, path: formatPath(segments), ...rest, ...(position ? position : {}) };
}

export interface FormatOptions {
  /** Use ANSI colours (the caller decides: TTY, NO_COLOR, --no-color). */
  readonly color?: boolean;
  /** At most this many problems are printed per file, then `… and K more problems` (default MAX_SHOWN_PROBLEMS). */
  readonly limit?: number;
}

/** A file with thousands of problems (a generated scenario gone wrong) shows the first ones and a count. */
export const MAX_SHOWN_PROBLEMS = 20;

/**
 * Prints issues grouped by file, one line each:
 *   scenarios/bad.yaml: 2 problems
 *     ✗ workloads[1].concurency: unknown key — did you mean "concurrency"?
 *     ✗ target.http.url (line 4, column 5): expected an http(s) URL …; got "ftp://x"
 */
export function formatIssues(issues: readonly Issue[], options: FormatOptions = {}): string {
  const paint = painter(options.color === true);
  const limit = Math.max(1, options.limit ?? MAX_SHOWN_PROBLEMS);
  const groups = new Map<string | null, Issue[]>();
  for (const issue of issues) {
    const group = groups.get(issue.file);
    if (group) group.push(issue);
    else groups.set(issue.file, [issue]);
  }
  const blocks: string[] = [];
  for (const [file, group] of groups) {
    const count = `${group.length} ${group.length === 1 ? 'problem' : 'problems'}`;
    const lines = [paint.bold(`${file ?? 'scenario'}: ${count}`)];
    for (const issue of group.slice(0, limit)) lines.push(`  ${paint.red('✗')} ${formatOne(issue, paint)}`);
    const hidden = group.length - limit;
    if (hidden > 0) lines.push(`  … and ${hidden} more ${hidden === 1 ? 'problem' : 'problems'}`);
    blocks.push(lines.join('\n'));
  }
  return blocks.length === 0 ? '' : `${blocks.join('\n\n')}\n`;
}

function formatOne(issue: Issue, paint: Painter): string {
  const where = [issue.path, location(issue)].filter((part) => part !== '').join(' ');
  const subject = issue.path === '' && where !== '' ? where.replace(/^\((.*)\)$/, '$1') : where;
  const head = subject === '' ? issue.message : `${paint.bold(subject)}: ${issue.message}`;
  if (!issue.hint) return head;
  // Questions read as a continuation ("unknown key — did you mean …?"); advice goes in parentheses.
  return issue.hint.startsWith('did you mean')
    ? `${head} — ${issue.hint}`
    : `${head} ${paint.dim(`(hint: ${issue.hint})`)}`;
}

function location(issue: Issue): string {
  if (issue.line === undefined) return '';
  return issue.column === undefined ? `(line ${issue.line})` : `(line ${issue.line}, column ${issue.column})`;
}

interface Painter {
  bold(text: string): string;
  red(text: string): string;
  dim(text: string): string;
}

function painter(color: boolean): Painter {
  const wrap = (open: number, close: number) => (text: string) =>
    color ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  return { bold: wrap(1, 22), red: wrap(31, 39), dim: wrap(2, 22) };
}
