import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { McpError, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { classifyError } from '../../../src/client/classify.js';
import { errorKey } from '../../../src/client/outcome.js';
import { transportFailureOf } from '../../../src/client/transports/transport-failure.js';

export interface Body {
  readonly id?: number;
  readonly method?: string;
  readonly params?: Record<string, unknown>;
}
export type Handler = (body: Body, req: http.IncomingMessage, res: http.ServerResponse) => void;

/**
 * A scripted HTTP endpoint on 127.0.0.1, port 0: `handler` says how each request is answered (tests swap it). It
 * records what it received and counts sockets, so tests can see a client release or hold connections.
 */
export class ScriptedServer {
  handler: Handler = () => undefined;
  readonly received: { readonly method: string; readonly body: Body; readonly headers: http.IncomingHttpHeaders }[] = [];
  url = '';
  private readonly server: http.Server;
  private readonly sockets = new Set<import('node:net').Socket>();
  private acceptedCount = 0;

  constructor() {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        let raw = Buffer.concat(chunks);
        if (req.headers['content-encoding'] === 'gzip' && raw.length > 0) raw = gunzipSync(raw);
        const text = raw.toString('utf8');
        const body = (text ? JSON.parse(text) : {}) as Body;
        this.received.push({ method: req.method ?? '', body, headers: req.headers });
        this.handler(body, req, res);
      });
    });
    this.server.on('connection', (socket) => {
      this.acceptedCount++;
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
  }

  static async start(path = '/mcp'): Promise<ScriptedServer> {
    const scripted = new ScriptedServer();
    await new Promise<void>((resolve) => scripted.server.listen(0, '127.0.0.1', resolve));
    scripted.url = `http://127.0.0.1:${(scripted.server.address() as AddressInfo).port}${path}`;
    return scripted;
  }

  /** Sockets open to the server now. */
  get openSockets(): number {
    return this.sockets.size;
  }

  /** Sockets accepted so far. */
  get accepted(): number {
    return this.acceptedCount;
  }

  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Answers `initialize` like a server would, `initialized` with 202; everything else goes to `then`. */
export function mcpHandshake(then: Handler): Handler {
  return (body, req, res) => {
    if (body.method === 'initialize') {
      res.writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': 'sess-1' });
      const result = { protocolVersion: body.params?.protocolVersion, capabilities: {}, serverInfo: { name: 'scripted', version: '1' } };
      return res.end(JSON.stringify({ jsonrpc: '2.0', id: body.id, result }));
    }
    if (body.method === 'notifications/initialized') return void res.writeHead(202).end();
    if (req.method === 'DELETE') return void res.writeHead(200).end();
    then(body, req, res);
  };
}

/** An SDK client connected through `transport`. */
export async function sdkClient(transport: Transport): Promise<Client> {
  const client = new Client({ name: 'test', version: '0' });
  await client.connect(transport);
  return client;
}

/** The response handlers, timeouts and progress handlers the SDK still holds (private: inspected by tests only). */
export function heldBySdk(client: Client): { handlers: number; timeouts: number; progress: number } {
  const internals = client as unknown as { _responseHandlers: Map<unknown, unknown>; _timeoutInfo: Map<unknown, unknown>; _progressHandlers: Map<unknown, unknown> };
  return { handlers: internals._responseHandlers.size, timeouts: internals._timeoutInfo.size, progress: internals._progressHandlers.size };
}

/** The outcome key a call's error gets once classify.ts looks through synthesized transport failures. */
export function keyOf(error: unknown): string {
  return errorKey(classifyError(transportFailureOf(error) ?? error, false));
}

/** The transport failure a synthesized error response (as the transport delivered it) carries. */
export function failureIn(message: JSONRPCMessage | undefined): Error | null {
  if (!message || !('error' in message)) return null;
  return transportFailureOf(McpError.fromError(message.error.code, message.error.message, message.error.data));
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `condition` every 5 ms for up to `ms`; returns whether it came true. */
export async function eventually(condition: () => boolean, ms = 2000): Promise<boolean> {
  const deadline = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > deadline) return false;
    await sleep(5);
  }
  return true;
}
