/**
 * Builds Plan.resolvedRedacted: the resolved plan (defaults applied, units in µs) as a report may show it. Header and
 * stdio env values are always hidden, URL credentials and secret-looking query parameters too, and every text that
 * came from a `${VAR}` substitution is replaced wherever it ended up — so the effective settings are visible, and a
 * value from the environment never is.
 */
import type { Plan, TargetPlan } from './plan.js';
import { hideInUrls, REDACTED } from './redact.js';

export function resolvedView(plan: Pick<Plan, 'name' | 'target' | 'workloads'>, substituted: readonly string[]): unknown {
  const secrets = [...substituted].sort((a, b) => b.length - a.length);
  const scrub = (value: unknown): unknown => scrubValue(value, secrets);
  return scrub({ name: plan.name, target: showTarget(plan.target), workloads: plan.workloads });
}

/** A target with its header and env values hidden and its URL's credentials removed. */
export function showTarget(target: TargetPlan): unknown {
  switch (target.kind) {
    case 'stdio':
      return { ...target, env: hideValues(target.env) };
    case 'http':
    case 'sse':
      return { ...target, url: hideInUrls(target.url), headers: hideValues(target.headers) };
    case 'builtin':
      return target;
  }
}

function hideValues(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.keys(record).map((key) => [key, REDACTED]));
}

function scrubValue(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return scrubText(value, secrets);
  if (typeof value === 'number' || typeof value === 'boolean') {
    return secrets.includes(String(value)) ? REDACTED : value;
  }
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, secrets));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubValue(item, secrets)]));
  }
  return value;
}

function scrubText(text: string, secrets: readonly string[]): string {
  let shown = text;
  for (const secret of secrets) {
    if (shown.includes(secret)) shown = shown.split(secret).join(REDACTED);
  }
  return shown;
}
