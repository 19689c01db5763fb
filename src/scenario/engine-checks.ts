/**
 * Rules on `engine: autocannon`. autocannon sends raw JSON-RPC `tools/call` POSTs to one Streamable HTTP URL, so a
 * workload it drives must be of a type it can run (its entry's `engines`), call a single Streamable HTTP target
 * (`http:`, or `builtin:` with `transport: http`), send `tool:` operations only, and switch on no client layer: the
 * client stack is bypassed, only `client.timeout` (and one endpoint) apply. `pipelining` applies to autocannon only.
 *
 * Which target a workload calls depends on the scenario's client block too, so these run on the input beside the
 * schema (like client/options/checks.ts). A value the schema rejects is skipped here: the schema reports it.
 */
import type { Problem } from '../input/issues.js';
import { isRecord, type Segment } from '../input/path.js';
import { targetSchema, writtenKind } from '../client/targets/registry.js';
import { WORKLOAD_TYPE_NAMES, findWorkloadType } from '../workloads/registry.js';
import { listWords } from '../input/suggest.js';
import { LAYER_NAMES } from '../client/options/schema.js';
import { containsTemplate } from '../operations/template.js';

/** A client block as written: a mapping, nothing (null: `client: false`/`null`), absent, or INVALID. */
type Block = Readonly<Record<string, unknown>> | null | undefined | typeof INVALID;
const INVALID = Symbol('invalid');

const HTTP_HINT = 'autocannon speaks raw HTTP; use an http target or builtin with transport: http';

export function scenarioEngineProblems(scenario: unknown): Problem[] {
  if (!isRecord(scenario) || !Array.isArray(scenario.workloads)) return [];
  const top = readBlock(scenario.client);
  return scenario.workloads.flatMap((workload: unknown, index) =>
    isRecord(workload) ? workloadProblems(workload, ['workloads', index], scenario.target, top, scenario.data) : [],
  );
}

function workloadProblems(workload: Record<string, unknown>, at: readonly Segment[], target: unknown, top: Block, data: unknown): Problem[] {
  if (workload.engine !== 'autocannon') {
    const onClient = workload.engine === undefined || workload.engine === 'client';
    return onClient && workload.pipelining !== undefined
      ? [{ segments: [...at, 'pipelining'], message: 'pipelining applies to the autocannon engine only', hint: 'add engine: autocannon, or remove pipelining' }]
      : [];
  }
  const own = readBlock(workload.client);
  return [
    ...typeProblems(workload.type, at),
    ...targetProblems(effectiveEndpoints(own, top, target), at),
    ...operationProblems(workload.operations, at),
    ...clientProblems(own, top, at),
    ...variedCallProblems(workload, at, data),
  ];
}

function typeProblems(type: unknown, at: readonly Segment[]): Problem[] {
  const descriptor = findWorkloadType(type);
  if (descriptor === undefined || descriptor.autocannon !== undefined) return [];
  const able = WORKLOAD_TYPE_NAMES.filter((name) => findWorkloadType(name)?.autocannon !== undefined);
  return [
    {
      segments: [...at, 'engine'],
      message: `the autocannon engine runs ${listWords(able, 'and')} workloads only, not ${String(type)}`,
      hint: `use type: ${listWords(able)}, or remove engine: autocannon to use mcp-bench's own client`,
    },
  ];
}

/** What the workload calls: its client block's endpoints, else the scenario's block's, else the target. */
function effectiveEndpoints(own: Block, top: Block, target: unknown): { readonly list: unknown; readonly what: string } {
  const off = (value: unknown) => value === null || value === false;
  if (isRecord(own) && own.endpoints !== undefined && !off(own.endpoints)) return { list: own.endpoints, what: 'client.endpoints' };
  const inherits = own === undefined || (isRecord(own) && own.endpoints === undefined);
  if (inherits && isRecord(top) && top.endpoints !== undefined && !off(top.endpoints)) {
    return { list: top.endpoints, what: "the scenario's client.endpoints" };
  }
  return { list: [target], what: 'the target' };
}

function targetProblems(endpoints: { readonly list: unknown; readonly what: string }, at: readonly Segment[]): Problem[] {
  const { list, what } = endpoints;
  if (!Array.isArray(list) || list.length === 0) return [];
  const segments = [...at, 'engine'];
  if (list.length > 1) {
    return [
      {
        segments,
        message: `the autocannon engine sends to one server, but ${what} lists ${list.length}`,
        hint: 'keep one http endpoint for this workload, or use engine: client to balance over several',
      },
    ];
  }
  const parsed = targetSchema.safeParse(list[0]);
  if (!parsed.success) return [];
  const { kind, settings } = writtenKind(parsed.data);
  const calls = kind.notStreamableHttp(settings);
  if (calls === undefined) return [];
  const where = what === 'the target' ? 'this workload' : `this workload (${what})`;
  return [{ segments, message: `the autocannon engine needs a Streamable HTTP target, but ${where} calls ${calls}`, hint: HTTP_HINT }];
}

const REQUEST_OF: ReadonlyArray<readonly [string, string]> = [
  ['resource', 'resources/read'],
  ['prompt', 'prompts/get'],
  ['complete', 'completion/complete'],
  ['subscribe', 'resources/subscribe'],
  ['unsubscribe', 'resources/unsubscribe'],
];

function operationProblems(operations: unknown, at: readonly Segment[]): Problem[] {
  if (!Array.isArray(operations)) return [];
  return operations.flatMap((operation: unknown, index): Problem[] => {
    if (isRecord(operation) && (operation.journey !== undefined || operation.expect !== undefined)) return [clientOnly(operation, [...at, 'operations', index])];
    if (!isRecord(operation) || operation.tool !== undefined) return [];
    const method = typeof operation.method === 'string' ? operation.method : undefined;
    const sends = REQUEST_OF.find(([key]) => operation[key] !== undefined)?.[1] ?? method;
    if (sends === undefined) return [];
    return [
      {
        segments: [...at, 'operations', index],
        message: `the autocannon engine sends tools/call only, but this operation sends ${sends}`,
        hint: 'keep tool: operations only for autocannon, or use engine: client for this mix',
      },
    ];
  });
}

const FIXED_BODIES = 'the autocannon engine sends one fixed request body';

/** Templates and data rows vary each call's body; autocannon sends the same bytes every time. */
function variedCallProblems(workload: Record<string, unknown>, at: readonly Segment[], scenarioData: unknown): Problem[] {
  const hint = "use engine: client (mcp-bench's own client fills templates per call)";
  const problems: Problem[] = [];
  if (workload.data !== undefined) problems.push({ segments: [...at, 'data'], message: `${FIXED_BODIES}, so it cannot read a data file`, hint });
  else if (scenarioData !== undefined) problems.push({ segments: [...at, 'engine'], message: `${FIXED_BODIES}, but the scenario's data: applies to this workload`, hint });
  if (workload.tenants !== undefined && workload.tenants !== null) {
    problems.push({ segments: [...at, 'tenants'], message: 'the autocannon engine drives one session with the target\'s own headers, so it cannot share calls among tenants', hint: "use engine: client (mcp-bench's own client gives each tenant its stack)" });
  }
  if (!Array.isArray(workload.operations)) return problems;
  workload.operations.forEach((operation: unknown, index) => {
    if (!isRecord(operation) || !containsTemplate(operation.args)) return;
    problems.push({ segments: [...at, 'operations', index, 'args'], message: `${FIXED_BODIES}, so it cannot fill {{…}} templates`, hint });
  });
  return problems;
}

/** Journeys and response checks read each answer: autocannon counts answers without reading them. */
function clientOnly(operation: Record<string, unknown>, at: readonly Segment[]): Problem {
  const journey = operation.journey !== undefined;
  return {
    segments: [...at, journey ? 'journey' : 'expect'],
    message: `the autocannon engine sends fixed requests and does not read answers, so it cannot run ${journey ? 'a journey' : 'response checks (expect)'}`,
    hint: 'use engine: client for this mix',
  };
}

/**
 * Client settings that shape calls (the layers, compression, more than one session per endpoint) are in force where
 * they are not switched off: reported at the workload's own block where it sets them, else at `engine` naming the
 * scenario's block it inherits them from. timeout applies; balance and reconnect have nothing to act on with one
 * endpoint and no SDK sessions, so they are let be.
 */
function clientProblems(own: Block, top: Block, at: readonly Segment[]): Problem[] {
  if (own === null || own === INVALID) return [];
  const problems: Problem[] = [];
  for (const [key, value] of Object.entries(own ?? {})) {
    if (!inForce(key, value)) continue;
    problems.push({
      segments: [...at, 'client', key],
      message: `the autocannon engine bypasses the client stack, so client.${key} would have no effect`,
      hint: `remove client.${key} (autocannon honours client.timeout only), or use engine: client`,
    });
  }
  if (!isRecord(top)) return problems;
  for (const [key, value] of Object.entries(top)) {
    if (!inForce(key, value) || (isRecord(own) && own[key] !== undefined)) continue;
    problems.push({
      segments: [...at, 'engine'],
      message: `the autocannon engine bypasses the client stack, but the scenario's client.${key} applies to this workload`,
      hint: `set client: { ${key}: ${key === 'sessions' ? '1' : 'false'} } on this workload, or client: null to drop the scenario's client block`,
    });
  }
  return problems;
}

const SWITCHABLE: ReadonlySet<string> = new Set([...LAYER_NAMES, 'compression', 'pool']);

function inForce(key: string, value: unknown): boolean {
  if (key === 'sessions') {
    const sessions = typeof value === 'string' ? Number(value) : value;
    return typeof sessions === 'number' && Number.isSafeInteger(sessions) && sessions > 1;
  }
  return SWITCHABLE.has(key) && value !== undefined && value !== null && value !== false;
}

function readBlock(raw: unknown): Block {
  if (raw === undefined) return undefined;
  if (raw === null || raw === false) return null;
  if (raw === true) return {};
  return isRecord(raw) ? raw : INVALID;
}
