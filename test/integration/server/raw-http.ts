/**
 * curl-like requests to the reference server for the integration tests: plain node:http, one connection per request
 * (no agent keeps sockets open), JSON bodies in and out.
 */
import { request, type IncomingHttpHeaders } from 'node:http';

export interface Reply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
}

export const MCP_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

/** Sends one HTTP request and reads the whole answer. */
export function send(
  url: string,
  method: string,
  headers: Readonly<Record<string, string>> = {},
  body?: string | Buffer,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method, headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: response.statusCode ?? 0, headers: response.headers, text });
      });
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** POSTs a JSON-RPC message (or raw bytes) to the MCP endpoint, with the session id when given. */
export function post(
  url: string,
  message: unknown,
  options: { readonly sessionId?: string; readonly headers?: Readonly<Record<string, string>> } = {},
): Promise<Reply> {
  const body = Buffer.isBuffer(message) ? message : JSON.stringify(message);
  const session: Record<string, string> = options.sessionId ? { 'mcp-session-id': options.sessionId } : {};
  return send(url, 'POST', { ...MCP_HEADERS, ...session, ...options.headers }, body);
}

export const INITIALIZE = {
  jsonrpc: '2.0',
  id: 0,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw-http', version: '0' } },
};

export const INITIALIZED = { jsonrpc: '2.0', method: 'notifications/initialized' };

export const echo = (id: number, message = `m${id}`): unknown => ({
  jsonrpc: '2.0',
  id,
  method: 'tools/call',
  params: { name: 'echo', arguments: { message } },
});

export const ping = (id: number): unknown => ({ jsonrpc: '2.0', id, method: 'ping' });

/** initialize + notifications/initialized, as a client does; returns the session id. */
export async function openSession(url: string): Promise<string> {
  const reply = await post(url, INITIALIZE);
  const sessionId = reply.headers['mcp-session-id'];
  if (reply.status !== 200 || typeof sessionId !== 'string') {
    throw new Error(`initialize failed: ${reply.status} ${reply.text}`);
  }
  const initialized = await post(url, INITIALIZED, { sessionId });
  if (initialized.status !== 202) throw new Error(`notifications/initialized: ${initialized.status}`);
  return sessionId;
}

/** The JSON body of a reply (the servers under test answer with JSON bodies). */
export function json(reply: Reply): Record<string, unknown> {
  return JSON.parse(reply.text) as Record<string, unknown>;
}
