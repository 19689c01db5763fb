import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { Clock } from '../time/clock.js';
import { BoundedEventStore } from './event-store.js';
import { sendJsonRpcError } from './http-body.js';
import { connectCounted, createReferenceServer } from './reference-server.js';
import type { ReferenceServerState } from './state.js';

const SESSION_HEADER = 'mcp-session-id';
const PROTOCOL_VERSION_HEADER = 'mcp-protocol-version';
/** The `retry:` delay every event stream announces: how long a client waits before resuming one the server closed. */
export const RESUME_RETRY_MS = 100;
/** Longest single wait for an expiry: Node timers overflow past 2^31-1 ms, so longer TTLs wait in steps. */
const MAX_WAIT_US = 2_000_000_000_000;

function startsSession(body: unknown): boolean {
  return Array.isArray(body) ? body.some((message) => isInitializeRequest(message)) : isInitializeRequest(body);
}

export interface StreamableSessionsOptions {
  /** Answer POSTs with plain JSON instead of an SSE stream. */
  readonly jsonResponse: boolean;
  /** A session expires this long after it was created; null: never. */
  readonly ttlUs: number | null;
  /** Measures session age and waits for expiry; injected for tests. */
  readonly clock: Clock;
}

interface Session {
  readonly transport: StreamableHTTPServerTransport;
  readonly server: McpServer;
  readonly createdUs: number;
  /** Cancels the wait for this session's expiry. */
  readonly expiryWait: AbortController;
}

/**
 * Stateful Streamable HTTP: an `initialize` POST without a session id opens a session (its own transport and
 * `McpServer`, sharing the process's counter and random source); later requests carry `mcp-session-id`. A
 * session ends when the client sends DELETE, the server closes, or its TTL runs out. Every session has an event store
 * (event-store.ts), so its event streams carry ids and a `retry:` delay and can be resumed with Last-Event-ID.
 *
 * With a TTL, a session expires `ttlUs` after it was created (whether used or not): its transport and server are
 * closed (cutting any stream or call still open on it) and forgotten, and from then on a request naming it gets
 * 404, the spec's answer that tells a client to initialize a new session. Expiry happens when the clock says so,
 * and is checked again on every request, so a request never reaches a session past its TTL.
 */
export class StreamableSessions {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly state: ReferenceServerState,
    private readonly options: StreamableSessionsOptions,
  ) {
    const ttlUs = options.ttlUs;
    if (ttlUs !== null && !(ttlUs > 0)) throw new RangeError(`session TTL must be > 0 µs or null; got ${ttlUs}`);
  }

  get size(): number {
    return this.sessions.size;
  }

  /** Handles a request to the MCP endpoint; `body` is the parsed JSON of a POST, undefined otherwise. */
  async handle(request: IncomingMessage, response: ServerResponse, body: unknown): Promise<void> {
    const sessionId = request.headers[SESSION_HEADER];
    this.countRequest(request, typeof sessionId === 'string');
    if (typeof sessionId === 'string') {
      const session = this.live(sessionId);
      if (session) return session.transport.handleRequest(request, response, body);
      this.state.counter.recordHttp('sessionNotFound');
      return sendJsonRpcError(response, 404, -32001, `Session not found: ${sessionId}`);
    }
    if (request.method === 'POST' && startsSession(body)) {
      const transport = await this.open();
      return transport.handleRequest(request, response, body);
    }
    const hint = 'Bad Request: send initialize without a session id, then use mcp-session-id';
    sendJsonRpcError(response, 400, -32000, hint);
  }

  /** DELETEs and GETs received, and requests of a session without MCP-Protocol-Version (HttpCounts). */
  private countRequest(request: IncomingMessage, inSession: boolean): void {
    if (request.method === 'DELETE') this.state.counter.recordHttp('deletes');
    else if (request.method === 'GET') this.state.counter.recordHttp('gets');
    if (inSession && request.headers[PROTOCOL_VERSION_HEADER] === undefined) this.state.counter.recordHttp('withoutProtocolVersion');
  }

  /** Closes every open session. */
  async closeAll(): Promise<void> {
    const open = [...this.sessions.values()];
    this.sessions.clear();
    for (const session of open) session.expiryWait.abort();
    await Promise.allSettled(open.map((session) => session.server.close()));
  }

  /** The open session `sessionId`, unless it is unknown or past its TTL (then it is expired now). */
  private live(sessionId: string): Session | undefined {
    const session = this.sessions.get(sessionId);
    if (!session || this.remainingUs(session) > 0) return session;
    this.expire(sessionId, session);
    return undefined;
  }

  private remainingUs(session: Session): number {
    if (this.options.ttlUs === null) return Infinity;
    return session.createdUs + this.options.ttlUs - this.options.clock.nowUs();
  }

  private expire(sessionId: string, session: Session): void {
    if (this.sessions.get(sessionId) !== session) return;
    this.sessions.delete(sessionId);
    session.expiryWait.abort();
    this.state.counter.recordHttp('sessionsExpired');
    session.server.close().catch(() => undefined);
  }

  /** Waits on the clock until the session is due, then expires it; stops when the session ends another way. */
  private async expireWhenDue(sessionId: string, session: Session): Promise<void> {
    const { signal } = session.expiryWait;
    for (let remaining = this.remainingUs(session); remaining > 0; remaining = this.remainingUs(session)) {
      await this.options.clock.sleepUs(Math.min(remaining, MAX_WAIT_US), signal);
      if (signal.aborted) return;
    }
    this.expire(sessionId, session);
  }

  private async open(): Promise<StreamableHTTPServerTransport> {
    const server = createReferenceServer(this.state);
    const createdUs = this.options.clock.nowUs();
    const expiryWait = new AbortController();
    const resumable = this.state.resumableCalls;
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: randomUUID,
      enableJsonResponse: this.options.jsonResponse,
      eventStore: new BoundedEventStore((message) => resumable.takeAnswer(transport.sessionId, message)),
      retryInterval: RESUME_RETRY_MS,
      onsessioninitialized: (sessionId) => {
        const session: Session = { transport, server, createdUs, expiryWait };
        this.sessions.set(sessionId, session);
        this.state.sessionLeak.sessionOpened();
        if (this.options.ttlUs !== null) void this.expireWhenDue(sessionId, session);
      },
    });
    transport.onclose = () => {
      expiryWait.abort();
      const sessionId = transport.sessionId;
      if (sessionId !== undefined && this.sessions.get(sessionId)?.transport === transport) {
        this.sessions.delete(sessionId);
      }
    };
    await connectCounted(server, transport, this.state.counter, this.state.callLeak);
    return transport;
  }
}
