import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ReferenceServerOptions } from './options.js';
import { systemClock, type Clock } from '../time/clock.js';
import { AdmissionGate, sendRefusal } from './admission.js';
import type { Counts, MessageCounter } from './counter.js';
import type { SleepUs } from './faults.js';
import {
  ACCEPTED_CONTENT_ENCODINGS,
  contentCoding,
  readJsonBody,
  sendJson,
  sendJsonRpcError,
} from './http-body.js';
import { compressAnswer } from './http-compression.js';
import { isLoopbackHost, rebindingRefusal } from './host-guard.js';
import { SseSessions } from './sse-sessions.js';
import { createServerState } from './state.js';
import { StreamableSessions } from './streamable-sessions.js';

export const MCP_PATH = '/mcp';
export const SSE_PATH = '/sse';
export const SSE_MESSAGES_PATH = '/messages';


export interface HttpServerOptions extends ReferenceServerOptions {
  /** Interface to listen on; default 127.0.0.1. */
  readonly host?: string;
  /** Port; default 0 (an ephemeral port, see `HttpServerHandle.url`). */
  readonly port?: number;
  /** Streamable HTTP answers POSTs with plain JSON instead of an SSE stream. Default false. */
  readonly jsonResponse?: boolean;
  /** Compress answers for requests that accept gzip or br (http-compression.ts). Default true. */
  readonly compression?: boolean;
  /** Where diagnostics go (never stdout); default: dropped. */
  readonly log?: (line: string) => void;
  /** How the server waits; default the precise real-time sleep. For tests. */
  readonly sleepUs?: SleepUs;
  /** The clock of the rate limit and of session expiry; default the system clock. For tests. */
  readonly clock?: Clock;
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
  readonly gate: AdmissionGate;
  readonly counter: MessageCounter;
}

function methodNotAllowed(response: ServerResponse, allowed: string): void {
  response.setHeader('allow', allowed);
  sendJson(response, 405, { error: `method not allowed; use ${allowed}` });
}

/**
 * Reads a POST body (gzip decoded, counted), answering 400/413/415 itself when it cannot be used, and then applies
 * the admission gate (503/429). Undefined means "answered"; otherwise the body goes on to a session.
 */
async function admittedBody(
  endpoints: Endpoints,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<{ value: unknown } | undefined> {
  const coding = contentCoding(request.headers);
  if (coding.kind === 'gzip') endpoints.counter.recordHttp('gzipBodies');
  const body = await readJsonBody(request);
  if (!body.ok) {
    if (body.status === 415) endpoints.counter.recordHttp('unsupportedEncoding');
    if (body.status === 415) response.setHeader('accept-encoding', ACCEPTED_CONTENT_ENCODINGS);
    if (body.status !== 400) response.setHeader('connection', 'close');
    sendJsonRpcError(response, body.status, body.code, body.message);
    return undefined;
  }
  const admission = endpoints.gate.admit(body.value);
  if (admission.admitted) return { value: body.value };
  sendRefusal(response, admission, body.value, endpoints.counter);
  return undefined;
}

async function route(endpoints: Endpoints, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const method = request.method ?? 'GET';
  if (url.pathname === MCP_PATH) {
    if (method === 'GET' || method === 'DELETE') return endpoints.streamable.handle(request, response, undefined);
    if (method !== 'POST') return methodNotAllowed(response, 'POST, GET, DELETE');
    const body = await admittedBody(endpoints, request, response);
    return body && endpoints.streamable.handle(request, response, body.value);
  }
  if (url.pathname === SSE_PATH) {
    return method === 'GET' ? endpoints.sse.open(response) : methodNotAllowed(response, 'GET');
  }
  if (url.pathname === SSE_MESSAGES_PATH) {
    if (method !== 'POST') return methodNotAllowed(response, 'POST');
    const body = await admittedBody(endpoints, request, response);
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
 * `/messages`. All sessions share one counter and one seeded random source. Rejects if it cannot listen, or with a
 * RangeError for a rate limit or session TTL that is not above 0.
 *
 * Answers are compressed (gzip or br) for requests that accept it, unless `compression` is false (http-compression.ts).
 * In front of the sessions, every POST (both transports) is read with gzip bodies decoded (other codings: 415),
 * then passes the admission gate: `unavailableRate` (503) and `rateLimitPerSec` (429), see `AdmissionGate`.
 * `sessionTtlUs` expires Streamable HTTP sessions (404 afterwards); legacy SSE sessions never expire. Bound to a
 * loopback address, it refuses requests whose Host or Origin is not local with 403 first (host-guard.ts).
 */
export async function startHttpServer(options: HttpServerOptions): Promise<HttpServerHandle> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? ((): void => undefined);
  const state = createServerState(options, options.sleepUs);
  const clock = options.clock ?? systemClock;
  const endpoints: Endpoints = {
    streamable: new StreamableSessions(state, {
      jsonResponse: options.jsonResponse ?? false,
      ttlUs: options.sessionTtlUs ?? null,
      clock,
    }),
    sse: new SseSessions(state, SSE_MESSAGES_PATH),
    gate: new AdmissionGate(options, state.random, () => clock.nowUs()),
    counter: state.counter,
  };
  const guarded = isLoopbackHost(host);
  const compression = options.compression ?? true;
  let port = 0; // known once listening; no request arrives before
  const server = createServer({ keepAlive: true }, (request, response) => {
    if (compression) compressAnswer(request, response, endpoints.counter);
    const refusal = guarded ? rebindingRefusal(request.headers, port) : null;
    if (refusal !== null) {
      endpoints.counter.recordHttp('rebindingRefused');
      return sendJson(response, 403, { error: `Forbidden: ${refusal} (DNS-rebinding protection of a local server)` });
    }
    route(endpoints, request, response).catch((error: unknown) => {
      log(`mcp-bench serve: ${request.method} ${request.url} failed: ${String(error)}`);
      if (!response.headersSent) sendJsonRpcError(response, 500, -32603, 'Internal server error');
      else response.destroy();
    });
  });
  server.keepAliveTimeout = 60_000;
  port = await listen(server, host, options.port ?? 0);
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
