import type { IncomingMessage, ServerResponse } from 'node:http';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { sendJson } from './http-body.js';
import { connectCounted, createReferenceServer } from './reference-server.js';
import type { ReferenceServerState } from './state.js';

/**
 * Legacy HTTP+SSE (protocol 2024-11-05): `GET <sse path>` opens a stream and a session (own `McpServer`, shared
 * counter and random source); the client POSTs messages to `<messages path>?sessionId=…`. A session ends when its
 * stream closes.
 */
export class SseSessions {
  private readonly sessions = new Map<string, SSEServerTransport>();

  constructor(
    private readonly state: ReferenceServerState,
    private readonly messagesPath: string,
  ) {}

  get size(): number {
    return this.sessions.size;
  }

  /** Opens a session on a `GET` of the SSE endpoint; the response becomes its event stream. */
  async open(response: ServerResponse): Promise<void> {
    const transport = new SSEServerTransport(this.messagesPath, response);
    const sessionId = transport.sessionId;
    this.sessions.set(sessionId, transport);
    this.state.sessionLeak.sessionOpened();
    transport.onclose = () => {
      this.sessions.delete(sessionId);
    };
    await connectCounted(createReferenceServer(this.state), transport, this.state.counter, this.state.callLeak);
  }

  /** Delivers a POSTed message (`body`, already parsed) to the session named by the `sessionId` query parameter. */
  async post(request: IncomingMessage, response: ServerResponse, url: URL, body: unknown): Promise<void> {
    const sessionId = url.searchParams.get('sessionId') ?? '';
    const transport = this.sessions.get(sessionId);
    if (!transport) {
      this.state.counter.recordHttp('sessionNotFound');
      return sendJson(response, 404, { error: `SSE session not found: ${sessionId || '(none)'}` });
    }
    await transport.handlePostMessage(request, response, body);
  }

  /** Closes every open session (ends their streams). */
  async closeAll(): Promise<void> {
    const open = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.allSettled(open.map((transport) => transport.close()));
  }
}
