/**
 * What the ramping workload types share: the `stages` list, the fields that stand in for iterations/duration, and
 * the rules on a ramp as a whole (it must start some calls; warmup needs a start above 0).
 */
import { z } from 'zod';
import type { Bound, RampStage } from '../schedule/bound.js';
import { duration, forbidden, strict } from '../input/fields.js';
import { renderValue } from '../input/issues.js';
import { isRecord } from '../input/path.js';

const STAGE_DURATION_HINT = 'a stage moves to its target over its duration; for a quick step write a short one, like 100ms';

export interface RawStage {
  readonly target: number;
  readonly duration: number;
}

/** A non-empty list of `{ target, duration }`; each duration > 0. `example` is one stage as written in a file. */
export function stageList(target: z.ZodType<number>, example: string) {
  const list = z.array(strict({ target, duration: duration({ positive: true, zeroHint: STAGE_DURATION_HINT }) }));
  const expected = `a list of stages, each like ${example}`;
  const hint = `e.g. stages: [${example}]`;
  return z.unknown().transform((value, ctx): RawStage[] => {
    if (!Array.isArray(value) || value.length === 0) {
      const got = value === undefined ? undefined : renderValue(value);
      const message =
        got === undefined ? `required field is missing; expected ${expected}` : `expected ${expected}; got ${got}`;
      ctx.addIssue({ code: 'custom', message, input: value, params: { expected, ...(got ? { got } : {}), hint } });
      return z.NEVER;
    }
    const result = list.safeParse(value, { reportInput: true });
    if (result.success) return result.data;
    for (const issue of result.error.issues) ctx.addIssue(issue as z.core.$ZodRawIssue);
    return z.NEVER;
  });
}

/** `iterations` and `duration` on a ramp: the stages set its length. */
export function lengthFromStages(example: string) {
  const hint = `the stages set the length; remove it, or add a stage that holds the last target, like ${example}`;
  return {
    iterations: forbidden('a ramping workload runs through its stages, not a number of iterations', hint),
    duration: forbidden('a ramping workload runs through its stages, not for a duration', hint),
  };
}

export const toRampStages = (stages: readonly RawStage[]): RampStage[] =>
  stages.map((stage) => ({ target: stage.target, durationUs: stage.duration }));

/** The measured phase of a ramp: the stages' total duration. */
export const stagesLength = (stages: readonly RawStage[]): Bound => ({
  kind: 'duration',
  us: stages.reduce((total, stage) => total + stage.duration, 0),
});

interface RampWords {
  /** The start field's key, e.g. `startRate`. */
  readonly startKey: string;
  /** Its default, when the key is left out. */
  readonly startDefault: number;
  /** How the start reads in messages: `0/s`, `0`. */
  readonly zero: string;
  /** An example start above 0, as written in a file: `startRate: 10/s`. */
  readonly startExample: string;
  /** An example stage with a target above 0. */
  readonly stageExample: string;
}

/**
 * Rules on a ramp's parsed fields (a field that failed validation is not a number and is skipped): warmup runs at
 * the start value, so it needs a start above 0; and a ramp whose start and targets are all 0 would start nothing.
 */
export function checkRamp(words: RampWords) {
  return (value: Record<string, unknown>, ctx: z.core.$RefinementCtx): void => {
    const written = value[words.startKey];
    const start = written === undefined ? words.startDefault : written;
    if (typeof start !== 'number') return;
    if (start === 0 && isBound(isRecord(value.warmup) ? value.warmup.bound : undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['warmup'],
        message: `warmup runs at ${words.startKey}, which is ${words.zero}: no call would start`,
        params: { hint: `set ${words.startExample} (or more), or remove warmup` },
      });
    }
    const targets = Array.isArray(value.stages) ? value.stages.map((stage: unknown) => (isRecord(stage) ? stage.target : undefined)) : [];
    if (targets.length === 0 || !targets.every((target) => typeof target === 'number')) return;
    if (start === 0 && targets.every((target) => target === 0)) {
      ctx.addIssue({
        code: 'custom',
        path: ['stages'],
        message: `the ramp starts at ${words.zero} and every stage targets ${words.zero}: no call would start`,
        params: { hint: `give a stage a target above 0, like ${words.stageExample}` },
      });
    }
  };
}

function isBound(value: unknown): value is Bound {
  return isRecord(value) && (value.kind === 'iterations' || value.kind === 'duration');
}
