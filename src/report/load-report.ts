/**
 * Reads a saved JSON report back, for `--baseline` and `mcp-bench compare`. Never throws: each way a file can be wrong
 * (missing, a folder, not JSON, another tool's file, another schemaVersion, not matching the schema) gets its own
 * message naming the file as given, with a hint where one helps, so the CLI can print it and exit 2.
 */
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { SCHEMA_VERSION, type RunSummary } from '../summary/summary.js';
import { formatPath, isRecord, type Segment } from '../input/path.js';
import { VERSION } from '../version.js';
import { reportSchema } from './report-schema.js';
import { decodeHistogram } from '../stats/histogram.js';

export type LoadedReport =
  | { readonly ok: true; readonly summary: RunSummary }
  | { readonly ok: false; readonly message: string; readonly hint?: string };

type Failure = Extract<LoadedReport, { ok: false }>;

/** Schema problems listed in the message; the rest are counted. */
const SHOWN_PROBLEMS = 3;
const JSON_HINT = 'mcp-bench reads back the JSON reports it writes (-o report.json, or --format json)';

/** `file` is opened as given (relative to the process's working folder) and named as given in messages. */
export async function loadReport(file: string): Promise<LoadedReport> {
  try {
    const text = await readText(file);
    if (typeof text !== 'string') return text;
    const json = parseJson(file, text);
    if ('message' in json) return json;
    return checkReport(file, json.value);
  } catch (error) {
    return { ok: false, message: `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

async function readText(file: string): Promise<string | Failure> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, message: `${file}: no such file`, hint: 'reports are written with -o, e.g. -o reports/base.json' };
    if (code === 'EISDIR') return { ok: false, message: `${file} is a folder, not a report file`, hint: 'name the .json report inside it' };
    if (code === 'EACCES') return { ok: false, message: `${file}: permission denied` };
    return { ok: false, message: `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function parseJson(file: string, raw: string): { readonly value: unknown } | Failure {
  const text = raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
  if (text.trim() === '') return { ok: false, message: `${file} is empty, not a JSON report`, hint: JSON_HINT };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    const at = syntaxErrorAt(text);
    if (at === null) return { ok: false, message: `${file} is not valid JSON: ${(error as Error).message}`, hint: JSON_HINT };
    const found = at >= text.length ? 'the end of the file' : JSON.stringify(text[at]);
    const { line, column } = lineAndColumn(text, at);
    const hint = text.trimStart().startsWith('<')
      ? `it looks like HTML or XML; ${JSON_HINT}`
      : at >= text.length ? 'the file ends before its JSON does: was it cut short?' : JSON_HINT;
    return { ok: false, message: `${file} is not valid JSON: unexpected ${found} at line ${line}, column ${column}`, hint };
  }
}

function checkReport(file: string, value: unknown): LoadedReport {
  const tool = isRecord(value) && isRecord(value['tool']) ? value['tool'] : null;
  if (!isRecord(value) || tool?.['name'] !== 'mcp-bench') {
    const has = Array.isArray(value) ? 'it is a list' : !isRecord(value) ? `it is ${value === null ? 'null' : `a ${typeof value}`}` : 'it has no schemaVersion and no tool.name "mcp-bench"';
    return { ok: false, message: `${file} is not an mcp-bench report: ${has}`, hint: 'pass a report mcp-bench wrote with -o <file>.json' };
  }
  const version = value['schemaVersion'];
  if (version !== SCHEMA_VERSION) {
    const wrote = typeof tool['version'] === 'string' ? ` (written by mcp-bench ${tool['version']})` : '';
    const has = version === undefined ? 'has no schemaVersion' : `has schemaVersion ${JSON.stringify(version)}`;
    const newer = typeof version === 'number' && version > SCHEMA_VERSION;
    return {
      ok: false,
      message: `${file} ${has}${wrote}; this mcp-bench (${VERSION}) reads schemaVersion ${SCHEMA_VERSION}`,
      hint: newer ? 'upgrade mcp-bench, or write the report again with this version' : 'write the report again with this version of mcp-bench',
    };
  }
  const parsed = reportSchema.safeParse(value, { reportInput: true });
  if (parsed.success) {
    const broken = undecodableHistogram(parsed.data);
    if (broken === null) return { ok: true, summary: parsed.data };
    return {
      ok: false,
      message: `${file}: ${broken} is not an HDR histogram this version can decode`,
      hint: 'baselines and comparisons read their intervals from the stored histograms; re-run to get a fresh report',
    };
  }
  const problems = parsed.error.issues.slice(0, SHOWN_PROBLEMS).map(describeIssue);
  const more = parsed.error.issues.length - problems.length;
  return {
    ok: false,
    message: `${file} is not a valid schemaVersion ${SCHEMA_VERSION} report: ${problems.join('; ')}${more > 0 ? `; and ${more} more problem${more === 1 ? '' : 's'}` : ''}`,
    hint: 'was it edited by hand? A report must match schema/report.schema.json',
  };
}

/**
 * The path of the first stored histogram that does not decode, or null. A report whose histograms cannot be read would
 * give checks without intervals, which could then never regress: refuse it instead.
 */
function undecodableHistogram(summary: RunSummary): string | null {
  for (const [w, workload] of summary.workloads.entries()) {
    const operations = [...workload.operations.map((op, o) => [op, `workloads[${w}].operations[${o}]`] as const), [workload.total, `workloads[${w}].total`] as const];
    for (const [op, at] of operations) {
      if (!decodes(op.histogram, op.count)) return `${at}.histogram`;
      if (op.serviceTimeHistogram !== undefined && !decodes(op.serviceTimeHistogram)) return `${at}.serviceTimeHistogram`;
    }
    const lag = workload.arrivals?.sendLagHistogram;
    if (lag !== undefined && !decodes(lag)) return `workloads[${w}].arrivals.sendLagHistogram`;
  }
  return null;
}

/** Whether `encoded` decodes (holding `count` values, when given and not 0). Timeline points are not decoded here. */
function decodes(encoded: string, count?: number): boolean {
  if (count === 0) return true;
  try {
    const total = decodeHistogram(encoded).totalCount;
    return count === undefined || total === count;
  } catch {
    return false;
  }
}

/** `workloads[0].operations[1].histogram: expected string, got 42`. */
function describeIssue(issue: z.core.$ZodIssue): string {
  const segments = issue.path.filter((segment): segment is Segment => typeof segment !== 'symbol');
  const where = segments.length === 0 ? '(top level)' : formatPath(segments);
  return `${where}: ${problemOf(issue)}`;
}

function problemOf(issue: z.core.$ZodIssue): string {
  const got = 'input' in issue ? `, got ${shown(issue.input)}` : '';
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? `missing (expected ${issue.expected})` : `expected ${issue.expected}${got}`;
    case 'invalid_value':
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}${got}`;
    case 'too_small':
      return `must be ${issue.inclusive === false ? '>' : '≥'} ${String(issue.minimum)}${got}`;
    case 'too_big':
      return `must be ${issue.inclusive === false ? '<' : '≤'} ${String(issue.maximum)}${got}`;
    case 'invalid_format':
      return `expected ${issue.format === 'datetime' ? 'an ISO 8601 timestamp' : issue.format}${got}`;
    default:
      return issue.message;
  }
}

/** A short rendering of a found value: primitives as JSON (strings cut at 40 characters), containers by kind. */
function shown(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (isRecord(value)) return 'an object';
  if (typeof value === 'string' && value.length > 40) return `${JSON.stringify(value.slice(0, 40))}…`;
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

/**
 * Offset of the first character that makes `text` invalid JSON (text.length: it ends too early), or null when it is
 * valid. Node 20's JSON.parse does not always say where (`Unexpected token '}', "…" is not valid JSON`).
 */
export function syntaxErrorAt(text: string): number | null {
  const scanner = new JsonScanner(text);
  try {
    scanner.value();
    scanner.space();
    return scanner.at < text.length ? scanner.at : null;
  } catch (error) {
    if (error instanceof StopAt) return error.at;
    throw error;
  }
}

class StopAt {
  constructor(readonly at: number) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** A JSON grammar check without building values; it only runs after JSON.parse has failed. */
class JsonScanner {
  at = 0;
  constructor(private readonly text: string) {}

  value(): void {
    this.space();
    const ch = this.text[this.at];
    if (ch === '{') return this.list('}', () => this.member());
    if (ch === '[') return this.list(']', () => this.value());
    if (ch === '"') return this.string();
    if (ch === 't' || ch === 'f' || ch === 'n') return this.word(ch === 't' ? 'true' : ch === 'f' ? 'false' : 'null');
    NUMBER.lastIndex = this.at;
    const number = NUMBER.exec(this.text);
    if (!number) this.stop();
    this.at += number[0].length;
  }

  space(): void {
    while (' \t\n\r'.includes(this.text[this.at] ?? '-')) this.at++;
  }

  private list(close: string, item: () => void): void {
    this.at++;
    this.space();
    if (this.text[this.at] === close) return void this.at++;
    for (;;) {
      item();
      this.space();
      const ch = this.text[this.at];
      if (ch === close) return void this.at++;
      if (ch !== ',') this.stop();
      this.at++;
    }
  }

  private member(): void {
    this.space();
    if (this.text[this.at] !== '"') this.stop();
    this.string();
    this.space();
    if (this.text[this.at] !== ':') this.stop();
    this.at++;
    this.value();
  }

  private string(): void {
    this.at++;
    for (;;) {
      const ch = this.text[this.at];
      if (ch === undefined || ch < ' ') this.stop();
      this.at++;
      if (ch === '"') return;
      if (ch !== '\\') continue;
      const escape = this.text[this.at] ?? '';
      if (escape === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.at + 1, this.at + 5))) this.at += 5;
      else if (escape !== '' && '"\\/bfnrt'.includes(escape)) this.at++;
      else this.stop();
    }
  }

  private word(word: string): void {
    for (const ch of word) {
      if (this.text[this.at] !== ch) this.stop();
      this.at++;
    }
  }

  private stop(): never {
    throw new StopAt(this.at);
  }
}
