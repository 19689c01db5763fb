/**
 * Journeys: an entry of a workload's mix that runs ordered steps, each an operation (plus `capture`, `expect`,
 * `name`), later steps reading earlier captures as `{{vars.<name>}}`.
 *
 *   - journey: create-then-read
 *     weight: 2
 *     thresholds: ["p99 < 50ms"]
 *     steps:
 *       - { name: create, tool: store_put, args: { value: hello }, capture: { key: structuredContent.key } }
 *       - { name: read, tool: store_get, args: { key: "{{vars.key}}" }, expect: { json: { structuredContent.value: hello } } }
 *
 * Resolution flattens it into the workload's operations: the journey's row (its weight, `journey.steps`, its first
 * step's request) immediately followed by its steps' rows (weight 0, never drawn by the mix; `step` set; named
 * `<journey> › <step>`). Every per-operation consumer (report rows, thresholds, merges, compare) sees steps as rows.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { strict, text, weight } from '../input/fields.js';
import { isRecord } from '../input/path.js';
import { canonicalJson } from '../input/canonical-json.js';
import { thresholdsAsWritten, thresholdsField } from '../thresholds/field.js';
import type { TemplateContext } from './template.js';
import { buildOperation, operationSchema, requestSignature, type OperationPlan, type RawOperation } from './operation.js';

/** Between a journey's name and its step's in a step row's name. */
export const STEP_SEPARATOR = ' › ';

/** A step: an operation as anywhere else, with `capture` and `name`; never a journey, never weighted. */
const stepSchema = z.unknown().transform((value, ctx): RawOperation => {
  if (isRecord(value) && value.journey !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['journey'], message: 'a journey step cannot be a journey', params: { hint: "list the inner journey's steps here instead" } });
    return z.NEVER;
  }
  if (isRecord(value) && value.weight !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['weight'], message: 'a journey step has no weight: steps run in order, every time', params: { hint: "set weight: on the journey, or remove the step's" } });
  }
  return forward(operationSchema.safeParse(value, { reportInput: true }), ctx);
});

export const journeySchema = strict({
  journey: text('a journey name'),
  steps: z.array(stepSchema).superRefine((steps, ctx) => {
    if (steps.length === 0) ctx.addIssue({ code: 'custom', message: 'a journey needs at least one step', params: { hint: 'list its operations under steps:, in order' } });
  }),
  weight: weight().optional(),
  /** Thresholds on the journey end to end; a step's own are on its row. */
  thresholds: thresholdsField('operation').optional(),
});

export type RawJourney = z.output<typeof journeySchema>;
export type RawMixEntry = RawOperation | RawJourney;

export function isJourney(entry: RawMixEntry): entry is RawJourney {
  return 'journey' in entry && 'steps' in entry;
}

/** One entry of `operations:`: a journey (it has `journey:`) or an operation (which may not `capture`). */
export const mixEntrySchema = z.unknown().transform((value, ctx): RawMixEntry => {
  if (isRecord(value) && value.journey !== undefined) return forward(journeySchema.safeParse(value, { reportInput: true }), ctx);
  if (isRecord(value) && value.capture !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['capture'], message: 'capture applies to journey steps only: nothing after this operation reads it', params: { hint: 'make this a step of a journey:, or remove capture' } });
  }
  return forward(operationSchema.safeParse(value, { reportInput: true }), ctx);
});

function forward<T>(result: z.ZodSafeParseResult<T>, ctx: z.core.$RefinementCtx): T {
  if (result.success) return result.data;
  for (const issue of result.error.issues) ctx.addIssue(issue as z.core.$ZodRawIssue);
  return z.NEVER;
}

/** The workload's operations: each entry's row, a journey's followed by its steps' rows. */
export function buildMixEntries(entries: readonly RawMixEntry[], timeoutUs: number, written: readonly unknown[], templating?: TemplateContext): OperationPlan[] {
  const rows: OperationPlan[] = [];
  entries.forEach((entry, index) => {
    if (isJourney(entry)) rows.push(...buildJourney(entry, timeoutUs, written[index], rows.length, templating));
    else rows.push(buildOperation(entry, timeoutUs, written[index], templating));
  });
  return rows;
}

function buildJourney(journey: RawJourney, timeoutUs: number, written: unknown, at: number, templating?: TemplateContext): OperationPlan[] {
  const asWritten = isRecord(written) ? written : {};
  const name = typeof asWritten.journey === 'string' ? asWritten.journey : journey.journey;
  const writtenSteps = Array.isArray(asWritten.steps) ? asWritten.steps : [];
  const steps = journey.steps.map((step, index) => {
    // Which vars a step may read was checked at load (journey-checks.ts): any captured name compiles here.
    const plan = buildOperation(step, timeoutUs, writtenSteps[index], templating && { ...templating, vars: null });
    return { ...plan, name: `${name}${STEP_SEPARATOR}${plan.name}`, weight: 0, step: { journey: at, index } };
  });
  const thresholds = thresholdsAsWritten(journey.thresholds ?? [], asWritten.thresholds);
  const row: OperationPlan = {
    name,
    weight: journey.weight ?? 1,
    // The longest step's: what bounds one call of this journey (also the handshake's bound, connectTimeoutMs).
    timeoutUs: Math.max(...steps.map((step) => step.timeoutUs)),
    request: steps[0]!.request,
    signature: journeySignature(writtenSteps),
    ...(thresholds.length > 0 ? { thresholds } : {}),
    journey: { steps: steps.map((_, index) => at + 1 + index) },
  };
  return [row, ...steps];
}

/** What a journey sends, as written: its steps' signatures in order, hashed like an operation's. */
function journeySignature(writtenSteps: readonly unknown[]): string {
  const signatures = writtenSteps.map((step) => (isRecord(step) ? requestSignature(step) : null));
  return createHash('sha256').update(canonicalJson({ journey: signatures })).digest('hex').slice(0, 16);
}

/**
 * Whether the calls of row `index` run checks (the recorder counts their `checks`): an operation or step with
 * `expect` or `capture`, or a journey with such a step.
 */
export function runsChecks(operations: readonly OperationPlan[], index: number): boolean {
  const op = operations[index];
  if (!op) return false;
  if (op.journey) return op.journey.steps.some((step) => runsChecks(operations, step));
  return op.expect !== undefined || op.capture !== undefined;
}
