import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { sendJsonRpcError } from './http-body.js';
import { connectCounted, createReferenceServer } from './reference-server.js';
import type { ReferenceServerState } from './state.js';

const SESSION_HEADER = 'mcp-session-id';

function startsSession(body: unknown): boolean {
  return Array.isArray(body) ? body.some((message) => isInitializeRequest(message)) : isInitializeRequest(body);
}

/**
 * Stateful Streamable HTTP: an `initialize` POST without a session id opens a session (its own transport and
 * `McpServer`, sharing the process's counter and random source); later requests carry `mcp-session-id`. A
 * session ends when the client sends DELETE or the server closes.
 */
export class StreamableSessions {
  private readonly sessions = new Map<string, StreamableHTTPServerTransport>();

  constructor(
    private readonly state: ReferenceServerState,
    private readonly jsonResponse: boolean,
  ) {}

  get size(): number {
    return this.sessions.size;
  }

  /** Handles a request to the MCP endpoint; `body` is the parsed JSON of a POST, undefined otherwise. */
  async handle(request: IncomingMessage, response: ServerResponse, body: unknown): Promise<void> {
    const sessionId = request.headers[SESSION_HEADER];
    if (typeof sessionId === 'string') {
      const transport = this.sessions.get(sessionId);
      if (transport) return transport.handleRequest(request, response, body);
      return sendJsonRpcError(response, 404, -32001, `Session not found: ${sessionId}`);
    }
    if (request.method === 'POST' && startsSession(body)) {
      const transport = await this.open();
      return transport.handleRequest(request, response, body);
    }
    const hint = 'Bad Request: send initialize without a session id, then use mcp-session-id';
    sendJsonRpcError(response, 400, -32000, hint);
  }

  /** Closes every open session. */
  async closeAll(): Promise<void> {
    const open = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.allSettled(open.map((transport) => transport.close()));
  }

  private async open(): Promise<StreamableHTTPServerTransport> {
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: randomUUID,
      enableJsonResponse: this.jsonResponse,
      onsessioninitialized: (sessionId) => {
        this.sessions.set(sessionId, transport);
      },
    });
    transport.onclose = () => {
      if (transport.sessionId !== undefined) this.sessions.delete(transport.sessionId);
    };
    await connectCounted(createReferenceServer(this.state), transport, this.state.counter);
    return transport;
  }
}
