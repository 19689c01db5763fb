/**
 * Scenario → Plan. Pure apart from reading the working directory when it must make a path absolute:
 * merge in what was given outside the file (overrides.ts), interpolate `${VAR}`, validate against the schema (every
 * problem at once), then apply defaults and freeze.
 */
import path from 'node:path';
import type { Plan } from './plan.js';
import { toIssue, valueProblem, type Issue, type Locate, type Problem } from '../input/issues.js';
import { interpolate, type Env } from '../input/interpolate.js';
import { nestingProblem } from '../input/nesting.js';
import { duplicateOperationNames } from '../operations/operation.js';
import { journeyProblems } from '../operations/journey-checks.js';
import { showProblems } from '../input/shown-problems.js';
import { duplicateWorkloadNames, scenarioSchema, type RawScenario } from './schema.js';
import { fromZodIssues } from '../input/zod-issues.js';
import { buildTarget } from '../client/targets/registry.js';
import { buildWorkload } from './workload.js';
import { buildTenants } from '../traffic/tenants.js';
import { capabilitiesPlanOf } from '../client/session/capability-plan.js';
import { routeProblems } from './routes-check.js';
import { redact } from '../input/redact.js';
import { scenarioSecrets } from '../input/secrets.js';
import { resolvedView } from './resolved-view.js';
import { deepFreeze } from '../input/freeze.js';
import { DEFAULTS } from './defaults.js';
import { scenarioClientProblems } from '../client/options/checks.js';
import { scenarioEngineProblems } from './engine-checks.js';
import { sessionChurnInheritedProblems } from './session-churn-checks.js';
import { buildVariants, variantProblems } from './variants.js';
import { thresholdsAsWritten } from '../thresholds/field.js';
import { inDocumentOrder, isRecord, PathSet, type Segment } from '../input/path.js';
import { blameGiven, givenWorkloadProblems, withOverrides, type ScenarioOverrides } from './overrides.js';
import { shardPlan, UNSHARDED } from './shard-plan.js';
import { dataFileProblems, templateProblems, type DataFiles } from './data-files.js';

export interface ResolveContext {
  /** The scenario file as the user named it (shown in issues), or null for an in-memory scenario. */
  readonly file: string | null;
  readonly env: Env;
  /** Folder a relative stdio `cwd` is resolved against; default: the file's folder, else the working directory. */
  readonly baseDir?: string;
  /** Gives the line and column of a path in the source text; load.ts supplies it. */
  readonly locate?: Locate;
  /** Settings given outside the file (the CLI's target flags and `--threshold`), validated with it. */
  readonly overrides?: ScenarioOverrides;
  /** The data files the scenario names, read beforehand (data-files.ts: preloadDataFiles; loadPlan does it). */
  readonly data?: DataFiles;
}

/**
 * A failure carries the secrets found as far as the scenario was read (secrets.ts), so whoever prints its issues can
 * mask them too; absent when it could not be read that far.
 */
export type ResolveResult =
  | { readonly ok: true; readonly plan: Plan }
  | { readonly ok: false; readonly issues: Issue[]; readonly secrets?: readonly string[] };

/**
 * Validates a parsed scenario (`raw` as written, before `${VAR}` substitution) with the context's overrides laid over
 * it, and resolves it into a frozen Plan.
 */
export function resolveScenario(raw: unknown, context: ResolveContext): ResolveResult {
  const refused = givenWorkloadProblems(raw, context.overrides, context.file);
  if (refused.length > 0) return { ok: false, issues: refused.map((problem) => toIssue(problem, context.file, context.locate)) };
  const written = withOverrides(raw, context.overrides);
  const files = { files: context.data, baseDir: baseDirOf(context) };
  const checked = check(written, context.env, files);
  if (checked.scenario === undefined) {
    const checkWith = (overrides: ScenarioOverrides | undefined): Problem[] => check(withOverrides(raw, overrides), context.env, files).problems;
    const problems = blameGiven(checked.problems, checkWith, context.overrides);
    const issues = inDocumentOrder(written, problems).map((problem) => toIssue(problem, context.file, context.locate));
    return { ok: false, issues, ...(checked.secrets && { secrets: checked.secrets }) };
  }
  const whole = buildPlan(checked.scenario, written, context, checked.substituted ?? []);
  const plan = shardPlan(whole, context.overrides?.sharding ?? UNSHARDED);
  return { ok: true, plan: deepFreeze({ ...plan, secrets: checked.secrets ?? [] }) };
}

type Substituted = readonly (readonly Segment[])[];

interface Checked {
  readonly scenario?: RawScenario;
  readonly problems: Problem[];
  readonly substituted?: Substituted;
  readonly secrets?: readonly string[];
}

/** The folder relative paths (stdio `cwd`s, data files) are resolved against. */
function baseDirOf(context: ResolveContext): string {
  return context.baseDir ?? (context.file === null ? process.cwd() : path.dirname(path.resolve(context.file)));
}

function check(raw: unknown, env: Env, data: { readonly files: DataFiles | undefined; readonly baseDir: string }): Checked {
  if (raw === null || raw === undefined) {
    return { problems: [{ segments: [], message: 'the scenario is empty', hint: 'start from a shipped scenario: mcp-bench scenarios lists them (mcp-bench run quickstart runs one)' }] };
  }
  if (!isRecord(raw)) return { problems: [valueProblem([], 'a mapping with name, target and workloads', raw)] };
  // Every walk below recurses once per level: a value nested thousands deep (YAML aliases can build one) is refused.
  const deep = nestingProblem(raw);
  if (deep !== undefined) return { problems: [deep] };
  const interpolated = interpolate(raw, env);
  const parsed = scenarioSchema.safeParse(interpolated.value, { reportInput: true });
  // A value whose variable is unset was left as written; checking it as well would only repeat the same problem.
  const unresolved = new PathSet(interpolated.problems.map((problem) => problem.segments));
  const schemaProblems = [
    ...(parsed.success ? [] : fromZodIssues(parsed.error.issues)),
    // Names label the report as written (a name never shows a value from the environment), so they must differ there.
    ...duplicateWorkloadNames(raw),
    ...duplicateOperationNames(raw),
    ...journeyProblems(raw),
    ...scenarioClientProblems(interpolated.value),
    ...routeProblems(interpolated.value),
    ...scenarioEngineProblems(interpolated.value),
    ...sessionChurnInheritedProblems(interpolated.value),
    ...dataFileProblems(raw, data.files, data.baseDir),
    ...templateProblems(interpolated.value, data.files, data.baseDir),
    ...variantProblems(raw, env, scenarioSchema),
  ];
  const checked = schemaProblems.filter((problem) => !unresolved.covers(problem.segments));
  let redacted: unknown;
  const versions = {
    written: raw,
    // Only a problem that quotes a value needs it: a file of 80,000 duplicate names is not redacted whole for nothing.
    get redacted(): unknown {
      return (redacted ??= redact(raw));
    },
    interpolated: interpolated.value,
    substituted: interpolated.substituted,
  };
  const problems = [...interpolated.problems, ...showProblems(checked, versions)];
  const secrets = scenarioSecrets(raw, interpolated.value, env);
  return parsed.success && problems.length === 0
    ? { scenario: parsed.data, problems, substituted: interpolated.substituted, secrets }
    : { problems, secrets };
}

function buildPlan(scenario: RawScenario, raw: unknown, context: ResolveContext, substituted: Substituted): Plan {
  const sourceFile = context.file === null ? null : path.resolve(context.file);
  const baseDir = baseDirOf(context);
  const seed = scenario.seed ?? DEFAULTS.seed;
  const timeoutUs = scenario.timeout ?? DEFAULTS.timeoutUs;
  const target = buildTarget(scenario.target, baseDir);
  const defaults = {
    timeoutUs,
    client: scenario.client,
    target,
    baseDir,
    data: scenario.data,
    dataFiles: context.data ?? new Map(),
    thresholds: thresholdsAsWritten(scenario.thresholds ?? [], isRecord(raw) ? raw.thresholds : undefined),
    givenThresholds: context.overrides?.thresholds ?? [],
    ...(scenario.capabilities && { capabilities: capabilitiesPlanOf(scenario.capabilities) }),
    tenants: (dataOf: Parameters<typeof buildTenants>[2]) => buildTenants(scenario.tenants ?? [], isRecord(raw) ? raw.tenants : undefined, dataOf),
  };
  const resolved = {
    // As written, like workload and operation names: the name titles every report, so never a value from ${VAR}.
    name: isRecord(raw) && typeof raw.name === 'string' ? raw.name : scenario.name,
    target,
    workloads: scenario.workloads.map((workload, index) =>
      buildWorkload(workload, { ...defaults, seed: seed + index }, isRecord(raw) && Array.isArray(raw.workloads) ? raw.workloads[index] : undefined),
    ),
  };
  const redacted = redact(raw);
  const shown = resolvedView(resolved, { written: raw, redacted, substituted });
  const plan = { ...resolved, sourceFile, redacted, resolvedRedacted: shown.view, targetLabel: shown.targetLabel };
  const build = (overlaid: RawScenario, written: unknown, paths: Substituted): Plan => buildPlan(overlaid, written, context, paths);
  return { ...plan, ...buildVariants(scenario, raw, { env: context.env, schema: scenarioSchema, build }) };
}
