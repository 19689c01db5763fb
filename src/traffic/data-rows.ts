/**
 * Which data row call `seq` gets — a pure function of `seq` (global over shards), so runs repeat and, in `once`
 * order, every row goes to exactly one shard — and what the workload used: distinct rows, and whether it ran out.
 */
import { seekableRandom, type RandomAt } from '../random/seeded.js';
import type { DataPlan } from './data-block.js';
import type { DataRow } from './data-file.js';

/**
 * What a workload did with one data file (its own, or a tenant's), for the report: the file as written (a relative
 * path), never its rows. Merges (rounds, shards: summary/data-use.ts) add `calls` exactly; `rowsUsed` stays exact only
 * where rows cannot repeat across the parts, else it becomes null.
 */
export interface DataUse {
  readonly file: string;
  /** The tenant whose calls read this file (`tenants[].data`); absent: the workload's own `data:`. */
  readonly tenant?: string;
  readonly order: DataPlan['order'];
  readonly exhausted: DataPlan['exhausted'];
  /** Rows in the file. */
  readonly rows: number;
  /** Calls given a row of this file (warmup and journeys' calls included; a journey's steps share one). */
  readonly calls: number;
  /** Distinct rows calls were given; null where no exact figure exists (merged over rounds, or over shards in another order than once/stop). */
  readonly rowsUsed: number | null;
  /** True when `once` with `exhausted: stop` ran out of rows and ended the workload early. */
  readonly stoppedEarly: boolean;
}

export class DataRows {
  private readonly used: Uint8Array;
  private usedCount = 0;
  private calls = 0;
  private stopped = false;
  private readonly random: RandomAt | null;

  /** `tenant`: the tenant whose file this is (the report names it); absent: the workload's. */
  constructor(
    private readonly plan: DataPlan,
    private readonly tenant?: string,
  ) {
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
    this.calls++;
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
    const tenant = this.tenant === undefined ? {} : { tenant: this.tenant };
    return { file, ...tenant, order, exhausted, rows: rows.length, calls: this.calls, rowsUsed: this.usedCount, stoppedEarly: this.stopped };
  }
}
