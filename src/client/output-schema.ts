/**
 * Output-schema validation: a tools/call whose tool declares an `outputSchema` (in tools/list) must answer with
 * `structuredContent` that the schema accepts, else the call ends `schema-mismatch` (an error of its own, never
 * retried). Validators are compiled once per tool, through the SDK's Ajv-based validator, before measuring; the check
 * runs on every answer, inside the measured call, since a real client pays for it too. Tool errors (`isError: true`)
 * are not validated, and neither is anything that did not end `ok`.
 */
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import type { JsonSchemaType, JsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/types.js';
import type { CallOptions, Caller } from './caller.js';
import { SCHEMA_MISMATCH, type Outcome } from './outcome.js';
import type { McpRequest } from './request.js';

/** A compiled validator per tool name: what OutputSchemaCaller checks against. */
export type OutputValidators = ReadonlyMap<string, JsonSchemaValidator<unknown>>;

export interface CompiledOutputSchemas {
  readonly validators: OutputValidators;
  /** Tools whose schema could not be compiled: `tool: reason`; their answers are not checked. */
  readonly problems: readonly string[];
}

/** Compiles each tool's `outputSchema` once. A schema Ajv cannot compile is reported, and that tool left unchecked. */
export function compileOutputSchemas(schemas: ReadonlyMap<string, object>): CompiledOutputSchemas {
  const ajv = new AjvJsonSchemaValidator();
  const validators = new Map<string, JsonSchemaValidator<unknown>>();
  const problems: string[] = [];
  for (const [tool, schema] of schemas) {
    try {
      validators.set(tool, ajv.getValidator(schema as JsonSchemaType));
    } catch (error) {
      problems.push(`${tool}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { validators, problems };
}

/** Whether `result` (a tools/call answer that ended `ok`) satisfies the tool's compiled validator. */
export function matchesOutputSchema(validator: JsonSchemaValidator<unknown>, result: unknown): boolean {
  const structured = (result as { structuredContent?: unknown } | undefined)?.structuredContent;
  return structured !== undefined && structured !== null && validator(structured).valid;
}

/**
 * The decorator: over `inner`, turns an `ok` tools/call answer that breaks its tool's output schema into
 * `schema-mismatch`. Calls to tools without a validator, and every other method, pass through untouched.
 */
export class OutputSchemaCaller implements Caller {
  constructor(
    private readonly inner: Caller,
    private readonly validators: OutputValidators,
  ) {}

  async call(request: McpRequest, options: CallOptions): Promise<Outcome> {
    const outcome = await this.inner.call(request, options);
    if (outcome.kind !== 'ok' || request.method !== 'tools/call') return outcome;
    const validator = this.validators.get(request.tool);
    if (validator === undefined) return outcome;
    return matchesOutputSchema(validator, outcome.result) ? outcome : SCHEMA_MISMATCH;
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
