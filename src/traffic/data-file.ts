/**
 * Reads a data file once into rows: CSV (RFC 4180, a header line, BOM and CRLF allowed; a column is numeric when
 * every value in it is a number), JSON Lines (one object per line) — both streamed line by line — or a JSON array of
 * objects (read whole). Bounded in bytes and rows (input/bounds.ts). A problem names the line, never the contents.
 * The file's sha256 is taken as it is read: the plan's fingerprint covers the data without holding it.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { CsvRecords } from '../input/csv.js';
import { DATA_FILE_BYTES_BOUND, DATA_ROWS_BOUND } from '../input/bounds.js';
import { formatBytes } from '../input/units.js';
import { isRecord } from '../input/path.js';
import { isNumberText } from '../operations/template-syntax.js';

export type DataRow = Readonly<Record<string, unknown>>;

export interface DataTable {
  /** CSV: the header's names; JSON: every key some row has, in order of appearance. */
  readonly columns: readonly string[];
  readonly rows: readonly DataRow[];
  /** sha256 of the file's bytes, hex. */
  readonly sha256: string;
}

export interface DataFileProblem {
  readonly message: string;
  readonly hint?: string;
  /** 1-based line of the file the problem is on, when it is on one. */
  readonly line?: number;
}

export type DataLoad = { readonly ok: true; readonly table: DataTable } | { readonly ok: false; readonly problem: DataFileProblem };

export const DATA_FORMATS = ['.csv', '.json', '.jsonl', '.ndjson'] as const;

class DataError extends Error {
  constructor(readonly problem: DataFileProblem) {
    super(problem.message);
  }
}

export async function readDataFile(file: string): Promise<DataLoad> {
  const format = DATA_FORMATS.find((extension) => file.toLowerCase().endsWith(extension));
  if (format === undefined) {
    return { ok: false, problem: { message: `is not a data file mcp-bench reads`, hint: 'name a .csv, .json (an array of objects) or .jsonl file' } };
  }
  try {
    await checkFile(file);
    const hash = createHash('sha256');
    const rows = format === '.csv' ? await readCsv(file, hash) : format === '.json' ? await readJsonArray(file, hash) : await readJsonLines(file, hash);
    if (rows.rows.length === 0) throw new DataError({ message: 'holds no rows', hint: format === '.csv' ? 'a CSV data file needs a header line and at least one row' : 'add at least one object' });
    return { ok: true, table: { ...rows, sha256: hash.digest('hex') } };
  } catch (error) {
    if (error instanceof DataError) return { ok: false, problem: error.problem };
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, problem: { message: 'data file not found', hint: 'a data file path is relative to the scenario file' } };
    return { ok: false, problem: { message: `data file cannot be read (${code ?? 'unknown error'})` } };
  }
}

async function checkFile(file: string): Promise<void> {
  const stats = await stat(file);
  if (!stats.isFile()) throw new DataError({ message: 'is not a regular file', hint: 'name a .csv, .json or .jsonl file' });
  if (stats.size > DATA_FILE_BYTES_BOUND.max) {
    throw new DataError({ message: `is ${formatBytes(stats.size)}; a data file may be at most ${formatBytes(DATA_FILE_BYTES_BOUND.max)}`, hint: DATA_FILE_BYTES_BOUND.hint });
  }
}

type Hash = ReturnType<typeof createHash>;

/** Each line of the file (CRLF or LF), the first one's BOM removed, with its 1-based number. */
async function* lines(file: string, hash: Hash): AsyncGenerator<{ text: string; line: number }> {
  const stream = createReadStream(file);
  stream.on('data', (chunk) => hash.update(chunk));
  const reader = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  try {
    for await (const text of reader) {
      line++;
      yield { text: line === 1 ? text.replace(/^\uFEFF/, '') : text, line };
    }
  } finally {
    reader.close();
    stream.destroy();
  }
}

function checkRowCount(count: number, line: number): void {
  if (count >= DATA_ROWS_BOUND.max) throw new DataError({ message: `holds more than ${DATA_ROWS_BOUND.max.toLocaleString('en-US')} rows`, hint: DATA_ROWS_BOUND.hint, line });
}

async function readCsv(file: string, hash: Hash): Promise<{ columns: string[]; rows: DataRow[] }> {
  const records = new CsvRecords();
  let columns: string[] | null = null;
  const cells: (readonly string[])[] = [];
  for await (const { text, line } of lines(file, hash)) {
    if (text === '' && columns !== null) continue;
    const step = records.push(text, line);
    if (step.kind === 'pending') continue;
    if (step.kind === 'problem') throw new DataError(step);
    if (columns === null) columns = header(step.fields, step.line);
    else {
      if (step.fields.length !== columns.length) {
        throw new DataError({ line: step.line, message: `has ${step.fields.length} fields where the header has ${columns.length}`, hint: 'quote a field that holds a comma' });
      }
      checkRowCount(cells.length, step.line);
      cells.push(step.fields);
    }
  }
  const last = records.end();
  if (last?.kind === 'problem') throw new DataError(last);
  if (columns === null) throw new DataError({ message: 'is empty', hint: 'a CSV data file needs a header line and at least one row' });
  return { columns, rows: typedRows(columns, cells) };
}

function header(fields: readonly string[], line: number): string[] {
  const seen = new Set<string>();
  fields.forEach((name, index) => {
    if (name === '') throw new DataError({ line, message: `column ${index + 1} of the header has no name`, hint: 'the first line names the columns' });
    if (seen.has(name)) throw new DataError({ line, message: `the header names column "${name}" twice` });
    seen.add(name);
  });
  return [...fields];
}

/** A column is numeric when every value in it is a number (JSON's form: `007` stays text); its values become numbers. */
function typedRows(columns: readonly string[], cells: readonly (readonly string[])[]): DataRow[] {
  const numeric = columns.map((_, column) => cells.every((row) => isNumberText(row[column] ?? '')));
  return cells.map((row) => {
    const typed: Record<string, unknown> = {};
    columns.forEach((name, column) => {
      const value = row[column] ?? '';
      typed[name] = numeric[column] ? Number(value) : value;
    });
    return typed;
  });
}

async function readJsonLines(file: string, hash: Hash): Promise<{ columns: string[]; rows: DataRow[] }> {
  const rows: DataRow[] = [];
  for await (const { text, line } of lines(file, hash)) {
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new DataError({ line, message: 'is not valid JSON', hint: 'JSON Lines hold one JSON object per line' });
    }
    checkRowCount(rows.length, line);
    rows.push(objectRow(value, line));
  }
  return { columns: columnsOf(rows), rows };
}

async function readJsonArray(file: string, hash: Hash): Promise<{ columns: string[]; rows: DataRow[] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    chunks.push(chunk as Buffer);
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    throw new DataError({ message: 'is not valid JSON', hint: 'a .json data file holds one array of objects; for one object per line name it .jsonl' });
  }
  if (!Array.isArray(value)) throw new DataError({ message: 'does not hold a JSON array', hint: 'a .json data file holds one array of objects: [{ "id": 1 }, …]' });
  checkRowCount(value.length - 1, 1);
  const rows = value.map((item, index) => objectRow(item, undefined, index));
  return { columns: columnsOf(rows), rows };
}

function objectRow(value: unknown, line: number | undefined, index?: number): DataRow {
  if (isRecord(value)) return value;
  const where = index === undefined ? '' : `item ${index + 1} of the array `;
  const kind = Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`;
  throw new DataError({ ...(line === undefined ? {} : { line }), message: `${where}is ${kind}, not an object`, hint: 'each row is an object: { "id": 1, "name": "a" }' });
}

function columnsOf(rows: readonly DataRow[]): string[] {
  const columns = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) columns.add(key);
  return [...columns];
}
