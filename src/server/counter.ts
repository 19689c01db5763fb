import { createHash } from 'node:crypto';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { canonicalJson } from '../input/canonical-json.js';

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
  /**
   * How many different `arguments` each tool was called with (compared as canonical JSON: key order does not matter),
   * counted exactly up to MAX_DISTINCT_ARGUMENTS per tool: what shows a template or a data file really varied them.
   */
  readonly distinctArguments: Readonly<Record<string, number>>;
  /** `resources/read` requests by `params.uri`. */
  readonly resources: Readonly<Record<string, number>>;
  /** `prompts/get` requests by `params.name`. */
  readonly prompts: Readonly<Record<string, number>>;
  /** `initialize` requests by the `params.protocolVersion` the client offered. */
  readonly initializeVersions: Readonly<Record<string, number>>;
  /** What the HTTP layer did before (or instead of) handing a request to an MCP session; all 0 over stdio. */
  readonly http: HttpCounts;
  /** `notifications/resources/updated` the server sent (handed to a session's transport), by URI; absent until one is. */
  readonly resourceUpdatesSent?: Readonly<Record<string, number>>;
  /** Requests the server sent the client (sampling, elicitation, roots) and how they ended; absent until the first. */
  readonly clientRequests?: ClientRequestCounts;
}

/** Per method: requests sent to the client, answered with a result, answered with an error (or lost). */
export interface ClientRequestCounts {
  readonly sent: Readonly<Record<string, number>>;
  readonly answered: Readonly<Record<string, number>>;
  readonly failed: Readonly<Record<string, number>>;
}

/**
 * HTTP-level events, counted once each, so a test can reconcile a client's retries and reconnects with what the
 * server did. Requests refused here (429, 503, 404, 415) never reach an MCP session, so they are not in
 * `requests`/`tools`; a request admitted after a refusal is counted there once, when it arrives.
 */
export interface HttpCounts {
  /** HTTP 429 answers: a POST carrying a `tools/call` found the rate limit's bucket empty (`rateLimitPerSec`). */
  readonly rateLimited: number;
  /** HTTP 503 answers drawn by `unavailableRate`. */
  readonly unavailable: number;
  /** HTTP 404 answers to a request naming a session that is not open: expired, deleted or never issued. */
  readonly sessionNotFound: number;
  /** Streamable HTTP sessions closed because their `sessionTtlUs` ran out. */
  readonly sessionsExpired: number;
  /** POST bodies that arrived with `Content-Encoding: gzip` (counted whether or not they decoded). */
  readonly gzipBodies: number;
  /** HTTP 415 answers: a POST body with a Content-Encoding other than gzip or identity. */
  readonly unsupportedEncoding: number;
  /** Answers sent gzip-compressed (the request accepted gzip; http-compression.ts): JSON bodies and event streams. */
  readonly gzipAnswers: number;
  /** Answers sent brotli-compressed (the request accepted br). */
  readonly brAnswers: number;
  /** DELETE requests to the Streamable HTTP endpoint (a client ending its session). */
  readonly deletes: number;
  /** GET requests to the Streamable HTTP endpoint (standalone streams and resumptions). */
  readonly gets: number;
  /** Requests naming a session that carried no MCP-Protocol-Version header (every one after initialize should). */
  readonly withoutProtocolVersion: number;
  /** HTTP 403 answers: a Host or Origin that is not local while bound to a loopback address (host-guard.ts). */
  readonly rebindingRefused: number;
}

export type HttpEvent = keyof HttpCounts;

function zeroHttpCounts(): Record<HttpEvent, number> {
  return {
    rateLimited: 0,
    unavailable: 0,
    sessionNotFound: 0,
    sessionsExpired: 0,
    gzipBodies: 0,
    unsupportedEncoding: 0,
    gzipAnswers: 0,
    brAnswers: 0,
    deletes: 0,
    gets: 0,
    withoutProtocolVersion: 0,
    rebindingRefused: 0,
  };
}

/** Key used when a request's name or URI is missing or not a string. */
const INVALID_KEY = '(invalid)';

/** Distinct argument values remembered per tool; past it the count stops growing (memory stays bounded). */
export const MAX_DISTINCT_ARGUMENTS = 1_000_000;

/** What identifies a tool call's arguments: their canonical JSON, hashed when long so memory stays small. */
function argumentsIdentity(params: unknown): string {
  const args = typeof params === 'object' && params !== null ? (params as Record<string, unknown>).arguments : undefined;
  const text = canonicalJson(args ?? {});
  return text.length <= 40 ? text : createHash('sha1').update(text).digest('base64');
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function paramKey(params: unknown, field: 'name' | 'uri' | 'protocolVersion'): string {
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
  private readonly argumentsSeen = new Map<string, Set<string>>();
  private readonly resources = new Map<string, number>();
  private readonly prompts = new Map<string, number>();
  private readonly initializeVersions = new Map<string, number>();
  private responses = 0;
  private http = zeroHttpCounts();
  private readonly updatesSent = new Map<string, number>();
  private readonly sent = new Map<string, number>();
  private readonly answered = new Map<string, number>();
  private readonly failed = new Map<string, number>();

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
    if (message.method === 'tools/call') this.recordToolCall(message.params);
    else if (message.method === 'resources/read') bump(this.resources, paramKey(message.params, 'uri'));
    else if (message.method === 'prompts/get') bump(this.prompts, paramKey(message.params, 'name'));
    else if (message.method === 'initialize') bump(this.initializeVersions, paramKey(message.params, 'protocolVersion'));
  }

  private recordToolCall(params: unknown): void {
    const tool = paramKey(params, 'name');
    bump(this.tools, tool);
    let seen = this.argumentsSeen.get(tool);
    if (!seen) this.argumentsSeen.set(tool, (seen = new Set()));
    if (seen.size < MAX_DISTINCT_ARGUMENTS) seen.add(argumentsIdentity(params));
  }

  /** Counts one request the server sent the client (client-request-tools.ts), then how it ended. */
  recordClientRequest(method: string, outcome: 'sent' | 'answered' | 'failed'): void {
    bump(outcome === 'sent' ? this.sent : outcome === 'answered' ? this.answered : this.failed, method);
  }

  /** Counts one HTTP-level event (see `HttpCounts`). */
  recordHttp(event: HttpEvent): void {
    this.http[event] += 1;
  }

  /** Counts one resource update sent to one subscribed session (server/subscriptions.ts). */
  recordUpdateSent(uri: string): void {
    bump(this.updatesSent, uri);
  }

  /** A copy of the counts so far, as plain JSON-ready objects. */
  snapshot(): Counts {
    return {
      requests: toRecord(this.requests),
      notifications: toRecord(this.notifications),
      responses: this.responses,
      tools: toRecord(this.tools),
      distinctArguments: Object.fromEntries([...this.argumentsSeen].map(([tool, seen]) => [tool, seen.size])),
      resources: toRecord(this.resources),
      prompts: toRecord(this.prompts),
      initializeVersions: toRecord(this.initializeVersions),
      http: { ...this.http },
      ...(this.updatesSent.size > 0 && { resourceUpdatesSent: toRecord(this.updatesSent) }),
      ...(this.sent.size > 0 && { clientRequests: { sent: toRecord(this.sent), answered: toRecord(this.answered), failed: toRecord(this.failed) } }),
    };
  }

  /** Starts counting from zero. */
  reset(): void {
    this.requests.clear();
    this.notifications.clear();
    this.tools.clear();
    this.argumentsSeen.clear();
    this.resources.clear();
    this.prompts.clear();
    this.initializeVersions.clear();
    this.responses = 0;
    this.http = zeroHttpCounts();
    this.updatesSent.clear();
    this.sent.clear();
    this.answered.clear();
    this.failed.clear();
  }
}
