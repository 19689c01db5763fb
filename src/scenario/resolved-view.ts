/**
 * Builds Plan.resolvedRedacted: the resolved plan (defaults applied, units in µs) as a report may show it. Header and
 * stdio env values (of the target and of every workload's endpoints) are always hidden, URL credentials and
 * secret-looking query parameters too, and every text that came from a `${VAR}` substitution is replaced wherever it
 * ended up — so the effective settings are visible, and a value from the environment never is.
 */
import type { Plan, TargetPlan } from './plan.js';
import { hideInUrls, REDACTED } from './redact.js';

const MAX_LABEL = 100;

/**
 * Substituted texts shorter than this are left alone: they cannot be secrets, and scrubbing every "80" or "x"
 * would garble unrelated text. (Header and env values are hidden whatever their length.)
 */
const MIN_SECRET_LENGTH = 4;

export function resolvedView(
  plan: Pick<Plan, 'name' | 'target' | 'workloads'>,
  substituted: readonly string[],
): { readonly view: unknown; readonly targetLabel: string } {
  const secrets = substituted.filter((text) => text.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
  const target = scrubValue(showTarget(plan.target), secrets) as TargetPlan;
  const workloads = plan.workloads.map((workload) => ({ ...workload, endpoints: workload.endpoints.map(showTarget) }));
  const view = { name: plan.name, target, workloads: scrubValue(workloads, secrets) };
  return { view, targetLabel: targetLabel(target) };
}

/** One line naming the target for people, from an already redacted target. */
export function targetLabel(shown: TargetPlan): string {
  switch (shown.kind) {
    case 'builtin':
      return `built-in reference server over ${shown.transport}`;
    case 'stdio': {
      const line = [shown.command, ...shown.args].map((word) => (/[\s"']/.test(word) ? JSON.stringify(word) : word)).join(' ');
      return `stdio: ${line.length > MAX_LABEL ? `${line.slice(0, MAX_LABEL - 1)}…` : line}`;
    }
    case 'http':
    case 'sse':
      return `${shown.kind === 'http' ? 'Streamable HTTP' : 'legacy SSE'}: ${shown.url}`;
  }
}

/** A target with its header and env values hidden and its URL's credentials removed. */
export function showTarget(target: TargetPlan): TargetPlan {
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
