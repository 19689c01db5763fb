import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  CallToolResultSchema,
  CompleteResultSchema,
  EmptyResultSchema,
  GetPromptResultSchema,
  ListPromptsResultSchema,
  ListResourcesResultSchema,
  ListResourceTemplatesResultSchema,
  ListToolsResultSchema,
  ReadResourceResultSchema,
} from '@modelcontextprotocol/sdk/types.js';
import type { McpRequest } from './request.js';
import type { CallOptions, Caller } from './caller.js';
import { classifyError } from './classify.js';
import type { Outcome } from './outcome.js';
import { closeCauseOf } from './transports/close-cause.js';
import { holdsSends, type HoldsSends } from './transports/held-sends.js';
import { setSendingCall } from './transports/sending-call.js';
import { ProgressRouter } from './progress-router.js';

type ResultSchema =
  | typeof CallToolResultSchema
  | typeof ReadResourceResultSchema
  | typeof GetPromptResultSchema
  | typeof EmptyResultSchema
  | typeof CompleteResultSchema
  | typeof ListToolsResultSchema
  | typeof ListResourcesResultSchema
  | typeof ListResourceTemplatesResultSchema
  | typeof ListPromptsResultSchema;

interface PreparedRequest {
  readonly message: { method: string; params?: Record<string, unknown> };
  readonly schema: ResultSchema;
  readonly isToolCall: boolean;
  /** Send a progress token and note its notifications on the trace (operation `progress: true`). */
  readonly progress: boolean;
}

/**
 * The bottom of the client stack: one connected SDK `Client`. Requests are prepared once per operation (message and
 * result schema), so a call is a map lookup and one SDK request. Results are validated by the SDK like any client
 * would; a tool result with `isError: true` is a tool error.
 */
export class SdkCaller implements Caller {
  private readonly prepared = new WeakMap<McpRequest, PreparedRequest>();
  /** Null while connected; once the transport closed, the code it closed with (`closed`, `memory-limit`, …). */
  private lostAs: string | null = null;
  /** Routes progress notifications to the calls that asked (made on the first such call). */
  private progress: ProgressRouter | null = null;
  /** The transport, when it may hold requests back and then knows when they really left (stdio). */
  private readonly holder: HoldsSends | null;

  constructor(private readonly client: Client) {
    const transport = client.transport;
    this.holder = holdsSends(transport) ? transport : null;
    const previous = client.onclose;
    // The SDK forgets its transport before it calls onclose: the cause is read from the one kept here.
    client.onclose = () => {
      this.lostAs = closeCauseOf(transport) ?? 'closed';
      previous?.();
    };
  }

  /** True once the transport closed under us (server exited, socket lost). */
  get lost(): boolean {
    return this.lostAs !== null;
  }

  /**
   * Why the session was lost, as the transport outcome code its calls in flight ended with: `closed`, or what the
   * transport did or saw (`memory-limit`, `cpu-limit`: transports/close-cause.ts); null while connected.
   */
  get lostCode(): string | null {
    return this.lostAs;
  }

  async call(request: McpRequest, options: CallOptions): Promise<Outcome> {
    const prepared = this.prepare(request);
    const startedMs = performance.now();
    const timeoutMs = Math.max(1, Math.ceil(options.timeoutUs / 1000));
    try {
      // The SDK hands the request to the transport synchronously, inside request(): name the call for that moment
      // (its first attempt only, whose send time the trace keeps).
      const holder = this.holder;
      if (holder !== null) holder.sendingFor = options.trace.attempts <= 1 ? options.trace : null;
      const message = prepared.progress ? this.askProgress(prepared.message, options, startedMs) : prepared.message;
      // Every attempt's request and answer count in the call's bytes (sending-call.ts).
      setSendingCall(options.trace.bytes);
      let pending: Promise<unknown>;
      try {
        pending = this.client.request(message, prepared.schema, { timeout: timeoutMs });
      } finally {
        setSendingCall(null);
      }
      if (holder !== null) holder.sendingFor = null;
      const result = await pending;
      return prepared.isToolCall && (result as { isError?: boolean }).isError === true
        ? { kind: 'tool-error', result }
        : { kind: 'ok', result };
    } catch (error) {
      return classifyError(error, this.lostAs ?? false, performance.now() - startedMs >= timeoutMs - 1);
    } finally {
      if (prepared.progress) this.progress?.close(progressToken(options));
    }
  }

  /** The message with a progress token of ours (progress-router.ts); the call's trace notes its notifications. */
  private askProgress(message: PreparedRequest['message'], options: CallOptions, startedMs: number): PreparedRequest['message'] {
    this.progress ??= new ProgressRouter(this.client.transport!);
    const trace = options.trace.progress;
    trace.begin(startedMs);
    const token = this.progress.open(trace);
    trace.token = token;
    return { method: message.method, params: { ...message.params, _meta: { progressToken: token } } };
  }

  close(): Promise<void> {
    return this.client.close();
  }

  private prepare(request: McpRequest): PreparedRequest {
    let prepared = this.prepared.get(request);
    if (!prepared) {
      prepared = toSdkRequest(request);
      this.prepared.set(request, prepared);
    }
    return prepared;
  }
}

function progressToken(options: CallOptions): string {
  return options.trace.progress.token;
}

function toSdkRequest(request: McpRequest): PreparedRequest {
  return { ...sdkRequest(request), progress: 'progress' in request && request.progress === true };
}

function sdkRequest(request: McpRequest): Omit<PreparedRequest, 'progress'> {
  switch (request.method) {
    case 'tools/call':
      return {
        message: { method: request.method, params: { name: request.tool, arguments: request.args } },
        schema: CallToolResultSchema,
        isToolCall: true,
      };
    case 'resources/read':
      return { message: { method: request.method, params: { uri: request.uri } }, schema: ReadResourceResultSchema, isToolCall: false };
    case 'prompts/get':
      return {
        message: { method: request.method, params: { name: request.prompt, arguments: request.args } },
        schema: GetPromptResultSchema,
        isToolCall: false,
      };
    case 'completion/complete':
      return {
        message: { method: request.method, params: { ref: request.ref, argument: { name: request.argument, value: request.value } } },
        schema: CompleteResultSchema,
        isToolCall: false,
      };
    case 'resources/subscribe':
    case 'resources/unsubscribe':
      return { message: { method: request.method, params: { uri: request.uri } }, schema: EmptyResultSchema, isToolCall: false };
    case 'ping':
      return { message: { method: 'ping' }, schema: EmptyResultSchema, isToolCall: false };
    case 'tools/list':
      return { message: { method: request.method }, schema: ListToolsResultSchema, isToolCall: false };
    case 'resources/list':
      return { message: { method: request.method }, schema: ListResourcesResultSchema, isToolCall: false };
    case 'resources/templates/list':
      return { message: { method: request.method }, schema: ListResourceTemplatesResultSchema, isToolCall: false };
    case 'prompts/list':
      return { message: { method: request.method }, schema: ListPromptsResultSchema, isToolCall: false };
  }
}
