/**
 * The Plan of one capacity step: the base scenario (scenarios/capacity.yaml, or the user's file with one workload)
 * with its thresholds dropped (the SLO judges a step) and the step laid over its one workload as a given workload
 * (scenario/overrides.ts): a constant-rate run at the step's rate, duration and warmup, with the operation flags'
 * operations in place of its own when given. The override drops what a constant-rate workload does not take (a
 * `concurrent` workload's `concurrency`, `iterations`), so the step is resolved and validated like a quick run's.
 * Everything about how a step is planned sits behind `stepPlan`.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Issue } from '../input/issues.js';
import type { Env } from '../input/interpolate.js';
import { isRecord } from '../input/path.js';
import { loadPlan } from '../scenario/load.js';
import { preloadDataFiles, type DataFiles } from '../scenario/data-files.js';
import type { GivenWorkload, ScenarioOverrides } from '../scenario/overrides.js';
import { parseScenarioText } from '../scenario/parse.js';
import { resolveScenario, type ResolveResult } from '../scenario/resolve.js';

export interface StepBase {
  readonly file: string;
  readonly env: Env;
  /** The scenario as written. */
  readonly raw: Readonly<Record<string, unknown>>;
  readonly data: DataFiles;
  /** The target flags' target (overrides.target only). */
  readonly overrides: ScenarioOverrides;
  /** The operation flags' `operations:`, in place of the workload's; null: the workload's own. */
  readonly operations: readonly Readonly<Record<string, unknown>>[] | null;
}

export interface StepShape {
  readonly ratePerSec: number;
  readonly durationUs: number;
  readonly warmupUs: number;
}

export type BaseResult = { readonly ok: true; readonly base: StepBase; readonly secrets: readonly string[] } | { readonly ok: false; readonly issues: readonly Issue[]; readonly secrets?: readonly string[] };

/**
 * The base scenario, checked as written (with the target flags' target) by the loader that `run` uses, so its
 * problems read the same, with lines; then refused unless it has exactly one workload and no variants.
 */
export async function loadStepBase(file: string, env: Env, overrides: ScenarioOverrides, operations: StepBase['operations']): Promise<BaseResult> {
  const loaded = await loadPlan(file, env, overrides);
  if (!loaded.ok) return loaded;
  const parsed = parseScenarioText(file, await readFile(file, 'utf8'));
  if (!parsed.ok) return parsed;
  const raw = parsed.value;
  if (!isRecord(raw)) return { ok: false, issues: [{ file, path: '', message: 'is not a scenario mapping' }] };
  const workloads = Array.isArray(raw.workloads) ? raw.workloads : [];
  if (workloads.length !== 1) {
    const names = workloads.map((w) => (isRecord(w) && typeof w.name === 'string' ? w.name : '?')).join(', ');
    const message = `has ${workloads.length} workloads (${names}); capacity runs one workload at rising rates`;
    return { ok: false, issues: [{ file, path: 'workloads', message, hint: 'keep one workload in a copy of the file, or give the operations with --tool/--resource/--prompt' }] };
  }
  if (raw.variants !== undefined) {
    return { ok: false, issues: [{ file, path: 'variants', message: 'capacity searches one setting at a time; the file has variants:', hint: 'search each variant with a file of its own' }] };
  }
  const data = await preloadDataFiles(raw, path.dirname(path.resolve(file)));
  return { ok: true, base: { file, env, raw, data, overrides, operations }, secrets: loaded.plan.secrets ?? [] };
}

/** The Plan of one step: the base's one workload as a constant-rate run of this shape. */
export function stepPlan(base: StepBase, shape: StepShape): ResolveResult {
  const overrides: ScenarioOverrides = { ...base.overrides, workload: stepWorkload(shape, base.operations) };
  return resolveScenario(stepScenario(base.raw), { file: base.file, env: base.env, data: base.data, overrides });
}

/** The step as a given workload (pure): constant-rate at its rate, duration and warmup; the flags' operations if any. */
export function stepWorkload(shape: StepShape, operations: StepBase['operations']): GivenWorkload {
  const written = {
    type: 'constant-rate',
    rate: `${shape.ratePerSec}/s`,
    duration: `${Math.round(shape.durationUs)}us`,
    warmup: shape.warmupUs > 0 ? `${Math.round(shape.warmupUs)}us` : 0,
    ...(operations !== null && { operations }),
  };
  return { written, givenBy: ['the capacity step'] };
}

/** The scenario as written without its thresholds, nor its one workload's (pure): the SLO judges a step. */
export function stepScenario(raw: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { thresholds: _thresholds, ...scenario } = raw;
  const [workload] = raw.workloads as unknown[];
  if (!isRecord(workload)) return scenario;
  const { thresholds: _own, ...kept } = workload;
  return { ...scenario, workloads: [kept] };
}
