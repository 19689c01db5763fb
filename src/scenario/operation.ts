/** One entry of a workload's operation mix: its schema, cross-field checks, display name and resolved form. */
import { z } from 'zod';
import type { McpRequest, OperationPlan } from './plan.js';
import { duration, listMethod, strict, text, toolArgs, weight } from './fields.js';
import { isRecord } from './path.js';
import { renderValue } from './issues.js';
import { listWords } from './suggest.js';
import { DEFAULTS } from './defaults.js';

/** The keys that choose what an operation sends; exactly one must be present. */
const REQUEST_KEYS = ['tool', 'resource', 'prompt', 'method'] as const;
type RequestKey = (typeof REQUEST_KEYS)[number];

export const operationSchema = strict({
  tool: text('a tool name').optional(),
  resource: text('a resource URI, like bench://static/small').optional(),
  prompt: text('a prompt name').optional(),
  method: listMethod().optional(),
  args: toolArgs().optional(),
  weight: weight().optional(),
  timeout: duration({ positive: true }).optional(),
  name: text('a display name').optional(),
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
      params: { hint: 'e.g. { tool: echo, args: { message: hi } }, { resource: "bench://static/small" } or { method: ping }' },
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
}

function checkArgs(kind: RequestKey, args: unknown, addIssue: AddIssue): void {
  if (args === undefined) return;
  if (kind === 'resource' || kind === 'method') {
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

/** The report name: the explicit `name`, else `tools/call echo`, `resources/read <uri>`, `prompts/get <name>`, or the method. */
export function operationName(operation: Record<string, unknown>): string | undefined {
  if (typeof operation.name === 'string') return operation.name;
  if (typeof operation.tool === 'string') return `tools/call ${operation.tool}`;
  if (typeof operation.resource === 'string') return `resources/read ${operation.resource}`;
  if (typeof operation.prompt === 'string') return `prompts/get ${operation.prompt}`;
  return typeof operation.method === 'string' ? operation.method : undefined;
}

function request(operation: RawOperation): McpRequest {
  if (operation.tool !== undefined) return { method: 'tools/call', tool: operation.tool, args: operation.args ?? {} };
  if (operation.resource !== undefined) return { method: 'resources/read', uri: operation.resource };
  if (operation.prompt !== undefined) {
    // checkOperation guarantees every prompt argument is a string.
    return { method: 'prompts/get', prompt: operation.prompt, args: (operation.args ?? {}) as Record<string, string> };
  }
  if (operation.method !== undefined) return { method: operation.method };
  throw new Error('unreachable: a validated operation has exactly one request key');
}

/** Resolves a validated operation; `timeoutUs` is the workload's (or scenario's) default. */
export function buildOperation(operation: RawOperation, timeoutUs: number): OperationPlan {
  return {
    name: operationName(operation) ?? '',
    weight: operation.weight ?? DEFAULTS.weight,
    timeoutUs: operation.timeout ?? timeoutUs,
    request: request(operation),
  };
}
