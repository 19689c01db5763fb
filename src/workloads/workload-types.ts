/**
 * The workload types a scenario may use: each entry lists the fields only that type has and how it resolves.
 * Adding a type is one entry here (plus its member of WorkloadPlan in plan.ts and an executor in the runner).
 */
import type { z } from 'zod';
import type { Bound } from '../schedule/bound.js';
import type { EnginePlan, WorkloadBase, WorkloadPlan, WorkloadType } from './plan.js';
import { count, forbidden, rate, wholeNumber } from '../input/fields.js';
import { checkRamp, lengthFromStages, stageList, stagesLength, toRampStages } from './stages.js';
import { WORKLOAD_DEFAULTS, defaultMaxInFlight } from './defaults.js';

/** What every workload type shares once resolved (plan.ts's WorkloadBase). */
export type WorkloadCommon = WorkloadBase;

export type EngineKind = EnginePlan['kind'];

interface WorkloadTypeEntry<S extends z.ZodRawShape, P extends WorkloadPlan> {
  /** Fields of this type beyond the common ones (name, iterations/duration, warmup, seed, timeout, engine, …). */
  readonly shape: S;
  /** The engines that can drive this type (engine-checks.ts reports any other). */
  readonly engines: readonly EngineKind[];
  /**
   * For a type whose own fields set its length (a ramp: its stages), the measured phase; such a type forbids
   * iterations/duration in its shape. Other types are measured by the common iterations or duration.
   */
  readonly measure?: (raw: z.output<z.ZodObject<S>>) => Bound;
  /** Rules across this type's fields, given the parsed fields (an invalid one is not its resolved value: skip it). */
  readonly check?: (value: Record<string, unknown>, ctx: z.core.$RefinementCtx) => void;
  readonly build: (common: WorkloadCommon, raw: z.output<z.ZodObject<S>>) => P;
}

const define = <S extends z.ZodRawShape, P extends WorkloadPlan>(entry: WorkloadTypeEntry<S, P>) => entry;

const OPEN_MODEL_HINT = 'open-model workloads start calls on a clock; limit calls in flight with maxInFlight';

/** An open-model workload's cap on calls in flight; see WORKLOAD_DEFAULTS.maxInFlight for the default. */
const maxInFlight = () =>
  count({ hint: 'maxInFlight caps the calls in flight; an arrival beyond it is dropped and counted' }).optional();

const RATE_STAGE = '{ target: 100/s, duration: 10s }';
const CONCURRENCY_STAGE = '{ target: 32, duration: 10s }';

export const WORKLOAD_TYPES = {
  sequential: define({
    shape: {
      concurrency: forbidden('a sequential workload has no concurrency', 'sequential runs one call at a time; use type: concurrent'),
    },
    engines: ['client'],
    build: (common) => ({ ...common, type: 'sequential' }),
  }),
  concurrent: define({
    shape: { concurrency: count() },
    engines: ['client', 'autocannon'],
    build: (common, raw) => ({ ...common, type: 'concurrent', concurrency: raw.concurrency }),
  }),
  'constant-rate': define({
    shape: {
      rate: rate(),
      maxInFlight: maxInFlight(),
      concurrency: forbidden('a constant-rate workload has no concurrency', OPEN_MODEL_HINT),
    },
    engines: ['client', 'autocannon'],
    build: (common, raw) => ({
      ...common,
      type: 'constant-rate',
      ratePerSec: raw.rate,
      maxInFlight: raw.maxInFlight ?? defaultMaxInFlight(raw.rate),
    }),
  }),
  'ramping-rate': define({
    shape: {
      startRate: rate({ allowZero: true }).optional(),
      stages: stageList(rate({ allowZero: true }), RATE_STAGE),
      maxInFlight: maxInFlight(),
      ...lengthFromStages(RATE_STAGE),
      rate: forbidden('a ramping-rate workload has no single rate', 'its rate starts at startRate and follows the stages'),
      concurrency: forbidden('a ramping-rate workload has no concurrency', OPEN_MODEL_HINT),
    },
    engines: ['client'],
    measure: (raw) => stagesLength(raw.stages),
    check: checkRamp({
      startKey: 'startRate',
      startDefault: WORKLOAD_DEFAULTS.startRatePerSec,
      zero: '0/s',
      startExample: 'startRate: 10/s',
      stageExample: RATE_STAGE,
    }),
    build: (common, raw) => {
      const startRatePerSec = raw.startRate ?? WORKLOAD_DEFAULTS.startRatePerSec;
      const peak = Math.max(startRatePerSec, ...raw.stages.map((stage) => stage.target));
      return {
        ...common,
        type: 'ramping-rate',
        startRatePerSec,
        stages: toRampStages(raw.stages),
        maxInFlight: raw.maxInFlight ?? defaultMaxInFlight(peak),
      };
    },
  }),
  'ramping-concurrency': define({
    shape: {
      startConcurrency: wholeNumber({ min: 0, hint: 'startConcurrency is how many calls are in flight before the first stage' }).optional(),
      stages: stageList(wholeNumber({ min: 0, hint: 'a target is a number of calls in flight; 0 stops them all' }), CONCURRENCY_STAGE),
      ...lengthFromStages(CONCURRENCY_STAGE),
      concurrency: forbidden(
        'a ramping-concurrency workload has no single concurrency',
        'calls in flight start at startConcurrency and follow the stages',
      ),
    },
    engines: ['client'],
    measure: (raw) => stagesLength(raw.stages),
    check: checkRamp({
      startKey: 'startConcurrency',
      startDefault: WORKLOAD_DEFAULTS.startConcurrency,
      zero: '0',
      startExample: 'startConcurrency: 1',
      stageExample: CONCURRENCY_STAGE,
    }),
    build: (common, raw) => ({
      ...common,
      type: 'ramping-concurrency',
      startConcurrency: raw.startConcurrency ?? WORKLOAD_DEFAULTS.startConcurrency,
      stages: toRampStages(raw.stages),
    }),
  }),
} satisfies { readonly [K in WorkloadType]: { readonly build: (common: WorkloadCommon, raw: never) => Extract<WorkloadPlan, { type: K }> } };

export type WorkloadTypes = typeof WORKLOAD_TYPES;
export const WORKLOAD_TYPE_NAMES = Object.keys(WORKLOAD_TYPES) as WorkloadType[];

/** The entry of a type as written in a file, if it names one. */
export function workloadTypeEntry(type: unknown): WorkloadTypeEntry<z.ZodRawShape, WorkloadPlan> | undefined {
  const known = WORKLOAD_TYPE_NAMES.find((name) => name === type);
  // Each entry is a WorkloadTypeEntry of its own shape; callers only read its shape-independent parts.
  return known === undefined ? undefined : (WORKLOAD_TYPES[known] as unknown as WorkloadTypeEntry<z.ZodRawShape, WorkloadPlan>);
}
