import type { IncomingMessage, ServerResponse } from 'node:http';

/** Largest request body the HTTP server reads: 4 MiB, the SDK transports' own default. */
export const MAX_REQUEST_BODY_BYTES = 4 * 1024 * 1024;

export type BodyResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly status: 400 | 413; readonly code: number; readonly message: string };

const TOO_LARGE = {
  ok: false,
  status: 413,
  code: -32600,
  message: `Request body larger than ${MAX_REQUEST_BODY_BYTES} bytes`,
} as const;

function parse(chunks: readonly Buffer[], size: number): BodyResult {
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks, size).toString('utf8')) as unknown };
  } catch {
    return { ok: false, status: 400, code: -32700, message: 'Parse error: the request body is not valid JSON' };
  }
}

/**
 * Reads and parses a JSON request body. Past `limit` bytes it reports 413 at once and keeps nothing more (the
 * rest is drained, not buffered); callers answer with `connection: close`.
 */
export function readJsonBody(request: IncomingMessage, limit = MAX_REQUEST_BODY_BYTES): Promise<BodyResult> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    request.resume();
    return Promise.resolve(TOO_LARGE);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      chunks.length = 0;
      resolve(TOO_LARGE);
    });
    request.on('end', () => resolve(size > limit ? TOO_LARGE : parse(chunks, size)));
    request.on('error', reject);
  });
}

/** Answers with a JSON body (keep-alive friendly: explicit length). */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

/** Answers with a JSON-RPC error object (id null: the request could not be matched to a session or parsed). */
export function sendJsonRpcError(response: ServerResponse, status: number, code: number, message: string): void {
  sendJson(response, status, { jsonrpc: '2.0', error: { code, message }, id: null });
}
