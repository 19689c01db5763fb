/** A workload: the fields all types share, dispatch to the type's schema, cross-field checks and resolution. */
import { z } from 'zod';
import type { Bound } from '../schedule/bound.js';
import { WHOLE_RUN } from '../schedule/shard.js';
import type { EnginePlan, WorkloadBase, WorkloadPlan, WorkloadType } from '../workloads/plan.js';
import type { TargetPlan } from '../client/targets/registry.js';
import { count, duration, field, seed, strict, text, wholeNumber } from '../input/fields.js';
import { buildMixEntries, mixEntrySchema } from '../operations/journey.js';
import { clientSchema, type RawClient } from '../client/options/schema.js';
import { mergeClient } from '../client/options/merge.js';
import { buildClient } from '../client/options/build.js';
import { buildTarget } from '../client/targets/registry.js';
import { WORKLOAD_TYPE_NAMES, findWorkloadType, workloadType, type DescriptorOf } from '../workloads/registry.js';
import { DEFAULTS } from './defaults.js';
import { warmupField } from './warmup.js';
import type { ThresholdSpec } from '../thresholds/types.js';
import { isRecord } from '../input/path.js';
import { thresholdsAsWritten, thresholdsField } from '../thresholds/field.js';
import { didYouMean, listWords, suggest } from '../input/suggest.js';
import { buildDataPlan, callColumns, dataBlockSchema, dataFilePath, type DataPlan, type RawDataBlock } from '../traffic/data-block.js';
import type { DataFiles } from './data-files.js';
import { buildTenants, tenantsField, type TenantPlan } from '../traffic/tenants.js';
import { capabilitiesField, capabilitiesPlanOf, overrideCapabilities, type CapabilitiesPlan } from '../client/session/capability-plan.js';
import { buildGroups } from '../client/options/groups.js';

const commonShape = {
  name: text('a workload name'),
  iterations: count().optional(),
  duration: duration({ positive: true }).optional(),
  warmup: warmupField().optional(),
  seed: seed().optional(),
  timeout: duration({ positive: true }).optional(),
  /** Merged over the scenario's `client:` (client/options/merge.ts). */
  client: clientSchema.optional(),
  /** What drives the load; autocannon's own rules are in engine-checks.ts. */
  engine: z.enum(['client', 'autocannon']).optional(),
  pipelining: wholeNumber({
    min: 1,
    hint: 'pipelining is how many requests autocannon sends on a connection before it waits for answers; 1 waits for each',
  }).optional(),
  /** Operations and journeys (operations/journey.ts flattens a journey into its row and its steps' rows). */
  operations: z.array(mixEntrySchema).min(1),
  /** The data file its calls take rows from (traffic/data-block.ts); the scenario's `data:` when absent. */
  data: dataBlockSchema.optional(),
  /** Thresholds on the workload's total (thresholds/field.ts); the scenario's top-level ones come first. */
  thresholds: thresholdsField().optional(),
  /** The workload's tenants, replacing the scenario's (traffic/tenants.ts); null: none. */
  tenants: tenantsField().optional(),
  /** Client capabilities over the scenario's, per key (client/session/capability-plan.ts). */
  capabilities: capabilitiesField().optional(),
};

/** The keys every workload type takes (overrides.ts keeps them when flags change a workload's type). */
export const COMMON_WORKLOAD_KEYS: readonly string[] = Object.keys(commonShape);

type CommonOutput = z.output<z.ZodObject<typeof commonShape>>;
type TypeOutput<K extends WorkloadType> = CommonOutput & { type: K } & z.output<z.ZodObject<DescriptorOf<K>['fields']>>;
export type RawWorkload = { [K in WorkloadType]: TypeOutput<K> }[WorkloadType];

const whenObject = { when: (payload: { value: unknown }) => isRecord(payload.value) };

function schemaOf(type: WorkloadType) {
  return strict({ ...commonShape, type: z.literal(type), ...workloadType(type).fields }).superRefine(checkWorkload, whenObject);
}

const TYPE_EXPECTED = `one of ${listWords(WORKLOAD_TYPE_NAMES)}`;

/** Used when `type` is missing or unknown: reports that, and still checks the common fields and operations. */
function unknownTypeSchema() {
  const typeField = field(TYPE_EXPECTED, (value) => ({
    ok: false,
    expected: TYPE_EXPECTED,
    ...(typeof value === 'string' ? { hint: didYouMean(value, WORKLOAD_TYPE_NAMES) } : {}),
  }));
  // Keys some type redefines (a ramp forbids duration) keep their common schema here.
  const extraKeys = WORKLOAD_TYPE_NAMES.flatMap((type) => Object.keys(workloadType(type).fields)).filter(
    (key) => !(key in commonShape),
  );
  const extras = Object.fromEntries(extraKeys.map((key) => [key, z.unknown().optional()]));
  return strict({ ...commonShape, ...extras, type: typeField }).superRefine(checkWorkload, whenObject);
}

const schemasByType = new Map<unknown, z.ZodType>(WORKLOAD_TYPE_NAMES.map((type) => [type, schemaOf(type)]));
const fallbackSchema = unknownTypeSchema();

/** Picks the schema by `type`, so each workload is checked against its own type's fields. */
export const workloadSchema = z.unknown().transform((value, ctx): RawWorkload => {
  if (!isRecord(value)) {
    ctx.addIssue({ code: 'invalid_type', expected: 'object', input: value, message: 'expected a workload' });
    return z.NEVER;
  }
  const schema = schemasByType.get(value.type) ?? fallbackSchema;
  const result = schema.safeParse(value, { reportInput: true });
  // The schema chosen by `type` produces exactly that type's output.
  if (result.success) return result.data as RawWorkload;
  for (const issue of result.error.issues) ctx.addIssue(issue as z.core.$ZodRawIssue);
  return z.NEVER;
});

const BOUND_KEYS = ['iterations', 'duration'];
const KNOWN_KEYS: ReadonlySet<string> = new Set([
  'type',
  ...Object.keys(commonShape),
  ...WORKLOAD_TYPE_NAMES.flatMap((type) => Object.keys(workloadType(type).fields)),
]);

function checkWorkload(value: unknown, ctx: z.core.$RefinementCtx): void {
  if (!isRecord(value)) return;
  const entry = findWorkloadType(value.type);
  // A type that sets its own length (a ramp) forbids iterations/duration in its shape instead.
  if (entry?.measure === undefined) checkBound(value, ctx);
  entry?.check?.(value, ctx);
}

/** Exactly one of iterations and duration. */
function checkBound(value: Record<string, unknown>, ctx: z.core.$RefinementCtx): void {
  const hasIterations = value.iterations !== undefined;
  const hasDuration = value.duration !== undefined;
  // A misspelt `iteratons:` is already reported as an unknown key with "did you mean"; saying the workload also
  // lacks a bound would report one mistake twice.
  const misspeltBound = Object.keys(value).some((key) => !KNOWN_KEYS.has(key) && suggest(key, BOUND_KEYS) !== undefined);
  const hint = { hint: 'iterations: 2000 runs that many calls; duration: 10s runs for that long' };
  if (hasIterations && hasDuration) {
    ctx.addIssue({ code: 'custom', message: 'a workload has either iterations or duration, not both', params: hint });
  } else if (!hasIterations && !hasDuration && !misspeltBound) {
    ctx.addIssue({ code: 'custom', message: 'a workload needs iterations or duration', params: hint });
  }
}

export interface WorkloadDefaults {
  readonly seed: number;
  /** The scenario's `timeout`, else 30 s. */
  readonly timeoutUs: number;
  /** The scenario's `client:` block, which the workload's own is merged over. */
  readonly client: RawClient | null | undefined;
  /** The scenario's target: where calls go unless the effective client block lists `endpoints`. */
  readonly target: TargetPlan;
  /** Folder relative stdio `cwd`s of endpoints are resolved against. */
  readonly baseDir: string;
  /** The scenario's `data:` block: the data of every workload without its own. */
  readonly data: RawDataBlock | undefined;
  /** The data files read before resolution (data-files.ts), by absolute path. */
  readonly dataFiles: DataFiles;
  /** The scenario's top-level thresholds: they apply to every workload's total, before the workload's own. */
  readonly thresholds: readonly ThresholdSpec[];
  /** Thresholds given outside the file (`--threshold`, ScenarioOverrides): on every workload's total, after its own. */
  readonly givenThresholds: readonly ThresholdSpec[];
  /**
   * The scenario's top-level tenants: the workload's unless it gives its own (or `tenants: null`). Built per workload:
   * a tenant's data file is resolved with the workload's seed (`dataOf`).
   */
  readonly tenants: (dataOf: (block: RawDataBlock) => DataPlan) => readonly TenantPlan[];
  /** The scenario's `capabilities:`; a workload's own replaces it key by key. */
  readonly capabilities?: CapabilitiesPlan;
}

/**
 * Resolves a validated workload (`written`: the same workload as written in the file, before `${VAR}` substitution,
 * which the workload's and operations' names are taken from, so a label never shows a value from the
 * environment). Seed, client block and per-call timeout flow down from the scenario.
 * An operation's timeout is its own `timeout`, else the effective `client.timeout` (the workload's client block over
 * the scenario's), else the workload's `timeout`, else the scenario's, else 30 s.
 * Endpoints are the effective `client.endpoints` (they win over `target`), else the scenario's target itself.
 */
export function buildWorkload(raw: RawWorkload, defaults: WorkloadDefaults, written: unknown): WorkloadPlan {
  const client = mergeClient(defaults.client, raw.client);
  const timeoutUs = client?.timeout ?? raw.timeout ?? defaults.timeoutUs;
  // TypeScript cannot pair raw.type with its own descriptor; the schema chosen by `type` guarantees the match.
  const entry = workloadType(raw.type) as unknown as {
    readonly measure?: (raw: RawWorkload) => Bound;
    readonly build: (common: WorkloadBase, raw: RawWorkload) => WorkloadPlan;
  };
  const measure: Bound =
    entry.measure?.(raw) ??
    (raw.iterations !== undefined ? { kind: 'iterations', count: raw.iterations } : { kind: 'duration', us: raw.duration ?? 0 });
  const writtenOperations = isRecord(written) && Array.isArray(written.operations) ? written.operations : [];
  const own = thresholdsAsWritten(raw.thresholds ?? [], isRecord(written) ? written.thresholds : undefined);
  const thresholds = [...defaults.thresholds, ...own, ...defaults.givenThresholds];
  const seed = raw.seed ?? defaults.seed;
  const data = workloadData(raw.data ?? defaults.data, defaults, seed);
  const routes = routesOf(raw, client, defaults, written, seed);
  const columns = callColumns(data?.columns ?? null, (routes.tenants ?? []).map((tenant) => tenant.data?.columns));
  const templating = { columns, vars: [], seed };
  const capabilities = overrideCapabilities(defaults.capabilities, raw.capabilities && capabilitiesPlanOf(raw.capabilities));
  const common: WorkloadBase = {
    name: isRecord(written) && typeof written.name === 'string' ? written.name : raw.name,
    operations: buildMixEntries(raw.operations, timeoutUs, writtenOperations, templating),
    warmup: raw.warmup?.bound ?? null,
    ...(raw.warmup?.sessions && { warmSessions: raw.warmup.sessions }),
    measure,
    seed,
    shard: WHOLE_RUN,
    client: buildClient(client),
    endpoints: client?.endpoints ? client.endpoints.map((target) => buildTarget(target, defaults.baseDir)) : [defaults.target],
    engine: buildEngine(raw),
    ...(thresholds.length > 0 ? { thresholds } : {}),
    ...(data && { data }),
    ...routes,
    ...(capabilities && { capabilities }),
  };
  return entry.build(common, raw);
}

/** data-files.ts has reported every block whose file could not be read: only read files reach here. */
function workloadData(block: RawDataBlock | undefined, defaults: WorkloadDefaults, seed: number): DataPlan | undefined {
  return block === undefined ? undefined : dataPlanOf(block, defaults, seed);
}

function dataPlanOf(block: RawDataBlock, defaults: WorkloadDefaults, seed: number): DataPlan {
  const load = defaults.dataFiles.get(dataFilePath(block, defaults.baseDir));
  if (load?.ok !== true) throw new Error(`unreachable: data file ${block.file} was checked before the plan was built`);
  return buildDataPlan(block, load.table, seed);
}

/** The workload's tenants (its own, else the scenario's) and the effective client block's endpoint groups. */
function routesOf(raw: RawWorkload, client: RawClient | null, defaults: WorkloadDefaults, written: unknown, seed: number): Pick<WorkloadBase, 'tenants' | 'groups'> {
  const dataOf = (block: RawDataBlock): DataPlan => dataPlanOf(block, defaults, seed);
  const own = raw.tenants;
  const tenants = own === undefined ? defaults.tenants(dataOf) : own === null ? [] : buildTenants(own, isRecord(written) ? written.tenants : undefined, dataOf);
  return {
    ...(tenants.length > 0 && { tenants }),
    ...(client?.groups && { groups: buildGroups(client.groups, defaults.baseDir) }),
  };
}

/** engine-checks.ts has made sure autocannon is only chosen where it can run. */
function buildEngine(raw: RawWorkload): EnginePlan {
  return raw.engine === 'autocannon' ? { kind: 'autocannon', pipelining: raw.pipelining ?? DEFAULTS.pipelining } : { kind: 'client' };
}
