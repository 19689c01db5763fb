/** Scenario text → plain data: JSON for `.json` files, YAML otherwise. Syntax errors carry line and column. */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type YAMLError } from 'yaml';
import type { Issue, Locate, Position } from '../input/issues.js';
import type { Segment } from '../input/path.js';

export type ParseResult =
  | { readonly ok: true; readonly value: unknown; readonly locate?: Locate }
  | { readonly ok: false; readonly issues: Issue[] };

const EMPTY_HINT = 'start from scenarios/quickstart.yaml';

export function parseScenarioText(file: string, text: string): ParseResult {
  return file.toLowerCase().endsWith('.json') ? parseJson(file, text) : parseYaml(file, text);
}

function parseYaml(file: string, text: string): ParseResult {
  const lineCounter = new LineCounter();
  // merge: `<<: *anchor` lets workloads share settings; keys must be unique within a mapping.
  const document = parseDocument(text, { lineCounter, merge: true, uniqueKeys: true });
  if (document.errors.length > 0) return { ok: false, issues: document.errors.map((error) => yamlIssue(file, error)) };
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
  DUPLICATE_KEY: 'each key may appear only once in a mapping',
  MISSING_CHAR: 'a quote, bracket or brace is not closed',
};

function yamlIssue(file: string, error: YAMLError): Issue {
  const start = error.linePos?.[0];
  const firstLine = error.message.split('\n')[0] ?? error.message;
  const message = firstLine.replace(/ at line \d+, column \d+:?\s*$/, '');
  const hint = YAML_HINTS[error.code];
  return {
    file,
    path: '',
    message: `YAML syntax error: ${message}`,
    ...(hint ? { hint } : {}),
    ...(start ? { line: start.line, column: start.col } : {}),
  };
}

function parseJson(file: string, text: string): ParseResult {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return { ok: false, issues: [{ file, path: '', message: 'the file is empty', hint: EMPTY_HINT }] };
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    const message = (error as Error).message;
    const offset = /at position (\d+)/.exec(message)?.[1];
    const where = offset === undefined ? {} : positionOf(body, Number(offset));
    const cleaned = message.replace(/\s*\(line \d+ column \d+\)/, '').replace(/ in JSON at position \d+/, '');
    return { ok: false, issues: [{ file, path: '', message: `JSON syntax error: ${cleaned}`, ...where }] };
  }
  // JSON is YAML too, so the YAML parser can still tell where each path sits.
  const lineCounter = new LineCounter();
  const document = parseDocument(body, { lineCounter });
  return document.errors.length > 0 ? { ok: true, value } : { ok: true, value, locate: locator(document, lineCounter) };
}

function positionOf(text: string, offset: number): Position {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

/** Walks the YAML nodes along a path; stops at the nearest ancestor that exists. Keys are located, not values. */
function locator(document: Document, lineCounter: LineCounter): Locate {
  return (segments: readonly Segment[]) => {
    let node: unknown = document.contents;
    // The root itself is no useful place to point at (a missing top-level key has no line of its own).
    let offset = segments.length === 0 ? rangeStart(node) : undefined;
    for (const segment of segments) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
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
