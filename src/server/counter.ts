import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

/**
 * What the reference server has received, counted at the transport boundary (before the SDK dispatches), so ping,
 * initialize and the list methods that the SDK answers itself are counted too. One counter is shared by every
 * session of a server process. Keys are the literal values received, including unknown methods, tools, URIs and
 * prompts; a key is absent until its first message.
 */
export interface Counts {
  /** Every JSON-RPC request, by method: `initialize`, `ping`, `tools/list`, `tools/call`, `resources/read`, … */
  readonly requests: Readonly<Record<string, number>>;
  /** Every notification, by method: `notifications/initialized`, `notifications/cancelled`, … */
  readonly notifications: Readonly<Record<string, number>>;
  /** Responses received from clients (to server-initiated requests), results and errors together. */
  readonly responses: number;
  /** `tools/call` requests by `params.name`. */
  readonly tools: Readonly<Record<string, number>>;
  /** `resources/read` requests by `params.uri`. */
  readonly resources: Readonly<Record<string, number>>;
  /** `prompts/get` requests by `params.name`. */
  readonly prompts: Readonly<Record<string, number>>;
}

/** Key used when a request's name or URI is missing or not a string. */
const INVALID_KEY = '(invalid)';

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function paramKey(params: unknown, field: 'name' | 'uri'): string {
  if (typeof params !== 'object' || params === null) return INVALID_KEY;
  const value = (params as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : INVALID_KEY;
}

function toRecord(map: Map<string, number>): Record<string, number> {
  return Object.fromEntries(map);
}

export class MessageCounter {
  private readonly requests = new Map<string, number>();
  private readonly notifications = new Map<string, number>();
  private readonly tools = new Map<string, number>();
  private readonly resources = new Map<string, number>();
  private readonly prompts = new Map<string, number>();
  private responses = 0;

  /** Counts one message received from a client. */
  record(message: JSONRPCMessage): void {
    if (!('method' in message)) {
      this.responses += 1;
      return;
    }
    if (!('id' in message)) {
      bump(this.notifications, message.method);
      return;
    }
    bump(this.requests, message.method);
    if (message.method === 'tools/call') bump(this.tools, paramKey(message.params, 'name'));
    else if (message.method === 'resources/read') bump(this.resources, paramKey(message.params, 'uri'));
    else if (message.method === 'prompts/get') bump(this.prompts, paramKey(message.params, 'name'));
  }

  /** A copy of the counts so far, as plain JSON-ready objects. */
  snapshot(): Counts {
    return {
      requests: toRecord(this.requests),
      notifications: toRecord(this.notifications),
      responses: this.responses,
      tools: toRecord(this.tools),
      resources: toRecord(this.resources),
      prompts: toRecord(this.prompts),
    };
  }

  /** Starts counting from zero. */
  reset(): void {
    this.requests.clear();
    this.notifications.clear();
    this.tools.clear();
    this.resources.clear();
    this.prompts.clear();
    this.responses = 0;
  }
}
