/**
 * `variants:` and `compare:` — the same workloads under other settings, run side by side in interleaved rounds.
 *
 * A variant is an overlay on the scenario as written: its `client` merged over the top-level client block (the rules
 * of client/options/merge.ts, applied to the blocks as written), its `target` in place of the target, its `workload` settings
 * laid over every workload (setting `iterations` or `duration` replaces the other). Each overlaid scenario is then
 * checked and built by the very code that checks and builds the scenario itself, so a variant can be nothing the file
 * could not be. A problem only the overlay has is reported at the variant's own field (`variants[1].workload.
 * concurrency`); one that comes from how the overlay meets the rest is reported at the nearest field the variant has,
 * with the overlaid path in the message (`variants[1].workload: workloads[0].concurrency: required field is missing`).
 *
 * schema.ts imports this module for its two fields, so the scenario schema (and resolve.ts's plan building) come in
 * as parameters: importing them here would make an import cycle.
 */
import { z } from 'zod';
import type { Plan, VariantPlan } from './plan.js';
import type { RawScenario } from './schema.js';
import { renderValue, type Problem } from '../input/issues.js';
import { field, strict, text } from '../input/fields.js';
import { interpolate, type Env } from '../input/interpolate.js';
import { redact } from '../input/redact.js';
import { showProblems } from '../input/shown-problems.js';
import { fromZodIssues } from '../input/zod-issues.js';
import { scenarioClientProblems } from '../client/options/checks.js';
import { scenarioEngineProblems } from './engine-checks.js';
import { isLayer } from '../client/options/merge.js';
import { formatPath, isRecord, PathSet, valueAt, type Segment } from '../input/path.js';

/** Rounds per variant when `compare:` does not say. */
export const DEFAULT_ROUNDS = 3;
const MAX_ROUNDS = 100;

/** What identifies a workload cannot vary: figures are compared per workload and per operation. */
const FIXED_WORKLOAD_KEYS: Readonly<Record<string, string>> = {
  name: 'workload names label the comparison, so every variant runs the same workloads',
  operations: 'operations are compared one by one, so every variant sends the same ones; vary settings, not calls',
  data: 'operations are compared one by one, so every variant reads the same data file',
};

const OVERLAY_EXPECTED = 'a mapping of workload settings laid over every workload, e.g. { concurrency: 32 }';

/** A variant's `workload:` — any workload setting (checked once laid over the workloads) but its identity. */
function workloadOverlay() {
  return z.unknown().superRefine((value, ctx) => {
    if (!isRecord(value)) {
      const got = renderValue(value);
      ctx.addIssue({ code: 'custom', message: `expected ${OVERLAY_EXPECTED}; got ${got}`, input: value, params: { expected: OVERLAY_EXPECTED, got } });
      return;
    }
    for (const [key, hint] of Object.entries(FIXED_WORKLOAD_KEYS)) {
      if (value[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: `a variant cannot change a workload's ${key}`, params: { hint } });
    }
  });
}

/** `client` and `target` are checked once laid over the scenario, where they are reported at the variant's paths. */
export const variantsField = () =>
  z.array(strict({ name: text('a variant name'), client: z.unknown().optional(), target: z.unknown().optional(), workload: workloadOverlay().optional() }));

const ROUNDS_EXPECTED = `a whole number from 1 to ${MAX_ROUNDS}`;

export const compareField = () =>
  strict({
    rounds: field(ROUNDS_EXPECTED, (value) =>
      typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_ROUNDS
        ? { ok: true, value }
        : { ok: false, expected: ROUNDS_EXPECTED, hint: 'rounds run every variant once each, interleaved (A B A B …); 3 to 10 is usual' },
    ).optional(),
  });

/** The schema a whole scenario is checked with (schema.ts's scenarioSchema, passed in by resolve.ts). */
export type ScenarioSchema = z.ZodType<RawScenario, unknown>;

/**
 * Problems only visible across fields or once a variant is laid over the scenario: `compare` without `variants`,
 * fewer than two variants, duplicate names (as written), and every problem an overlaid scenario has that the
 * scenario itself does not.
 */
export function variantProblems(written: unknown, env: Env, schema: ScenarioSchema): Problem[] {
  if (!isRecord(written)) return [];
  const problems: Problem[] = [];
  if (written.compare !== undefined && written.variants === undefined) {
    problems.push({
      segments: ['compare'],
      message: 'compare applies to variants, and this scenario has none',
      hint: 'add variants: [{ name: a, … }, { name: b, … }], or remove compare',
    });
  }
  const variants = written.variants;
  if (!Array.isArray(variants)) return problems;
  if (variants.length < 2) {
    problems.push({
      segments: ['variants'],
      message: `expected at least 2 variants; got ${variants.length}`,
      hint:
        'the first variant is the reference the others are compared with, ' +
        'e.g. variants: [{ name: no-cache, client: { cache: null } }, { name: cache, client: { cache: true } }]',
    });
  }
  problems.push(...duplicateNames(variants));
  const base = new Set(overlaidProblems(withoutVariants(written), env, schema).problems.map(keyOf));
  variants.forEach((variant: unknown, index) => {
    if (isRecord(variant)) problems.push(...problemsOfVariant(written, variant, index, env, schema, base));
  });
  return problems;
}

/** Variant names label the comparison as written (never with a value from the environment), so they must differ. */
function duplicateNames(variants: readonly unknown[]): Problem[] {
  const first = new Map<string, number>();
  return variants.flatMap((variant, index): Problem[] => {
    if (!isRecord(variant) || typeof variant.name !== 'string') return [];
    const earlier = first.get(variant.name);
    if (earlier === undefined) {
      first.set(variant.name, index);
      return [];
    }
    const message = `variants[${earlier}] is also named "${variant.name}"`;
    return [{ segments: ['variants', index, 'name'], message, hint: 'variant names label the comparison; give each its own' }];
  });
}

function problemsOfVariant(
  written: Record<string, unknown>,
  variant: Record<string, unknown>,
  index: number,
  env: Env,
  schema: ScenarioSchema,
  base: ReadonlySet<string>,
): Problem[] {
  const checked = overlaidProblems(overlay(written, variant), env, schema);
  const own = checked.problems.filter((problem) => !base.has(keyOf(problem)));
  // Values are quoted as the overlaid scenario's redaction allows, before the problems move to the variant's paths.
  const shown = showProblems(own, checked.versions);
  const variantValue = valueAt(interpolate(written, env).value, ['variants', index]);
  const mapped = shown.map((problem) => atVariant(problem, index, variantValue, checked.versions.interpolated));
  return mapped.filter((problem, position) => mapped.findIndex((other) => keyOf(other) === keyOf(problem)) === position);
}

/** The checks resolve.ts runs, on one scenario as written; problems under an unset `${VAR}` are left out. */
function overlaidProblems(written: Record<string, unknown>, env: Env, schema: ScenarioSchema) {
  const interpolated = interpolate(written, env);
  const parsed = schema.safeParse(interpolated.value, { reportInput: true });
  const all = [
    ...(parsed.success ? [] : fromZodIssues(parsed.error.issues)),
    ...scenarioClientProblems(interpolated.value),
    ...scenarioEngineProblems(interpolated.value),
  ];
  const unresolved = new PathSet(interpolated.problems.map((problem) => problem.segments));
  const problems = all.filter((problem) => !unresolved.covers(problem.segments));
  const versions = { written, redacted: redact(written), interpolated: interpolated.value, substituted: interpolated.substituted };
  return { problems, versions };
}

/**
 * A problem of the overlaid scenario, moved to the variant. At the variant's own field when the value there is what
 * was checked; otherwise at the nearest field the variant has, naming the overlaid path, without a `got` (the value
 * quoted in the message is not the one at the variant's path, which the later redaction pass would look at).
 */
function atVariant(problem: Problem, index: number, variant: unknown, overlaid: unknown): Problem {
  const local = localPath(problem.segments);
  const at: Segment[] = ['variants', index];
  const mine = local === undefined ? undefined : valueAt(variant, local);
  if (local !== undefined && mine !== undefined && sameValue(mine, valueAt(overlaid, problem.segments))) {
    return { ...problem, segments: [...at, ...local] };
  }
  const { got: _quoted, ...rest } = problem;
  const where = problem.segments.length === 0 ? '' : `${formatPath(problem.segments)}: `;
  return { ...rest, segments: [...at, ...nearest(variant, local ?? [])], message: `${where}${problem.message}` };
}

/** Where a path of the overlaid scenario would be written in the variant (`workloads[2].x` → `workload.x`). */
function localPath(segments: readonly Segment[]): Segment[] | undefined {
  const [first, second, ...rest] = segments;
  if (first === 'target' || first === 'client') return segments.slice() as Segment[];
  if (first === 'workloads' && typeof second === 'number') return ['workload', ...rest];
  return undefined;
}

function nearest(root: unknown, segments: readonly Segment[]): Segment[] {
  for (let length = segments.length; length > 0; length--) {
    if (valueAt(root, segments.slice(0, length)) !== undefined) return segments.slice(0, length);
  }
  return [];
}

const sameValue = (a: unknown, b: unknown): boolean => a === b || JSON.stringify(a) === JSON.stringify(b);

const keyOf = (problem: Problem): string => `${formatPath(problem.segments)}\u0000${problem.message}`;

function withoutVariants(scenario: Record<string, unknown>): Record<string, unknown> {
  const { variants: _variants, compare: _compare, ...rest } = scenario;
  return rest;
}

/** The scenario as written with one variant laid over it (and no `variants`/`compare` of its own). */
export function overlay(scenario: Record<string, unknown>, variant: Record<string, unknown>): Record<string, unknown> {
  const overlaid = withoutVariants(scenario);
  if (variant.target !== undefined) overlaid.target = variant.target;
  if (variant.client !== undefined) overlaid.client = mergeWritten(overlaid.client, variant.client);
  const settings = variant.workload;
  if (isRecord(settings) && Array.isArray(overlaid.workloads)) {
    overlaid.workloads = overlaid.workloads.map((workload: unknown) => (isRecord(workload) ? overlayWorkload(workload, settings) : workload));
  }
  return overlaid;
}

function overlayWorkload(workload: Record<string, unknown>, settings: Record<string, unknown>): Record<string, unknown> {
  // A variant's bound replaces the workload's, whichever kind each is.
  const { iterations: _iterations, duration: _duration, ...unbounded } = workload;
  const result = settings.iterations !== undefined || settings.duration !== undefined ? unbounded : { ...workload };
  for (const [key, value] of Object.entries(settings)) {
    if (value === undefined || key in FIXED_WORKLOAD_KEYS) continue;
    result[key] = key === 'client' ? mergeWritten(workload.client, value) : value;
  }
  return result;
}

/**
 * client/options/merge.ts's rule on blocks as written (before validation, where `true` is `{}` and `false`/`null` is none):
 * layers merge key by key, anything else replaces. A value that is no block at all is kept for the schema to report.
 */
function mergeWritten(under: unknown, over: unknown): unknown {
  const block = over === true ? {} : over;
  if (!isRecord(block)) return over;
  const base = isRecord(under) ? under : {};
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(block)) {
    if (value !== undefined) merged[key] = isLayer(key) ? mergeLayerWritten(base[key], value) : value;
  }
  return merged;
}

function mergeLayerWritten(under: unknown, over: unknown): unknown {
  if (over === true) return isRecord(under) ? under : over;
  return isRecord(over) && isRecord(under) ? { ...under, ...over } : over;
}

export interface VariantBuild {
  readonly env: Env;
  readonly schema: ScenarioSchema;
  /** resolve.ts's plan building, run on each overlaid scenario (validated, as written, and its substituted paths). */
  readonly build: (scenario: RawScenario, written: unknown, substituted: readonly (readonly Segment[])[]) => Plan;
}

/** The plan's `variants` and `compare` (nothing when the scenario has no variants); `written` has passed every check. */
export function buildVariants(scenario: RawScenario, written: unknown, options: VariantBuild): Pick<Plan, 'variants' | 'compare'> {
  if (scenario.variants === undefined || !isRecord(written) || !Array.isArray(written.variants)) return {};
  const variants = written.variants.map((variant: unknown, index): VariantPlan => {
    const raw = isRecord(variant) ? variant : {};
    const overlaid = overlay(written, raw);
    const interpolated = interpolate(overlaid, options.env);
    const parsed = options.schema.safeParse(interpolated.value);
    if (!parsed.success) throw new Error(`variants[${index}] passed its checks but not the schema`);
    const plan = options.build(parsed.data, overlaid, interpolated.substituted);
    // The name as written: a label never shows a value from the environment.
    const name = typeof raw.name === 'string' ? raw.name : (scenario.variants?.[index]?.name ?? `variant-${index + 1}`);
    return { name, target: plan.target, targetLabel: plan.targetLabel, workloads: plan.workloads };
  });
  return { variants, compare: { rounds: scenario.compare?.rounds ?? DEFAULT_ROUNDS } };
}
