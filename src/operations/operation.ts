/** One entry of a workload's operation mix: its schema, cross-field checks, display name and resolved form. */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { LIST_METHODS, PROGRESS_METHODS, type ListMethod, type McpRequest } from '../client/request.js';
import type { ThresholdSpec } from '../thresholds/types.js';
import { duration, field, strict, text, weight } from '../input/fields.js';
import { formatPath, isRecord, type Segment } from '../input/path.js';
import { renderValue, type Problem } from '../input/issues.js';
import { hideInUrls } from '../input/redact.js';
import { didYouMean, listWords } from '../input/suggest.js';
import { canonicalJson } from '../input/canonical-json.js';

import { thresholdsAsWritten, thresholdsField } from '../thresholds/field.js';
import { compileRequest, type RequestTemplate, type TemplateContext } from './template.js';
import { expectSchema, type ExpectPlan } from './expect.js';
import { captureSchema, type CapturePlan } from './capture.js';
import { completeName, completeRequest, completeSchema } from './completion.js';

/** One operation of a workload's mix, resolved. */
export interface OperationPlan {
  /**
   * Display and report name, e.g. `tools/call echo`, `resources/read bench://static/small`, `ping`; taken from the
   * operation as written, so `${ENV}` references stay references (`resources/read bench://items/${ITEM}`).
   */
  readonly name: string;
  /** Relative weight in the mix (> 0). */
  readonly weight: number;
  /** Per-call timeout in µs. */
  readonly timeoutUs: number;
  readonly request: McpRequest;
  /**
   * What the operation sends, as written (requestSignature): operations of the same name with different arguments
   * differ here, so comparisons across workloads and runs match on it as well as on the name. Absent on operations
   * made outside a scenario (the harness floor's, tests'): they match by name alone.
   */
  readonly signature?: string;
  /** Thresholds on this operation alone (absent: none). */
  readonly thresholds?: readonly ThresholdSpec[];
  /**
   * The request with its `{{…}}` templates compiled (operations/template.ts): each call sends
   * `template.instantiate(scope)` instead of `request`, which then holds the request as written (templates unexpanded,
   * for display, preflight and signatures). Absent: every call sends `request`.
   */
  readonly template?: RequestTemplate;
  /** Response checks (`expect:`, operations/expect.ts): a call that fails one ends `check-failed`. Absent: none. */
  readonly expect?: ExpectPlan;
  /** Values a journey step takes from its result for later steps' `{{vars.…}}` (operations/capture.ts). */
  readonly capture?: CapturePlan;
  /**
   * A journey's row: the rows of its steps (indices into the workload's operations, which follow it), in order. The
   * row records each journey end to end; its `request` is its first step's.
   */
  readonly journey?: { readonly steps: readonly number[] };
  /** A journey step's row: the journey's row index and the step's place in it (0-based). Weight 0: never drawn. */
  readonly step?: { readonly journey: number; readonly index: number };
  /** The endpoint group this operation's calls go to (`route:`); absent: the workload's (or its tenant's) default. */
  readonly route?: string;
}

/** The keys that choose what an operation sends; exactly one must be present. */
const REQUEST_KEYS = ['tool', 'resource', 'prompt', 'method', 'complete', 'subscribe', 'unsubscribe'] as const;
type RequestKey = (typeof REQUEST_KEYS)[number];

/** An operation's weight in the mix when it sets none. */
const DEFAULT_WEIGHT = 1;

const METHOD_INSTEAD: Readonly<Record<string, string>> = {
  'tools/call': 'to call a tool write tool: <name> (and args:) instead of method:',
  'resources/read': 'to read a resource write resource: <uri> instead of method:',
  'prompts/get': 'to get a prompt write prompt: <name> (and args:) instead of method:',
};

const METHOD_EXPECTED = `one of ${listWords(LIST_METHODS)}`;

const listMethod = () =>
  field(METHOD_EXPECTED, (value): { ok: true; value: ListMethod } | { ok: false; expected: string; hint?: string } => {
    if (typeof value !== 'string') return { ok: false, expected: METHOD_EXPECTED };
    const known = LIST_METHODS.find((method) => method === value);
    if (known) return { ok: true, value: known };
    const hint = METHOD_INSTEAD[value] ?? didYouMean(value, LIST_METHODS);
    return { ok: false, expected: METHOD_EXPECTED, ...(hint ? { hint } : {}) };
  });

/** `args` of a tool call: any mapping (sent as JSON). */
const toolArgs = () => z.record(z.string(), z.unknown());

export const operationSchema = strict({
  tool: text('a tool name').optional(),
  resource: text('a resource URI, like bench://static/small').optional(),
  prompt: text('a prompt name').optional(),
  method: listMethod().optional(),
  /** `completion/complete` of a prompt argument or a resource template variable (operations/completion.ts). */
  complete: completeSchema.optional(),
  /** `resources/subscribe` / `resources/unsubscribe` of a URI: the session's updates are counted (metrics/resource-updates.ts). */
  subscribe: text('a resource URI to subscribe to, like bench://counter').optional(),
  unsubscribe: text('a resource URI to unsubscribe from, like bench://counter').optional(),
  args: toolArgs().optional(),
  weight: weight().optional(),
  timeout: duration({ positive: true }).optional(),
  name: text('a display name').optional(),
  /** Thresholds on this operation alone (thresholds/field.ts). */
  thresholds: thresholdsField('operation').optional(),
  /** The endpoint group its calls go to (`client.groups`); checked against the groups in scenario/routes-check.ts. */
  route: text('an endpoint group name (client.groups)').optional(),
  /** Response checks (operations/expect.ts). */
  expect: expectSchema.optional(),
  /** Journey steps only (operations/journey.ts says so elsewhere): values for later steps' `{{vars.…}}`. */
  capture: captureSchema.optional(),
  /** Send a progress token and time the server's progress notifications (tools, resources and prompts only). */
  progress: z.boolean().optional(),
}).superRefine(checkOperation, { when: (payload) => isRecord(payload.value) });

export type RawOperation = z.output<typeof operationSchema>;

type AddIssue = z.core.$RefinementCtx['addIssue'];

/** Runs even when fields failed, on whatever parsed, so mistakes across fields are reported together. */
function checkOperation(value: unknown, ctx: z.core.$RefinementCtx): void {
  if (!isRecord(value)) return;
  const present = REQUEST_KEYS.filter((key) => value[key] !== undefined);
  if (present.length === 0) {
    ctx.addIssue({
      code: 'custom',
      message: `an operation needs one of ${listWords(REQUEST_KEYS)}`,
      params: { hint: 'e.g. { tool: echo, args: { message: hi } }, { resource: "bench://static/small" }, { subscribe: "bench://counter" } or { method: ping }' },
    });
  } else if (present.length > 1) {
    ctx.addIssue({
      code: 'custom',
      message: `an operation sends one request, but this one has ${listWords(present, 'and')}`,
      params: { hint: 'split it into separate operations' },
    });
  }
  const kind = present.length === 1 ? present[0] : undefined;
  if (kind !== undefined) checkArgs(kind, value.args, ctx.addIssue.bind(ctx));
  if (kind === 'method' && value.progress === true) {
    ctx.addIssue({
      code: 'custom',
      path: ['progress'],
      message: `progress: true needs a request that can carry a progress token (${listWords(PROGRESS_METHODS)}), not ${String(value.method)}`,
      params: { hint: 'remove progress:, or ask it of a tool:, resource: or prompt: operation' },
    });
  }
}

function checkArgs(kind: RequestKey, args: unknown, addIssue: AddIssue): void {
  if (args === undefined) return;
  if (kind !== 'tool' && kind !== 'prompt') {
    addIssue({
      code: 'custom',
      path: ['args'],
      message: `args only apply to tool and prompt operations, not to ${kind}`,
      params: { hint: 'remove args:' },
    });
    return;
  }
  if (kind !== 'prompt' || !isRecord(args)) return;
  for (const [key, argument] of Object.entries(args)) {
    if (typeof argument === 'string') continue;
    const got = renderValue(argument);
    const expected = 'a string (MCP prompt arguments are strings)';
    const hint = `quote it: ${key}: "${typeof argument === 'object' ? '…' : String(argument)}"`;
    addIssue({ code: 'custom', path: ['args', key], input: argument, message: `expected ${expected}; got ${got}`, params: { expected, got, hint } });
  }
}

/**
 * The report name of an operation as written in the file (before `${VAR}` substitution): the explicit `name`, else
 * `tools/call echo`, `resources/read <uri>`, `prompts/get <name>`, or the method. A reference stays as written
 * (`resources/read bench://items/${ITEM}`) and URL credentials are hidden, so a name never shows a secret.
 */
export function operationName(written: Record<string, unknown>): string | undefined {
  const name = requestName(written);
  return name === undefined ? undefined : hideInUrls(name);
}

function requestName(written: Record<string, unknown>): string | undefined {
  if (typeof written.name === 'string') return written.name;
  if (typeof written.tool === 'string') return `tools/call ${written.tool}`;
  if (typeof written.resource === 'string') return `resources/read ${written.resource}`;
  if (typeof written.prompt === 'string') return `prompts/get ${written.prompt}`;
  if (written.complete !== undefined) return completeName(written.complete);
  if (typeof written.subscribe === 'string') return `resources/subscribe ${written.subscribe}`;
  if (typeof written.unsubscribe === 'string') return `resources/unsubscribe ${written.unsubscribe}`;
  return typeof written.method === 'string' ? written.method : undefined;
}

/**
 * Two operations may call the same tool with different args, but each needs its own name in the report. Checked on
 * the scenario as written, since that is where names come from.
 */
export function duplicateOperationNames(writtenScenario: unknown): Problem[] {
  if (!isRecord(writtenScenario) || !Array.isArray(writtenScenario.workloads)) return [];
  return writtenScenario.workloads.flatMap((workload: unknown, index) =>
    isRecord(workload) && Array.isArray(workload.operations) ? duplicatesIn(workload.operations, ['workloads', index]) : [],
  );
}

function duplicatesIn(operations: readonly unknown[], workload: readonly Segment[]): Problem[] {
  const problems: Problem[] = [];
  const firstIndexByName = new Map<string, number>();
  operations.forEach((operation, index) => {
    if (!isRecord(operation)) return;
    const name = operationName(operation);
    if (name === undefined) return;
    const first = firstIndexByName.get(name);
    if (first === undefined) {
      firstIndexByName.set(name, index);
      return;
    }
    const at = [...workload, 'operations', index];
    problems.push({
      segments: typeof operation.name === 'string' ? [...at, 'name'] : at,
      message: `${formatPath(['operations', first])} is also named "${name}"; each operation needs its own name in the report`,
      hint: 'set name: on one of them to tell them apart in the report',
    });
  });
  return problems;
}

function request(operation: RawOperation): McpRequest {
  const progress = operation.progress === true ? { progress: true as const } : {};
  if (operation.tool !== undefined) return { method: 'tools/call', tool: operation.tool, args: operation.args ?? {}, ...progress };
  if (operation.resource !== undefined) return { method: 'resources/read', uri: operation.resource, ...progress };
  if (operation.prompt !== undefined) {
    // checkOperation guarantees every prompt argument is a string.
    return { method: 'prompts/get', prompt: operation.prompt, args: (operation.args ?? {}) as Record<string, string>, ...progress };
  }
  if (operation.method !== undefined) return { method: operation.method };
  if (operation.complete !== undefined) return completeRequest(operation.complete);
  if (operation.subscribe !== undefined) return { method: 'resources/subscribe', uri: operation.subscribe };
  if (operation.unsubscribe !== undefined) return { method: 'resources/unsubscribe', uri: operation.unsubscribe };
  throw new Error('unreachable: a validated operation has exactly one request key');
}

/**
 * Resolves a validated operation; `timeoutUs` is the workload's (or scenario's) default, `written` the operation as
 * written in the file, which its name comes from; `templating` what its `{{…}}` templates may read (absent: they
 * are sent as written).
 */
export function buildOperation(operation: RawOperation, timeoutUs: number, written: unknown, templating?: TemplateContext): OperationPlan {
  const thresholds = thresholdsAsWritten(operation.thresholds ?? [], isRecord(written) ? written.thresholds : undefined);
  const asWritten = isRecord(written) ? written : operation;
  const sent = request(operation);
  // Problems were reported at load (scenario/data-files.ts): a template that compiles here has none.
  const template = templating === undefined ? null : compileRequest(sent, templating).template;
  return {
    name: operationName(asWritten) ?? '',
    weight: operation.weight ?? DEFAULT_WEIGHT,
    timeoutUs: operation.timeout ?? timeoutUs,
    request: sent,
    ...(template && { template }),
    signature: requestSignature(asWritten),
    ...(thresholds.length > 0 ? { thresholds } : {}),
    ...(operation.route !== undefined && { route: operation.route }),
    ...(operation.expect && operation.expect.checks.length > 0 && { expect: operation.expect }),
    ...(operation.capture && { capture: operation.capture }),
  };
}

/**
 * A stable key of what an operation sends, from the operation as written (before `${VAR}` substitution, so no value
 * from the environment goes into it): which request key (tool, resource, prompt, method), its target, and its args in
 * canonical JSON (keys sorted), hashed to 16 hex digits. Name, weight, timeout and thresholds do not change what is
 * sent and are left out. The same operation in another workload or run has the same signature; `echo {size: 10}`
 * and `echo {size: 10000}` do not.
 */
export function requestSignature(written: Record<string, unknown>): string {
  const kind = REQUEST_KEYS.find((key) => written[key] !== undefined) ?? null;
  const sent = { kind, target: kind === null ? null : written[kind], args: written.args ?? null };
  return createHash('sha256').update(canonicalJson(sent)).digest('hex').slice(0, 16);
}
