/**
 * A workload's `data:` block — `{ file: data/items.csv, order: sequential | random | once, exhausted: stop | wrap }`
 * — its schema, its resolved plan (the rows, read once at load), and loading the file it names (reusable wherever a
 * data block is written).
 */
import path from 'node:path';
import { z } from 'zod';
import { field, strict, text } from '../input/fields.js';
import { didYouMean, listWords } from '../input/suggest.js';
import { isRecord } from '../input/path.js';
import { readDataFile, type DataLoad, type DataRow } from './data-file.js';

export const DATA_ORDERS = ['sequential', 'random', 'once'] as const;
export type DataOrder = (typeof DATA_ORDERS)[number];
export const WHEN_EXHAUSTED = ['stop', 'wrap'] as const;
export type WhenExhausted = (typeof WHEN_EXHAUSTED)[number];

function oneOf<T extends string>(words: readonly T[], hint: string) {
  const expected = `one of ${listWords(words)}`;
  return field(expected, (value): { ok: true; value: T } | { ok: false; expected: string; hint?: string } => {
    const known = words.find((word) => word === value);
    if (known !== undefined) return { ok: true, value: known };
    const suggestion = typeof value === 'string' ? didYouMean(value, words) : undefined;
    return { ok: false, expected, hint: suggestion ?? hint };
  });
}

const ORDER_HINT = 'sequential: rows in file order, wrapping around; random: a seeded random row per call; once: each row once';

export const dataBlockSchema = strict({
  file: text('a data file path relative to the scenario, like data/items.csv (.csv, .json or .jsonl)'),
  order: oneOf(DATA_ORDERS, ORDER_HINT).optional(),
  exhausted: oneOf(WHEN_EXHAUSTED, 'stop ends the workload when every row was used; wrap starts over').optional(),
}).superRefine(
  (value, ctx) => {
    if (isRecord(value) && value.exhausted !== undefined && value.order !== 'once') {
      const hint = 'add order: once, or remove exhausted (sequential and random orders never run out)';
      ctx.addIssue({ code: 'custom', path: ['exhausted'], message: 'exhausted applies to order: once only', params: { hint } });
    }
  },
  { when: (payload) => isRecord(payload.value) },
);

export type RawDataBlock = z.output<typeof dataBlockSchema>;

/** A workload's data, resolved: its rows and how calls take them (data-rows.ts). */
export interface DataPlan {
  /** The path as written in the scenario: the report names the file by it, never by its contents. */
  readonly file: string;
  readonly order: DataOrder;
  /** Only `once` runs out: `stop` ends the workload at the first call without a row, `wrap` starts over. */
  readonly exhausted: WhenExhausted;
  readonly rows: readonly DataRow[];
  readonly columns: readonly string[];
  /** sha256 of the file: the plan's fingerprint covers the data, not its rows. */
  readonly sha256: string;
  /** The workload's seed before sharding: `random` order's row of a call is a pure function of it and `seq`. */
  readonly seed: number;
}

export const DEFAULT_DATA_ORDER: DataOrder = 'sequential';

/** Where a block's file is: its path is relative to the folder of the scenario file. */
export function dataFilePath(block: { readonly file: string }, baseDir: string): string {
  return path.resolve(baseDir, block.file);
}

/** Reads the file a data block names (relative to `baseDir`). */
export function loadDataBlock(block: { readonly file: string }, baseDir: string): Promise<DataLoad> {
  return readDataFile(dataFilePath(block, baseDir));
}

export function buildDataPlan(block: RawDataBlock, table: { readonly columns: readonly string[]; readonly rows: readonly DataRow[]; readonly sha256: string }, seed: number): DataPlan {
  return {
    file: block.file,
    order: block.order ?? DEFAULT_DATA_ORDER,
    exhausted: block.exhausted ?? 'stop',
    rows: table.rows,
    columns: table.columns,
    sha256: table.sha256,
    seed,
  };
}

/** A file's columns for template checks: null when there is no file, 'any' when it could not be read (reported there). */
export type ColumnsOffered = readonly string[] | null | 'any';

/**
 * The columns `{{row.x}}` may read in a workload: those every call's row is sure to have. A call of tenant T reads
 * T's file, else the workload's (call-data.ts): without tenants, the workload's columns; with them, the columns
 * common to each tenant's file (or the workload's, for a tenant without one); null when some call gets no row.
 * `tenants[i]` undefined: tenant i names no file.
 */
export function callColumns(own: ColumnsOffered, tenants: readonly (ColumnsOffered | undefined)[]): ColumnsOffered {
  if (tenants.length === 0) return own;
  const offered = tenants.map((columns) => (columns === undefined ? own : columns));
  if (offered.includes(null)) return null;
  const known = offered.filter((columns): columns is readonly string[] => columns !== 'any' && columns !== null);
  if (known.length === 0) return 'any';
  return known.reduce((common, columns) => common.filter((name) => columns.includes(name)));
}
