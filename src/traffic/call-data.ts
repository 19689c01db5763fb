/**
 * The data row of each call of a workload: from its tenant's file (`tenants[].data`) when the tenant of call `seq`
 * has one, else from the workload's own (`data:`), else none. A pure function of `seq` (global over shards): the
 * tenant of seq is routes.ts's `tenantPicker` (seed, seq), and the row within that file is the file's order's row of
 * seq (data-rows.ts). So in `once` order a tenant's file gives the rows at the seqs that tenant drew — rows at other
 * tenants' seqs are skipped — and every row still goes to exactly one shard.
 */
import type { DataPlan } from './data-block.js';
import type { DataRow } from './data-file.js';
import { DataRows, type DataUse } from './data-rows.js';
import { tenantPicker } from './routes.js';
import type { TenantPlan } from './tenants.js';

export class CallData {
  private readonly own: DataRows | null;
  /** Per tenant, the rows its calls read (its own file's, else the workload's); null: no tenant has a file. */
  private readonly byTenant: readonly (DataRows | null)[] | null;
  private readonly tenantOf: (seq: number) => number;

  private constructor(data: DataPlan | undefined, tenants: readonly TenantPlan[], seed: number) {
    this.own = data === undefined ? null : new DataRows(data);
    const ownFiles = tenants.some((tenant) => tenant.data !== undefined);
    this.byTenant = ownFiles ? tenants.map((tenant) => (tenant.data ? new DataRows(tenant.data, tenant.name) : this.own)) : null;
    this.tenantOf = ownFiles ? tenantPicker(tenants, seed) : () => 0;
  }

  /** The rows of a workload's calls; null when neither it nor any of its tenants reads a data file. */
  static of(data: DataPlan | undefined, tenants: readonly TenantPlan[], seed: number): CallData | null {
    return data === undefined && !tenants.some((tenant) => tenant.data !== undefined) ? null : new CallData(data, tenants, seed);
  }

  private rowsOf(seq: number): DataRows | null {
    return this.byTenant === null ? this.own : (this.byTenant[this.tenantOf(seq)] ?? null);
  }

  /** Call `seq`'s row (counted as used), or null when its tenant reads no file and the workload none. */
  rowAt(seq: number): DataRow | null {
    return this.rowsOf(seq)?.rowAt(seq) ?? null;
  }

  /** True when call `seq`'s file (`once` with `exhausted: stop`) has no row for it: the workload stops. */
  ended(seq: number): boolean {
    return this.rowsOf(seq)?.ended(seq) ?? false;
  }

  /** Each file's use: the workload's first, then each tenant's own, in the tenants' order. */
  use(): DataUse[] {
    const tenantFiles = (this.byTenant ?? []).filter((rows): rows is DataRows => rows !== null && rows !== this.own);
    return [...(this.own ? [this.own] : []), ...tenantFiles].map((rows) => rows.use());
  }
}
