import { EventEmitter } from 'node:events';
import type { CallToolResult, GetPromptResult, ListToolsResult, ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import { seededRandom, type Random } from '../random/seeded.js';
import { formatIssues } from '../input/issues.js';
import { resolveClientOptions } from './options/resolve.js';
import type { McpRequest } from './request.js';
import type { KeyedCounters } from './caller.js';
import { systemClock, type Clock } from '../time/clock.js';
import type { ClientEvent } from './events.js';
import { errorKey, type Outcome } from './outcome.js';
import { cacheProblem, listCatalog } from './catalog.js';
import { composeStack, openEndpoints, type ClientStack } from './stack.js';
import { CallTrace } from './trace.js';
import { CacheLayer } from './layers/cache.js';
import { ServerLog } from './transports/server-log.js';

/**
 * Options of `createClient`: the scenario's `client:` block, with the same names and units (`timeout: '5s'`,
 * `rateLimit: { rate: '200/s' }`), plus the target written as in a scenario (`{ http: { url } }`, `{ stdio: {…} }`).
 */
export interface CreateClientOptions extends Record<string, unknown> {
  /** One server, written as a scenario's `target:`. Or give several as `endpoints:`. */
  readonly target?: unknown;
  /** For `${VAR}` in strings (default: process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Per-attempt timeout when `timeout` is not set: 30 s. */
  readonly clock?: Clock;
  readonly random?: Random;
}

/** A call that did not get an answer (timeout, transport, JSON-RPC error, rejected by a layer). */
export class McpBenchCallError extends Error {
  override readonly name = 'McpBenchCallError';
  /** `timeout`, `rpc-error:-32601`, `transport:ECONNREFUSED`, `rejected:breaker-open`, … */
  readonly code: string;
  constructor(readonly outcome: Outcome, method: string) {
    super(`${method} failed: ${errorKey(outcome)}`);
    this.code = errorKey(outcome);
  }
}

export interface McpBenchClient {
  callTool(name: string, args?: Record<string, unknown>): Promise<CallToolResult>;
  readResource(uri: string): Promise<ReadResourceResult>;
  getPrompt(name: string, args?: Record<string, string>): Promise<GetPromptResult>;
  listTools(): Promise<ListToolsResult>;
  ping(): Promise<void>;
  /** Counters: calls and outcomes, and every layer's own figures. */
  stats(): ClientStats;
  on(event: ClientEvent['type'], listener: (event: ClientEvent) => void): this;
  off(event: ClientEvent['type'], listener: (event: ClientEvent) => void): this;
  close(): Promise<void>;
}

export interface ClientStats {
  readonly calls: number;
  readonly outcomes: Readonly<Record<string, number>>;
  readonly layers: Readonly<Record<string, Readonly<Record<string, number | string>>>>;
  /** The cache's counters per tool (`tools/call NAME`), resource URI and prompt, when a cache is on. */
  readonly perKey?: Readonly<Record<string, readonly KeyedCounters[]>>;
}

const DEFAULT_TIMEOUT_US = 30_000_000;

/**
 * A reliable, caching MCP client for applications: the same layers mcp-bench measures (retry, cache, dedup,
 * breaker, rate and concurrency limits, session pool, load balancing) over the official SDK. Bad options throw an
 * Error listing every problem.
 */
export async function createClient(options: CreateClientOptions): Promise<McpBenchClient> {
  const { target, env = process.env, clock = systemClock, random = seededRandom(Date.now() >>> 0, 'client'), ...block } = options;
  const raw = target === undefined || 'endpoints' in block ? block : { ...block, endpoints: [target] };
  const resolved = resolveClientOptions(raw, env, process.cwd());
  if (!resolved.ok) throw new Error(`createClient: invalid options\n${formatIssues(resolved.issues)}`);
  if (!resolved.endpoints?.length) throw new Error('createClient: give a target (e.g. { target: { http: { url } } }) or endpoints');
  const emitter = new EventEmitter();
  const deps = { clock, random, log: new ServerLog(), emit: (event: ClientEvent) => emitter.emit(event.type, event) };
  const endpoints = await openEndpoints(resolved.endpoints, resolved.client, deps);
  const first = endpoints.pools[0]!.connections[0]!;
  // The cache and dedup layers answer only read-only tools without sending them: both need the server's annotations.
  const tools = resolved.client.cache || resolved.client.dedup ? await listCatalog(first.client, 'tools/list') : null;
  const problem = cacheProblem(resolved.client.cache, tools);
  if (problem) {
    await Promise.all(endpoints.pools.map((pool) => pool.close()));
    throw new Error(`createClient: ${problem}`);
  }
  const stack = composeStack(resolved.client, endpoints, tools?.readOnly ?? new Set(), deps);
  const timeoutUs = resolved.timeoutUs ?? DEFAULT_TIMEOUT_US;
  // `cache.warm`: its calls made now, in order; one that fails leaves no entry and counts in stats() as warmFailed.
  const cache = stack.layers.find((layer): layer is CacheLayer => layer instanceof CacheLayer);
  for (const request of resolved.client.cache?.warm ?? []) await cache?.warm(request, timeoutUs);
  return new LibraryClient(stack, timeoutUs, emitter);
}

class LibraryClient implements McpBenchClient {
  private calls = 0;
  private readonly outcomes: Record<string, number> = {};

  constructor(
    private readonly stack: ClientStack,
    private readonly timeoutUs: number,
    private readonly emitter: EventEmitter,
  ) {}

  async callTool(name: string, args: Record<string, unknown> = {}): Promise<CallToolResult> {
    // A tool's isError answer is a result, as in the SDK: returned, not thrown.
    const outcome = await this.send({ method: 'tools/call', tool: name, args });
    return this.result(outcome, 'tools/call', true) as CallToolResult;
  }

  async readResource(uri: string): Promise<ReadResourceResult> {
    return this.result(await this.send({ method: 'resources/read', uri }), 'resources/read') as ReadResourceResult;
  }

  async getPrompt(name: string, args: Record<string, string> = {}): Promise<GetPromptResult> {
    return this.result(await this.send({ method: 'prompts/get', prompt: name, args }), 'prompts/get') as GetPromptResult;
  }

  async listTools(): Promise<ListToolsResult> {
    return this.result(await this.send({ method: 'tools/list' }), 'tools/list') as ListToolsResult;
  }

  async ping(): Promise<void> {
    this.result(await this.send({ method: 'ping' }), 'ping');
  }

  stats(): ClientStats {
    const layers = Object.fromEntries(this.stack.layers.map((layer, i) => [i === 0 || layer.name !== this.stack.layers[i - 1]?.name ? layer.name : `${layer.name}${i}`, layer.stats()]));
    const keyed = this.stack.layers.flatMap((layer) => (layer.perKey ? [[layer.name, layer.perKey()] as const] : []));
    return { calls: this.calls, outcomes: { ...this.outcomes }, layers, ...(keyed.length > 0 && { perKey: Object.fromEntries(keyed) }) };
  }

  on(event: ClientEvent['type'], listener: (event: ClientEvent) => void): this {
    this.emitter.on(event, listener);
    return this;
  }

  off(event: ClientEvent['type'], listener: (event: ClientEvent) => void): this {
    this.emitter.off(event, listener);
    return this;
  }

  close(): Promise<void> {
    return this.stack.close();
  }

  private async send(request: McpRequest): Promise<Outcome> {
    this.calls++;
    const outcome = await this.stack.caller.call(request, { timeoutUs: this.timeoutUs, trace: new CallTrace() });
    const key = outcome.kind === 'ok' ? 'ok' : errorKey(outcome);
    this.outcomes[key] = (this.outcomes[key] ?? 0) + 1;
    return outcome;
  }

  private result(outcome: Outcome, method: string, toolErrorIsResult = false): unknown {
    if (outcome.kind === 'ok' || (toolErrorIsResult && outcome.kind === 'tool-error')) return outcome.result ?? {};
    throw new McpBenchCallError(outcome, method);
  }
}
