/**
 * `tenants:` — the partitions of a workload's traffic (the multi-tenant proxy's): each a name, a weight (its share of
 * the calls), its own headers (its own token), optionally an endpoint group its calls go to and thresholds judged on
 * its calls alone, and optionally a data file its calls take their rows from (`data:`, the block a workload's `data:`
 * is; call-data.ts). Every tenant calls through client stacks of its own (runner/route-stacks.ts): its cache, dedup,
 * sessions and limiters are never another tenant's. Written at the scenario's top level (every workload's default) or
 * on a workload (replacing the scenario's; `tenants: null` drops them).
 */
import { z } from 'zod';
import { headerMap, strict, text, weight } from '../input/fields.js';
import { isRecord } from '../input/path.js';
import { thresholdsAsWritten, thresholdsField } from '../thresholds/field.js';
import type { ThresholdSpec } from '../thresholds/types.js';
import { dataBlockSchema, type DataPlan, type RawDataBlock } from './data-block.js';

/** One tenant, resolved. */
export interface TenantPlan {
  /** Its name as written (labels the report's per-tenant table and its thresholds). */
  readonly name: string;
  /** Its share of the calls, relative to the other tenants' (> 0). */
  readonly weight: number;
  /** Headers every request of this tenant carries, over its http/sse endpoints' own (values are secrets). */
  readonly headers: Readonly<Record<string, string>>;
  /** The endpoint group of its calls when the operation names none (`route:`); null: the workload's endpoints. */
  readonly route: string | null;
  /** Thresholds judged on this tenant's calls alone (absent: none). */
  readonly thresholds?: readonly ThresholdSpec[];
  /** The data file its calls take rows from instead of the workload's (absent: the workload's, if any). */
  readonly data?: DataPlan;
}

const tenantSchema = strict({
  name: text('a tenant name'),
  weight: weight().optional(),
  headers: headerMap().optional(),
  route: text('an endpoint group name (client.groups)').optional(),
  thresholds: thresholdsField('tenant').optional(),
  data: dataBlockSchema.optional(),
});

type RawTenant = z.output<typeof tenantSchema>;

/** `tenants:`: a non-empty list with distinct names; null (on a workload) drops the scenario's. */
export const tenantsField = () =>
  z
    .array(tenantSchema)
    .min(1)
    .superRefine(checkNames, { when: (payload) => Array.isArray(payload.value) })
    .nullable();

function checkNames(tenants: readonly unknown[], ctx: z.core.$RefinementCtx): void {
  const first = new Map<string, number>();
  tenants.forEach((tenant, index) => {
    if (!isRecord(tenant) || typeof tenant.name !== 'string') return;
    const earlier = first.get(tenant.name);
    if (earlier === undefined) {
      first.set(tenant.name, index);
      return;
    }
    const hint = "tenant names label the report's per-tenant rows; give each tenant its own name";
    ctx.addIssue({ code: 'custom', path: [index, 'name'], message: `tenants[${earlier}] is also named "${tenant.name}"`, params: { hint } });
  });
}

/**
 * The tenants of a validated list; `written`: the list as in the file (names and threshold texts as written);
 * `dataOf`: a tenant's data block resolved (its file was read before resolution).
 */
export function buildTenants(raw: readonly RawTenant[], written: unknown, dataOf: (block: RawDataBlock) => DataPlan): readonly TenantPlan[] {
  const writtenList = Array.isArray(written) ? written : [];
  return raw.map((tenant, index) => {
    const asWritten: unknown = writtenList[index];
    const own = isRecord(asWritten) ? asWritten : {};
    const thresholds = thresholdsAsWritten(tenant.thresholds ?? [], own.thresholds);
    return {
      name: typeof own.name === 'string' ? own.name : tenant.name,
      weight: tenant.weight ?? 1,
      headers: tenant.headers ?? {},
      route: tenant.route ?? null,
      ...(thresholds.length > 0 && { thresholds }),
      ...(tenant.data && { data: dataOf(tenant.data) }),
    };
  });
}
