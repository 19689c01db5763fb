/**
 * Scenario text → plain data: JSON for `.json` files, YAML otherwise. Syntax errors carry line and column; so do
 * nesting too deep, unsupported YAML tags and keys written twice (yaml-checks.ts).
 */
import { Composer, isMap, isScalar, isSeq, LineCounter, Parser, type Document, type Pair, type YAMLError } from 'yaml';
import type { Issue, Locate, Position } from '../input/issues.js';
import { toIssue } from '../input/issues.js';
import { nestingProblem } from '../input/nesting.js';
import type { Segment } from '../input/path.js';
import { jsonSyntaxError } from './json-syntax.js';
import { sourceProblems, type SourceProblem } from './yaml-checks.js';

export type ParseResult =
  | { readonly ok: true; readonly value: unknown; readonly locate?: Locate }
  | { readonly ok: false; readonly issues: Issue[] };

const EMPTY_HINT = 'start from a shipped scenario: mcp-bench scenarios lists them (mcp-bench run quickstart runs one)';

export function parseScenarioText(file: string, text: string): ParseResult {
  return file.toLowerCase().endsWith('.json') ? parseJson(file, text) : parseYaml(file, text);
}

interface Composed {
  readonly document: Document;
  readonly lineCounter: LineCounter;
  /** Problems the token tree showed (yaml-checks.ts). */
  readonly problems: readonly SourceProblem[];
  /** Where a second document starts (`---`), if the file holds more than one. */
  readonly secondDocumentAt?: number;
}

/** Parses, checks the token tree, then composes — unless it nests too deep for the (recursive) composer. */
function compose(text: string): Composed | { readonly tooDeep: readonly SourceProblem[]; readonly lineCounter: LineCounter } {
  const lineCounter = new LineCounter();
  const tokens = [...new Parser(lineCounter.addNewLine).parse(text)];
  const checked = sourceProblems(tokens);
  if (!checked.composable) return { tooDeep: checked.problems, lineCounter };
  // merge: `<<: *anchor` lets workloads share settings. Keys must be unique: checked on the tokens, in linear time.
  const composer = new Composer({ merge: true, uniqueKeys: false });
  const [document, second] = composer.compose(tokens, true, text.length);
  const secondAt = second?.range?.[0];
  return { document: document as Document, lineCounter, problems: checked.problems, ...(secondAt === undefined ? {} : { secondDocumentAt: secondAt }) };
}

function parseYaml(file: string, text: string): ParseResult {
  const composed = compose(text);
  const position = (offset: number): Position => {
    const { line, col } = composed.lineCounter.linePos(offset);
    return { line, column: col };
  };
  const sourceIssue = (problem: SourceProblem): Issue => ({ ...toIssue(problem, file), ...position(problem.offset) });
  if ('tooDeep' in composed) return { ok: false, issues: composed.tooDeep.map(sourceIssue) };
  const { document, lineCounter, problems, secondDocumentAt } = composed;
  if (document.errors.length > 0) return { ok: false, issues: document.errors.map((error) => yamlIssue(file, error, position)) };
  if (secondDocumentAt !== undefined) {
    const message = 'the file holds more than one YAML document (a second --- line)';
    return { ok: false, issues: [{ file, path: '', message, hint: 'a scenario is one document: make the second its own file', ...position(secondDocumentAt) }] };
  }
  if (problems.length > 0) return { ok: false, issues: problems.map(sourceIssue) };
  if (document.contents === null) return { ok: false, issues: [{ file, path: '', message: 'the file is empty', hint: EMPTY_HINT }] };
  try {
    return { ok: true, value: document.toJS({ maxAliasCount: 1000 }), locate: locator(document, lineCounter) };
  } catch (error) {
    return { ok: false, issues: [{ file, path: '', message: `cannot read the YAML: ${(error as Error).message}` }] };
  }
}

const YAML_HINTS: Readonly<Record<string, string>> = {
  TAB_AS_INDENT: 'indent with spaces, not tabs',
  BAD_INDENT: 'check the indentation and that every [ or { is closed',
  MISSING_CHAR: 'a quote, bracket or brace is not closed',
};

function yamlIssue(file: string, error: YAMLError, position: (offset: number) => Position): Issue {
  const firstLine = error.message.split('\n')[0] ?? error.message;
  const message = firstLine.replace(/ at line \d+, column \d+:?\s*$/, '');
  const hint = YAML_HINTS[error.code];
  return { file, path: '', message: `YAML syntax error: ${message}`, ...(hint ? { hint } : {}), ...position(error.pos[0]) };
}

function parseJson(file: string, text: string): ParseResult {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return { ok: false, issues: [{ file, path: '', message: 'the file is empty', hint: EMPTY_HINT }] };
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { ok: false, issues: [jsonIssue(file, body)] };
  }
  // JSON is YAML too: its token tree tells where a path sits; composed only when a problem needs a position.
  if (nestingProblem(value) !== undefined) return parseYaml(file, body);
  let locate: Locate | undefined;
  return {
    ok: true,
    value,
    locate: (segments) => {
      if (locate === undefined) {
        const composed = compose(body);
        locate = 'tooDeep' in composed || composed.document.errors.length > 0 ? () => undefined : locator(composed.document, composed.lineCounter);
      }
      return locate(segments);
    },
  };
}

/** The first character that is not JSON, and what would have been; the text itself is not quoted (it may be secret). */
function jsonIssue(file: string, body: string): Issue {
  const error = jsonSyntaxError(body);
  if (error === undefined) return { file, path: '', message: 'JSON syntax error' };
  const found = body[error.offset];
  const got = found === undefined ? 'the end of the file' : JSON.stringify(found);
  return { file, path: '', message: `JSON syntax error: expected ${error.expected}; got ${got}`, ...positionOf(body, error.offset) };
}

function positionOf(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) {
    line++;
    lineStart = at + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** Walks the YAML nodes along a path; stops at the nearest ancestor that exists. Keys are located, not values. */
function locator(document: Document, lineCounter: LineCounter): Locate {
  // Each mapping's keys are indexed once, so locating thousands of problems in one big mapping stays linear.
  const keyIndex = new WeakMap<object, Map<string, Pair>>();
  const pairOf = (map: { items: Pair[] }, key: string): Pair | undefined => {
    let index = keyIndex.get(map);
    if (index === undefined) {
      index = new Map();
      for (const pair of map.items) if (isScalar(pair.key) && !index.has(String(pair.key.value))) index.set(String(pair.key.value), pair);
      keyIndex.set(map, index);
    }
    return index.get(key);
  };
  return (segments: readonly Segment[]) => {
    let node: unknown = document.contents;
    // The root itself is no useful place to point at (a missing top-level key has no line of its own).
    let offset = segments.length === 0 ? rangeStart(node) : undefined;
    for (const segment of segments) {
      if (isMap(node)) {
        const pair = pairOf(node as { items: Pair[] }, String(segment));
        if (pair === undefined) break;
        offset = rangeStart(pair.key) ?? offset;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number' && node.items[segment] !== undefined) {
        node = node.items[segment];
        offset = rangeStart(node) ?? offset;
      } else break;
    }
    if (offset === undefined) return undefined;
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
}

function rangeStart(node: unknown): number | undefined {
  if (typeof node !== 'object' || node === null || !('range' in node)) return undefined;
  const range = (node as { range?: readonly number[] | null }).range;
  return range?.[0];
}
