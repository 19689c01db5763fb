/**
 * What we answer an `elicitation/create` with: the configured action, and for `accept` the configured content or else
 * each requested field's `default` (SEP-1034). A field without a default and without a given value is left out, so a
 * server that requires it sees that, as it would from a user who skipped it.
 */
import type { ElicitationPlan } from './capability-plan.js';

type Value = string | number | boolean | string[];

export interface ElicitationAnswer {
  readonly [key: string]: unknown;
  readonly action: 'accept' | 'decline' | 'cancel';
  readonly content?: Record<string, Value>;
}

/** The defaults a form's requestedSchema declares, by property name. */
export function schemaDefaults(requestedSchema: unknown): Record<string, Value> {
  const properties = (requestedSchema as { properties?: unknown } | undefined)?.properties;
  if (!properties || typeof properties !== 'object') return {};
  const content: Record<string, Value> = {};
  for (const [name, property] of Object.entries(properties as Record<string, unknown>)) {
    const fallback = (property as { default?: unknown } | null)?.default;
    if (isValue(fallback)) content[name] = fallback;
  }
  return content;
}

const isValue = (value: unknown): value is Value =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || (Array.isArray(value) && value.every((v) => typeof v === 'string'));

export function elicitationAnswer(plan: ElicitationPlan, requestedSchema: unknown): ElicitationAnswer {
  if (plan.action !== 'accept') return { action: plan.action };
  const given = Object.fromEntries(Object.entries(plan.content ?? {}).map(([k, v]) => [k, Array.isArray(v) ? [...v] : v])) as Record<string, Value>;
  return { action: 'accept', content: { ...schemaDefaults(requestedSchema), ...given } };
}
