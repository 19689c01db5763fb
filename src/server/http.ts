import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ReferenceServerOptions } from '../scenario/plan.js';
import type { Counts } from './counter.js';
import type { SleepUs } from './faults.js';
import { readJsonBody, sendJson, sendJsonRpcError } from './http-body.js';
import { SseSessions } from './sse-sessions.js';
import { createServerState } from './state.js';
import { StreamableSessions } from './streamable-sessions.js';

export const MCP_PATH = '/mcp';
export const SSE_PATH = '/sse';
export const SSE_MESSAGES_PATH = '/messages';

/**
 * The one line `mcp-bench serve --transport http` prints on stdout once listening. Spawners find the Streamable
 * HTTP URL with `STREAMABLE_URL_PATTERN` (first capture group); keep both stable.
 */
export function formatListeningLine(url: string, sseUrl: string): string {
  return `mcp-bench reference server: Streamable HTTP at ${url}, legacy SSE at ${sseUrl}`;
}
export const STREAMABLE_URL_PATTERN = /Streamable HTTP at (\S+?),/;

export interface HttpServerOptions extends ReferenceServerOptions {
  /** Interface to listen on; default 127.0.0.1. */
  readonly host?: string;
  /** Port; default 0 (an ephemeral port, see `HttpServerHandle.url`). */
  readonly port?: number;
  /** Streamable HTTP answers POSTs with plain JSON instead of an SSE stream. Default false. */
  readonly jsonResponse?: boolean;
  /** Where diagnostics go (never stdout); default: dropped. */
  readonly log?: (line: string) => void;
  /** How the server waits; default the precise real-time sleep. For tests. */
  readonly sleepUs?: SleepUs;
}

export interface HttpServerHandle {
  /** Streamable HTTP endpoint, e.g. `http://127.0.0.1:43817/mcp`. */
  readonly url: string;
  /** Legacy SSE endpoint, e.g. `http://127.0.0.1:43817/sse`. */
  readonly sseUrl: string;
  readonly port: number;
  /** Counts across all sessions so far. */
  counts(): Counts;
  resetCounts(): void;
  /** Open sessions per transport. */
  sessionCount(): { readonly streamable: number; readonly sse: number };
  /** Ends every session and connection and stops listening. Safe to call more than once. */
  close(): Promise<void>;
}

interface Endpoints {
  readonly streamable: StreamableSessions;
  readonly sse: SseSessions;
}

function methodNotAllowed(response: ServerResponse, allowed: string): void {
  response.setHeader('allow', allowed);
  sendJson(response, 405, { error: `method not allowed; use ${allowed}` });
}

/** Reads a POST body, answering 400/413 itself when it cannot be used; undefined means "answered". */
async function postBody(request: IncomingMessage, response: ServerResponse): Promise<{ value: unknown } | undefined> {
  const body = await readJsonBody(request);
  if (body.ok) return { value: body.value };
  if (body.status === 413) response.setHeader('connection', 'close');
  sendJsonRpcError(response, body.status, body.code, body.message);
  return undefined;
}

async function route(endpoints: Endpoints, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const method = request.method ?? 'GET';
  if (url.pathname === MCP_PATH) {
    if (method === 'GET' || method === 'DELETE') return endpoints.streamable.handle(request, response, undefined);
    if (method !== 'POST') return methodNotAllowed(response, 'POST, GET, DELETE');
    const body = await postBody(request, response);
    return body && endpoints.streamable.handle(request, response, body.value);
  }
  if (url.pathname === SSE_PATH) {
    return method === 'GET' ? endpoints.sse.open(response) : methodNotAllowed(response, 'GET');
  }
  if (url.pathname === SSE_MESSAGES_PATH) {
    if (method !== 'POST') return methodNotAllowed(response, 'POST');
    const body = await postBody(request, response);
    return body && endpoints.sse.post(request, response, url, body.value);
  }
  sendJson(response, 404, { error: `not found: ${url.pathname}`, endpoints: [MCP_PATH, SSE_PATH, SSE_MESSAGES_PATH] });
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function stop(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** A host as it appears in a URL: IPv6 literals in brackets. */
function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Starts the reference server over HTTP: Streamable HTTP (stateful) at `/mcp` and legacy SSE at `/sse` +
 * `/messages`. All sessions share one counter and one seeded random source. Rejects if it cannot listen.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<HttpServerHandle> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? ((): void => undefined);
  const state = createServerState(options, options.sleepUs);
  const endpoints: Endpoints = {
    streamable: new StreamableSessions(state, options.jsonResponse ?? false),
    sse: new SseSessions(state, SSE_MESSAGES_PATH),
  };
  const server = createServer({ keepAlive: true }, (request, response) => {
    route(endpoints, request, response).catch((error: unknown) => {
      log(`mcp-bench serve: ${request.method} ${request.url} failed: ${String(error)}`);
      if (!response.headersSent) sendJsonRpcError(response, 500, -32603, 'Internal server error');
      else response.destroy();
    });
  });
  server.keepAliveTimeout = 60_000;
  const port = await listen(server, host, options.port ?? 0);
  const base = `http://${urlHost(host)}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url: `${base}${MCP_PATH}`,
    sseUrl: `${base}${SSE_PATH}`,
    port,
    counts: () => state.counter.snapshot(),
    resetCounts: () => state.counter.reset(),
    sessionCount: () => ({ streamable: endpoints.streamable.size, sse: endpoints.sse.size }),
    close: () => {
      closing ??= Promise.all([endpoints.streamable.closeAll(), endpoints.sse.closeAll()]).then(() => stop(server));
      return closing;
    },
  };
}
