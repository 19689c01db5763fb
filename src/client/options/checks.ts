/**
 * Rules on a client layer's merged settings (a workload's block over the scenario's, defaults under both), as each
 * layer declares them (`max` not below `base`, a cache that caches something, a rate limit's `rate`, …).
 * The schema checks each field where it is written; these need the settings as they will apply, so they run on the
 * input beside the schema (like duplicateWorkloadNames), reading each field with its own schema. A field that is
 * invalid is reported by the schema, and every rule reading it is skipped rather than judged on a guess.
 *
 * Each problem is reported once, where it can be fixed: at the scenario's block, or at a workload's block when the
 * workload sets one of the fields the rule reads (or switches on a layer the scenario does not have).
 */
import type { z } from 'zod';
import type { Problem } from '../../input/issues.js';
import { isRecord, type Segment } from '../../input/path.js';
import { declarationOf, LAYER_KEYS, LAYER_LIST, type LayerKey } from '../layers/registry.js';
import type { LayerRule } from '../layers/declaration.js';
import type { RawClient } from './schema.js';
import { mergeClient } from './merge.js';
import { poolProblems } from '../pool/checks.js';

type Settings = Readonly<Record<string, unknown>>;

/** A layer's rule (its declaration's `rules`), with the layer it belongs to. */
interface Rule extends LayerRule {
  readonly layer: LayerKey;
}

/** Stands for a field (or layer) whose value is invalid: the schema reports it, and rules reading it are skipped. */
const INVALID = Symbol('invalid');

const RULES: readonly Rule[] = LAYER_LIST.flatMap((declaration) =>
  (declaration.rules ?? []).map((rule) => ({ ...rule, layer: declaration.key as LayerKey })),
);

/** Problems of a scenario's client blocks: the top-level one, then each workload's merged over it. */
export function scenarioClientProblems(scenario: unknown): Problem[] {
  if (!isRecord(scenario)) return [];
  const top = readBlock(scenario.client);
  const problems = [...blockProblems(['client'], top, undefined), ...poolProblems(['client'], scenario.client, undefined)];
  if (!Array.isArray(scenario.workloads)) return problems;
  scenario.workloads.forEach((workload: unknown, index) => {
    if (!isRecord(workload) || workload.client === undefined) return;
    const at = ['workloads', index, 'client'];
    problems.push(...blockProblems(at, readBlock(workload.client), top), ...poolProblems(at, workload.client, scenario.client));
  });
  return problems;
}

/** Problems of one block on its own (the library's client options). */
export function clientProblems(block: unknown, at: readonly Segment[] = []): Problem[] {
  return [...blockProblems(at, readBlock(block), undefined), ...poolProblems(at, block, undefined)];
}

/** `own` at `at`, merged over `inherited` (the scenario's block) when it belongs to a workload. */
function blockProblems(at: readonly Segment[], own: RawClient | null | undefined, inherited: RawClient | null | undefined): Problem[] {
  if (own === null || own === undefined) return [];
  const effective = mergeClient(inherited, own) as Record<string, unknown>;
  const problems: Problem[] = [];
  for (const rule of RULES) {
    const settings = effective[rule.layer];
    const ownLayer: unknown = own[rule.layer];
    if (!isRecord(settings) || ownLayer === undefined) continue;
    const inheritedLayer: unknown = inherited?.[rule.layer];
    // With the scenario's own layer in force, a rule on fields the workload does not set was judged there already.
    const judgedAbove = isRecord(inheritedLayer) && isRecord(ownLayer) && !rule.fields.some((name) => name in ownLayer);
    if (judgedAbove) continue;
    const merged: Settings = { ...layerDefaults(rule.layer), ...settings };
    if (rule.fields.some((name) => merged[name] === INVALID)) continue;
    const problem = rule.check(merged);
    if (problem) problems.push({ segments: [...at, rule.layer, ...(rule.at ? [rule.at] : [])], ...problem });
  }
  return problems;
}

function layerDefaults(layer: LayerKey): Settings {
  return declarationOf(layer).defaults as Settings;
}

/**
 * A block as written, read field by field: valid fields resolved, invalid ones INVALID, unknown keys dropped.
 * `false`/`null` is null and `true` is `{}`, as in the schema. Only layers are read (no rule looks at anything else);
 * the result is shaped like a RawClient so mergeClient combines it, but may hold INVALID where a value is expected.
 */
function readBlock(raw: unknown): RawClient | null | undefined {
  if (raw === undefined) return undefined;
  if (raw === null || raw === false) return null;
  if (raw === true) return {};
  if (!isRecord(raw)) return undefined;
  const block: Record<string, unknown> = {};
  for (const name of LAYER_KEYS) {
    const value = raw[name];
    if (value === undefined) continue;
    block[name] = value === true ? {} : value === false || value === null ? null : readLayer(name, value);
  }
  return block as RawClient;
}

function readLayer(name: LayerKey, raw: unknown): Settings | typeof INVALID {
  if (!isRecord(raw)) return INVALID;
  const shape = declarationOf(name).options as Readonly<Record<string, z.ZodType>>;
  const settings: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(shape)) {
    if (raw[key] === undefined) continue;
    const parsed = schema.safeParse(raw[key]);
    settings[key] = parsed.success ? parsed.data : INVALID;
  }
  return settings;
}
