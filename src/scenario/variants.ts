/**
 * `variants:` and `compare:`. PLACEHOLDER wired by the contracts commit: the variants helper replaces it
 * (schema of each variant's overlay, cross-checks, and building one VariantPlan per variant).
 */
import { z } from 'zod';
import type { Problem } from './issues.js';
import type { Plan } from './plan.js';

export const variantsField = (): z.ZodType<unknown, unknown> => z.array(z.unknown());
export const compareField = (): z.ZodType<unknown, unknown> => z.unknown();

/** Problems only visible across fields (e.g. `compare` without `variants`), found on the interpolated scenario. */
export function variantProblems(_scenario: unknown): Problem[] {
  return [];
}

/** The plan's `variants` and `compare` (nothing when the scenario has no variants). */
export function buildVariants(_plan: Omit<Plan, 'variants' | 'compare'>, _raw: unknown): Pick<Plan, 'variants' | 'compare'> {
  return {};
}
