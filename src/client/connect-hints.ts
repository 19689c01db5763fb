/**
 * The next step after a failed connect, worded once and purely from what is known: the outcome code, the target's
 * kind and URL, the server's stderr. connect.ts adds the hint to every ConnectError's message, so the table, every
 * report format and the CLI's last line all say it; the CLI adds the server log's path (crashLines).
 */

/** What a hint is chosen by. */
export interface HintInput {
  /** The outcome key: `transport:http-404`, `transport:closed`, `transport:ECONNREFUSED`, … */
  readonly code: string;
  /** The target's kind: `http`, `sse`, `stdio`, `builtin`. */
  readonly kind: string;
  /** The URL of an http or sse target. */
  readonly url?: string;
}

/** An HTTP error's body as a failure may show it: an HTML page is named, never dumped; other text is one short line. */
export function httpBodyText(body: string, contentLength?: number): string {
  const text = body.trim();
  if (/^(<!doctype html|<html[\s>])/i.test(text)) {
    const bytes = contentLength ?? Buffer.byteLength(body);
    return `an HTML page (${bytes.toLocaleString('en-US')}${contentLength === undefined && bytes >= 512 ? '+' : ''} bytes), not an MCP answer`;
  }
  const line = text.split('\n')[0]?.trim() ?? '';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/** The next step for a failed connect, or null when there is nothing better to say than the failure itself. */
export function connectHint(input: HintInput): string | null {
  const status = /^transport:http-(\d{3})$/.exec(input.code)?.[1];
  if (status === '404' || status === '405') return wrongEndpointHint(input, status);
  if (input.code === 'transport:ECONNREFUSED' && input.url) return `is the server running and listening at ${origin(input.url) ?? input.url}?`;
  if (input.code === 'transport:ENOENT' && (input.kind === 'stdio' || input.kind === 'builtin')) return 'is the command installed and on PATH (or give its full path)?';
  return null;
}

function wrongEndpointHint(input: HintInput, status: string): string | null {
  if (!input.url) return null;
  const base = origin(input.url);
  const where = pathOf(input.url);
  if (base === null || where === null) return null;
  if (input.kind === 'http' && (where === '/' || where === '/sse')) {
    return `try --http ${base}/mcp (the usual Streamable HTTP path), or --sse ${input.url} for a server on the older HTTP+SSE transport`;
  }
  if (input.kind === 'sse' && where.endsWith('/mcp')) return `this looks like a Streamable HTTP endpoint: try --http ${input.url}`;
  if (input.kind === 'sse' && where === '/') return `try --sse ${base}/sse, or --http ${base}/mcp`;
  return status === '404' ? `check the URL's path: ${where} was not found on ${base}` : null;
}

function origin(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

function pathOf(url: string): string | null {
  try {
    const { pathname } = new URL(url);
    return pathname.length > 1 ? pathname.replace(/\/+$/, '') : '/';
  } catch {
    return null;
  }
}

/** A message with its hint: `…: HTTP 404; try --http …`. */
export function withHint(message: string, hint: string | null): string {
  return hint === null ? message : `${message}; ${hint}`;
}

/** The line of a crashed server's stderr that most likely says why: the first that reads as an error, else the last. */
export function firstErrorLine(stderr: readonly string[]): string | null {
  const lines = stderr.map((line) => line.trim()).filter((line) => line !== '');
  return lines.find((line) => /\b(error|exception|cannot|can't|failed|not found|denied|refused|panic|fatal)\b/i.test(line)) ?? lines.at(-1) ?? null;
}

/**
 * What the CLI adds beneath a failure that a spawned server's crash explains: its first error line (already masked
 * by the server log) and where the whole log is, when one was written.
 */
export function crashLines(stderr: readonly string[], logPath: string | null): string[] {
  const line = firstErrorLine(stderr);
  const out: string[] = [];
  if (line !== null) out.push(`  the server wrote: ${line}`);
  if (logPath !== null) out.push(`  the server's log: ${logPath}`);
  return out;
}
