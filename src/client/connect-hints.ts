/**
 * What to try next when a connect fails, from what failed and the target (pure): the one place every connect failure
 * gets its next step, whoever shows it (run's failure line, list/probe/init, capacity). Also keeps an HTML error page
 * out of a message: a server's 404 page says nothing a person can act on, and may be kilobytes long.
 */
import type { TargetPlan } from './targets/registry.js';

/** An HTTP answer's status and body text as the transport saw them. */
export interface HttpFailure {
  readonly status: number;
  readonly body: string;
}

/** The body as a message may quote it: an HTML page is named by its size, anything else is its first line. */
export function describeBody(body: string): string {
  const text = body.trim();
  if (/^(<!doctype html|<html[\s>])/i.test(text)) return `an HTML page (${Buffer.byteLength(text, 'utf8')} bytes)`;
  return text.split('\n')[0] ?? '';
}

/** The next step after an HTTP status while connecting, or null when there is none to suggest. */
export function httpHint(target: TargetPlan, status: number): string | null {
  if (target.kind !== 'http' && target.kind !== 'sse') return null;
  let url: URL;
  try {
    url = new URL(target.url);
  } catch {
    return null;
  }
  const base = `${url.protocol}//${url.host}`;
  const path = url.pathname.replace(/\/+$/, '');
  if (target.kind === 'http' && (status === 404 || status === 405)) {
    if (path === '' || path === '/sse') {
      return `MCP servers usually serve Streamable HTTP at /mcp: try --http ${base}/mcp${path === '/sse' ? `, or --sse ${base}/sse for a legacy HTTP+SSE server` : ''}`;
    }
    return `is this the server's MCP endpoint? a legacy HTTP+SSE server is reached with --sse (often ${base}/sse); mcp-bench list --http <url> checks a URL quickly`;
  }
  if (target.kind === 'sse' && (status === 400 || status === 404 || status === 405)) {
    return path === '/mcp' || path === '' ? `this may be a Streamable HTTP server: try --http ${base}/mcp` : `a Streamable HTTP server is reached with --http (often ${base}/mcp)`;
  }
  if (status === 401 || status === 403) return 'the server wants credentials: pass a header with -H "Authorization: Bearer …", or give the target an auth: block';
  return null;
}

/** The next step after a failure known by its outcome code alone: a refused connection, a command not found. */
export function codeHint(target: TargetPlan, code: string): string | null {
  if (code === 'transport:ECONNREFUSED' && (target.kind === 'http' || target.kind === 'sse')) {
    return `is the server running and listening at ${originOf(target.url)}?`;
  }
  if (code === 'transport:ENOENT' && target.kind === 'stdio') return 'is the command installed and on PATH? (or give its full path)';
  return null;
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/** The next step after a stdio server that exited during the handshake: its first error line and its log. */
export function exitedHint(serverStderr: readonly string[]): string | null {
  const first = serverStderr.find((line) => /error|exception|cannot|not found|enoent|eaddrinuse/i.test(line)) ?? serverStderr[0];
  return first === undefined ? null : `the server wrote: ${first.trim()}`;
}
