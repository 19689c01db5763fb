/**
 * The scenario file's schema (zod 4). Objects are strict: every unknown key is reported with a suggestion.
 * Fields resolve units as they validate (durations to µs, counts to numbers); cross-field rules run even when
 * some fields failed, so one pass reports every problem it can find.
 */
import { z } from 'zod';
import { duration, scenarioName, seed, strict } from '../input/fields.js';
import { targetSchema } from '../client/targets/registry.js';
import { clientSchema } from '../client/options/schema.js';
import { workloadSchema } from './workload.js';
import { thresholdsField } from '../thresholds/field.js';
import { tenantsField } from '../traffic/tenants.js';
import { compareField, variantsField } from './variants.js';
import { formatPath, isRecord } from '../input/path.js';
import type { Problem } from '../input/issues.js';
import { dataBlockSchema } from '../traffic/data-block.js';
import { capabilitiesField } from '../client/session/capability-plan.js';

export const scenarioSchema = strict({
  name: scenarioName(),
  description: z.string().optional(),
  seed: seed().optional(),
  timeout: duration({ positive: true }).optional(),
  /** The client every workload calls through; a workload's own `client:` is merged over it (client/options/merge.ts). */
  client: clientSchema.optional(),
  target: targetSchema,
  workloads: z.array(workloadSchema).min(1),
  /** The data file of every workload that names none of its own (traffic/data-block.ts). */
  data: dataBlockSchema.optional(),
  /** Thresholds on every workload's total (thresholds/field.ts). */
  thresholds: thresholdsField().optional(),
  /** The same workloads under other settings, compared side by side (variants.ts). */
  variants: variantsField().optional(),
  /** Every workload's tenants unless it gives its own (traffic/tenants.ts). */
  tenants: tenantsField().optional(),
  compare: compareField().optional(),
  /** Client capabilities every session declares, with scripted answers (client/session/capability-plan.ts). */
  capabilities: capabilitiesField().optional(),
});

/** The validated file, units resolved, before defaults are applied. */
export type RawScenario = z.output<typeof scenarioSchema>;

/**
 * Workload names label the report, so they must differ. Checked on the input rather than inside the schema,
 * because a workload that failed validation has no output there, yet its name can still clash.
 */
export function duplicateWorkloadNames(scenario: unknown): Problem[] {
  if (!isRecord(scenario) || !Array.isArray(scenario.workloads)) return [];
  const problems: Problem[] = [];
  const firstIndexByName = new Map<string, number>();
  scenario.workloads.forEach((workload: unknown, index) => {
    if (!isRecord(workload) || typeof workload.name !== 'string') return;
    const first = firstIndexByName.get(workload.name);
    if (first === undefined) {
      firstIndexByName.set(workload.name, index);
      return;
    }
    problems.push({
      segments: ['workloads', index, 'name'],
      message: `${formatPath(['workloads', first])} is also named "${workload.name}"`,
      hint: 'workload names label the report; give each workload its own name',
    });
  });
  return problems;
}
