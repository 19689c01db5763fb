/**
 * The `thresholds:` field, at the top level (every workload's total), per workload (its total) and per operation.
 * Each entry is a text parsed by parse.ts — the parser `--threshold` uses too — or a mapping
 * `{ threshold: "p99 < 50ms", abortOnFail: true, delay: 10s }`. Problems carry the entry's path like every other
 * scenario problem (`workloads[0].thresholds[1].abortOnFail`), and the value quoted as `got`, which shown-problems.ts
 * replaces by the text as written when it came from `${VAR}`.
 */
import { z } from 'zod';
import { ABORTABLE_METRICS, canAbortOn, declarationOf, isWorkloadOnly, type ThresholdMetric } from './metrics.js';
import { parseThreshold } from './parse.js';
import type { ThresholdSpec } from './types.js';
import { duration, field, strict, type FieldIssueParams } from '../input/fields.js';
import { renderValue } from '../input/issues.js';
import { isRecord } from '../input/path.js';
import { listWords } from '../input/suggest.js';

const TEXT_EXPECTED = 'a threshold like "p99 < 50ms", "error_rate < 1%" or "throughput > 100/s"';
const ENTRY_EXPECTED = `${TEXT_EXPECTED}, or a mapping like { threshold: "p99 < 50ms", abortOnFail: true, delay: 10s }`;
const LIST_EXPECTED = 'a list of thresholds, like ["p99 < 50ms", "error_rate < 1%"]';

/** The threshold text itself: the parser's own expectation and hint when it is not one. */
const thresholdText = () =>
  field(TEXT_EXPECTED, (value) => {
    if (typeof value !== 'string') return { ok: false, expected: TEXT_EXPECTED };
    const parsed = parseThreshold(value, 'scenario');
    if (parsed.ok) return { ok: true, value: parsed.spec };
    return { ok: false, expected: parsed.expected, ...(parsed.hint === undefined ? {} : { hint: parsed.hint }) };
  });

const entryObject = strict({
  threshold: thresholdText(),
  /** Stop the run as soon as the threshold fails on the rolling window (runner/abort-watch.ts). */
  abortOnFail: z.boolean().optional(),
  /** abortOnFail only: not checked before this long into the measured phase. */
  delay: duration({ positive: false }).optional(),
}).superRefine(checkEntry, { when: (payload) => isRecord(payload.value) });

/** Runs even when a field failed, so every problem of an entry is reported together. */
function checkEntry(value: unknown, ctx: z.core.$RefinementCtx): void {
  if (!isRecord(value)) return;
  const metric = metricOf(value.threshold);
  if (value.abortOnFail === true && metric !== undefined && !canAbortOn(metric)) {
    const params: FieldIssueParams = { hint: `check ${metric} at the end only: remove abortOnFail` };
    ctx.addIssue({ code: 'custom', path: ['abortOnFail'], message: `abortOnFail applies to ${listWords(ABORTABLE_METRICS)}, not to ${metric}`, params });
  }
  if (value.delay !== undefined && value.abortOnFail !== true) {
    const params: FieldIssueParams = { hint: 'add abortOnFail: true, or remove delay' };
    ctx.addIssue({ code: 'custom', path: ['delay'], message: 'delay only applies with abortOnFail: true', params });
  }
}

/** The metric of `threshold` as parsed (the spec), or as written when the check runs on an entry that failed. */
function metricOf(threshold: unknown): ThresholdMetric | undefined {
  if (isRecord(threshold) && typeof threshold.metric === 'string') return (threshold as unknown as ThresholdSpec).metric;
  const parsed = typeof threshold === 'string' ? parseThreshold(threshold, 'scenario') : undefined;
  return parsed?.ok === true ? parsed.spec.metric : undefined;
}

const textSchema = thresholdText();

/** One entry: a text, or the mapping form (checked by its own strict schema). */
const entrySchema = z.unknown().transform((value, ctx): ThresholdSpec => {
  const forward = (issues: readonly z.core.$ZodIssue[]): never => {
    for (const issue of issues) ctx.addIssue(issue as z.core.$ZodRawIssue);
    return z.NEVER;
  };
  if (typeof value === 'string') {
    const result = textSchema.safeParse(value, { reportInput: true });
    return result.success ? result.data : forward(result.error.issues);
  }
  if (isRecord(value)) {
    const result = entryObject.safeParse(value, { reportInput: true });
    if (!result.success) return forward(result.error.issues);
    const { threshold, abortOnFail, delay } = result.data;
    return { ...threshold, abortOnFail: abortOnFail === true, abortDelayUs: delay ?? 0 };
  }
  const params: FieldIssueParams = { expected: ENTRY_EXPECTED, got: renderValue(value) };
  ctx.addIssue({ code: 'custom', message: `expected ${ENTRY_EXPECTED}; got ${params.got}`, input: value, params });
  return z.NEVER;
});

const listSchema = z.array(entrySchema);

/**
 * Where a `thresholds:` list is written: on the scenario or a workload (judged on a workload's total), on an operation
 * (a journey too), or on a tenant. A workload figure (cold start) is refused on the last two: they have no sessions of
 * their own.
 */
export type ThresholdsPlace = 'workload' | 'operation' | 'tenant';

/** `thresholds:`: a list of entries, each parsed into a ThresholdSpec (source `scenario`). */
export const thresholdsField = (place: ThresholdsPlace = 'workload') =>
  z.unknown().transform((value, ctx): readonly ThresholdSpec[] => {
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      const got = renderValue(value);
      const hint = typeof value === 'string' ? `write it as a list: thresholds: [${JSON.stringify(value)}]` : undefined;
      const params: FieldIssueParams = { expected: LIST_EXPECTED, got, ...(hint === undefined ? {} : { hint }) };
      ctx.addIssue({ code: 'custom', message: `expected ${LIST_EXPECTED}; got ${got}`, input: value, params });
      return z.NEVER;
    }
    const result = listSchema.safeParse(value, { reportInput: true });
    const misplaced = place === 'workload' ? 0 : refuseWorkloadFigures(value, place, ctx);
    if (result.success && misplaced === 0) return result.data;
    for (const issue of result.success ? [] : result.error.issues) ctx.addIssue(issue as z.core.$ZodRawIssue);
    return z.NEVER;
  });

/**
 * Each entry whose metric is a workload figure is a problem at its own path, told beside the entry's other problems
 * (an abortOnFail it cannot take). Returns how many there were.
 */
function refuseWorkloadFigures(written: readonly unknown[], place: 'operation' | 'tenant', ctx: z.core.$RefinementCtx): number {
  let refused = 0;
  written.forEach((entry, index) => {
    const text = isRecord(entry) ? entry.threshold : entry;
    const metric = metricOf(text);
    if (metric === undefined || !isWorkloadOnly(metric)) return;
    refused++;
    const params: FieldIssueParams = {
      expected: `a threshold on this ${place}'s calls; ${metric} is the workload's (${declarationOf(metric).workloadOnly})`,
      got: renderValue(text),
      hint: "move it to the workload's thresholds (or the scenario's, for every workload)",
    };
    ctx.addIssue({ code: 'custom', path: isRecord(entry) ? [index, 'threshold'] : [index], message: `expected ${params.expected}; got ${params.got}`, input: text, params });
  });
  return refused;
}

/**
 * The specs with their texts as written in the file, before `${VAR}` substitution (`written`: the `thresholds:`
 * list as written), so no report shows a value that came from the environment. Validation made one spec per entry.
 */
export function thresholdsAsWritten(specs: readonly ThresholdSpec[], written: unknown): readonly ThresholdSpec[] {
  if (!Array.isArray(written)) return specs;
  return specs.map((spec, index) => {
    const entry: unknown = written[index];
    const text = typeof entry === 'string' ? entry : isRecord(entry) && typeof entry.threshold === 'string' ? entry.threshold : undefined;
    return text === undefined ? spec : { ...spec, text: text.trim() };
  });
}
