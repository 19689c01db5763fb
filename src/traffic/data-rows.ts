/**
 * Which data row call `seq` gets — a pure function of `seq` (global over shards), so runs repeat and, in `once`
 * order, every row goes to exactly one shard — and what the workload used: distinct rows, and whether it ran out.
 */
import { seekableRandom, type RandomAt } from '../random/seeded.js';
import type { DataPlan } from './data-block.js';
import type { DataRow } from './data-file.js';

/** What a workload did with its data file, for the report (never the rows themselves). */
export interface DataUse {
  readonly file: string;
  readonly order: DataPlan['order'];
  readonly exhausted: DataPlan['exhausted'];
  /** Rows in the file. */
  readonly rows: number;
  /** Distinct rows calls were given (warmup included). */
  readonly rowsUsed: number;
  /** True when `once` with `exhausted: stop` ran out of rows and ended the workload early. */
  readonly stoppedEarly: boolean;
}

export class DataRows {
  private readonly used: Uint8Array;
  private usedCount = 0;
  private stopped = false;
  private readonly random: RandomAt | null;

  constructor(private readonly plan: DataPlan) {
    this.used = new Uint8Array(plan.rows.length);
    this.random = plan.order === 'random' ? seekableRandom(plan.seed, 'data') : null;
  }

  /** The index of call `seq`'s row: file order wrapping around, or a seeded random row. */
  indexOf(seq: number): number {
    const count = this.plan.rows.length;
    return this.random === null ? seq % count : Math.floor(this.random(seq) * count);
  }

  /** Call `seq`'s row, counted as used. */
  rowAt(seq: number): DataRow {
    const index = this.indexOf(seq);
    if (this.used[index] === 0) {
      this.used[index] = 1;
      this.usedCount++;
    }
    return this.plan.rows[index]!;
  }

  /** True when call `seq` has no row: `once` with `exhausted: stop`, past the last row. */
  ended(seq: number): boolean {
    if (this.plan.order !== 'once' || this.plan.exhausted !== 'stop' || seq < this.plan.rows.length) return false;
    this.stopped = true;
    return true;
  }

  use(): DataUse {
    const { file, order, exhausted, rows } = this.plan;
    return { file, order, exhausted, rows: rows.length, rowsUsed: this.usedCount, stoppedEarly: this.stopped };
  }
}

/** The report's note on a workload's data: `data items.csv: once each, 200 of 500 rows used`. */
export function dataNote(use: DataUse): string {
  const order = use.order === 'once' ? `once each (then ${use.exhausted})` : use.order === 'random' ? 'random rows (seeded)' : 'rows in order';
  const stopped = use.stoppedEarly ? `; every row was used, so the workload stopped early` : '';
  return `data ${use.file}: ${order}, ${use.rowsUsed.toLocaleString('en-US')} of ${use.rows.toLocaleString('en-US')} rows used${stopped}`;
}
