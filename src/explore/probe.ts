/**
 * `mcp-bench probe`: each tool (read-only ones unless `all`, or those `tools` names), resource and prompt of a
 * catalog called once or `times` times, one after another, through the session's caller. Per item: the outcome
 * (the project's outcome codes), latency in an HDR histogram (µs, from the injected clock), result size, and schema
 * problems — the result against the tool's outputSchema, the arguments we built against its inputSchema.
 */
import type { Prompt, Resource, Tool } from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import type { JsonSchemaType } from '@modelcontextprotocol/sdk/validation/types.js';
import type { Caller } from '../client/caller.js';
import { errorKey, SCHEMA_MISMATCH, type Outcome } from '../client/outcome.js';
import type { McpRequest } from '../client/request.js';
import { CallTrace } from '../client/trace.js';
import { createHistogram, latencyAtPercentile, recordUs } from '../stats/histogram.js';
import type { Clock } from '../time/clock.js';
import type { ServerCatalog } from './catalog.js';
import { isReadOnly } from './catalog.js';
import { sampleArguments } from './sample-args.js';

export type ProbeKind = 'tool' | 'resource' | 'prompt';

export interface ProbeItem {
  readonly kind: ProbeKind;
  readonly name: string;
  /** `ok`, or the first failure's outcome code (`tool-error`, `rpc-error:-32602`, `timeout`, `schema-mismatch`, …); `skipped`. */
  readonly outcome: string;
  /** Calls by outcome code. */
  readonly outcomes: Readonly<Record<string, number>>;
  readonly calls: number;
  /** Latency of the calls made (µs, read from an HDR histogram); null when skipped. */
  readonly latency: { readonly p50Us: number; readonly maxUs: number } | null;
  /** The last answer's size (JSON, UTF-8 bytes); null when nothing was answered. */
  readonly bytes: number | null;
  /** Schema problems, and for a skipped item why. */
  readonly notes: readonly string[];
}

export interface ProbeOptions {
  readonly times: number;
  readonly all: boolean;
  /** Tools picked by name (`--tool`): only these are called, resources and prompts left alone. Empty: no pick. */
  readonly tools: readonly string[];
  readonly timeoutUs: number;
  readonly clock: Clock;
}

/** A placeholder for every required prompt argument (prompt arguments are strings). */
export const PROMPT_PLACEHOLDER = 'example';

export async function probeCatalog(caller: Caller, catalog: ServerCatalog, options: ProbeOptions): Promise<ProbeItem[]> {
  const items: ProbeItem[] = [];
  const picked = options.tools.length > 0;
  for (const tool of catalog.tools ?? []) {
    if (picked && !options.tools.includes(tool.name)) continue;
    if (!picked && !options.all && !isReadOnly(tool)) items.push(skipped('tool', tool.name, 'not annotated read-only (readOnlyHint); use --all or --tool to call it'));
    else items.push(await probeTool(caller, tool, options));
  }
  if (picked) return items;
  for (const resource of catalog.resources ?? []) items.push(await probeResource(caller, resource, options));
  for (const template of catalog.resourceTemplates ?? []) items.push(skipped('resource', template.uriTemplate, 'a resource template: its URI needs values'));
  for (const prompt of catalog.prompts ?? []) items.push(await probePrompt(caller, prompt, options));
  return items;
}

/** True when any item's calls did not all end ok (probe exits 1). */
export function anyFailed(items: readonly ProbeItem[]): boolean {
  return items.some((item) => item.outcome !== 'ok' && item.outcome !== 'skipped');
}

async function probeTool(caller: Caller, tool: Tool, options: ProbeOptions): Promise<ProbeItem> {
  const { args, problems } = sampleArguments(tool.inputSchema);
  const notes = problems.map((p) => `arguments: ${p}`);
  const ajv = new AjvJsonSchemaValidator();
  const input = safeValidator(ajv, tool.inputSchema);
  const sent = input?.(args);
  if (sent && !sent.valid && problems.length === 0) notes.push(`arguments break inputSchema: ${sent.errorMessage ?? 'invalid'}`);
  const output = tool.outputSchema ? safeValidator(ajv, tool.outputSchema) : null;
  const judge = (outcome: Outcome): Outcome => {
    if (outcome.kind !== 'ok' || output === null) return outcome;
    const structured = (outcome.result as { structuredContent?: unknown } | undefined)?.structuredContent;
    if (structured === undefined || structured === null) return note(notes, 'result: no structuredContent, but the tool declares an outputSchema');
    const verdict = output(structured);
    return verdict.valid ? outcome : note(notes, `result breaks outputSchema: ${verdict.errorMessage ?? 'invalid'}`);
  };
  return probeItem('tool', tool.name, { method: 'tools/call', tool: tool.name, args }, caller, options, judge, notes);
}

function probeResource(caller: Caller, resource: Resource, options: ProbeOptions): Promise<ProbeItem> {
  return probeItem('resource', resource.uri, { method: 'resources/read', uri: resource.uri }, caller, options, (o) => o, []);
}

function probePrompt(caller: Caller, prompt: Prompt, options: ProbeOptions): Promise<ProbeItem> {
  const args = Object.fromEntries((prompt.arguments ?? []).filter((a) => a.required === true).map((a) => [a.name, PROMPT_PLACEHOLDER]));
  return probeItem('prompt', prompt.name, { method: 'prompts/get', prompt: prompt.name, args }, caller, options, (o) => o, []);
}

async function probeItem(kind: ProbeKind, name: string, request: McpRequest, caller: Caller, options: ProbeOptions, judge: (o: Outcome) => Outcome, notes: string[]): Promise<ProbeItem> {
  const histogram = createHistogram();
  const outcomes: Record<string, number> = {};
  let first: string | null = null;
  let bytes: number | null = null;
  let maxUs = 0;
  const noted = new Set<string>();
  for (let i = 0; i < options.times; i++) {
    const startUs = options.clock.nowUs();
    const answered = await caller.call(request, { timeoutUs: options.timeoutUs, trace: new CallTrace() });
    const tookUs = Math.max(0, Math.round(options.clock.nowUs() - startUs));
    recordUs(histogram, tookUs);
    maxUs = Math.max(maxUs, tookUs);
    const outcome = judge(answered);
    const key = outcome.kind === 'ok' ? 'ok' : errorKey(outcome);
    outcomes[key] = (outcomes[key] ?? 0) + 1;
    if (key !== 'ok') first ??= key;
    if ('result' in answered && answered.result !== undefined) bytes = Buffer.byteLength(JSON.stringify(answered.result), 'utf8');
    for (const n of notes) noted.add(n);
  }
  return {
    kind,
    name,
    outcome: first ?? 'ok',
    outcomes,
    calls: options.times,
    latency: { p50Us: latencyAtPercentile(histogram, 50, maxUs), maxUs },
    bytes,
    notes: [...noted],
  };
}

function skipped(kind: ProbeKind, name: string, why: string): ProbeItem {
  return { kind, name, outcome: 'skipped', outcomes: {}, calls: 0, latency: null, bytes: null, notes: [why] };
}

/** Adds a problem once (a repeated call repeats it) and ends the call schema-mismatch. */
function note(notes: string[], text: string): Outcome {
  if (!notes.includes(text)) notes.push(text);
  return SCHEMA_MISMATCH;
}

type Validate = (value: unknown) => { readonly valid: boolean; readonly errorMessage?: string | undefined };

function safeValidator(ajv: AjvJsonSchemaValidator, schema: unknown): Validate | null {
  try {
    return ajv.getValidator(schema as JsonSchemaType) as Validate;
  } catch {
    return null;
  }
}
