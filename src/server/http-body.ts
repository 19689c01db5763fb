import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** Largest request body the HTTP server reads: 4 MiB, the SDK transports' own default. After decompression. */
export const MAX_REQUEST_BODY_BYTES = 4 * 1024 * 1024;

/** The request body codings the server decodes, as a 415 answer lists them in `Accept-Encoding`. */
export const ACCEPTED_CONTENT_ENCODINGS = 'gzip, identity';

export type BodyResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly status: 400 | 413 | 415; readonly code: number; readonly message: string };

/** A request's `Content-Encoding`: none (identity), gzip, or something this server does not decode. */
export type ContentCoding =
  | { readonly kind: 'identity' }
  | { readonly kind: 'gzip' }
  | { readonly kind: 'unsupported'; readonly name: string };

const TOO_LARGE = {
  ok: false,
  status: 413,
  code: -32600,
  message: `Request body larger than ${MAX_REQUEST_BODY_BYTES} bytes`,
} as const;

/**
 * Reads `Content-Encoding` (case-insensitive; `identity` entries ignored, `x-gzip` is gzip per RFC 9110). One gzip
 * layer is decoded; anything else, stacked gzip included, is unsupported.
 */
export function contentCoding(headers: IncomingHttpHeaders): ContentCoding {
  const header = headers['content-encoding'] ?? '';
  const codings = header
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  if (codings.length === 0) return { kind: 'identity' };
  if (codings.length === 1 && (codings[0] === 'gzip' || codings[0] === 'x-gzip')) return { kind: 'gzip' };
  return { kind: 'unsupported', name: header.trim() };
}

function parse(chunks: readonly Buffer[], size: number): BodyResult {
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks, size).toString('utf8')) as unknown };
  } catch {
    return { ok: false, status: 400, code: -32700, message: 'Parse error: the request body is not valid JSON' };
  }
}

function unsupported(name: string): BodyResult {
  const message = `Unsupported Content-Encoding ${JSON.stringify(name)}: send the body uncompressed or as gzip`;
  return { ok: false, status: 415, code: -32600, message };
}

function corrupt(error: Error): BodyResult {
  const message = `Parse error: the gzip body does not decompress (${error.message})`;
  return { ok: false, status: 400, code: -32700, message };
}

/**
 * Reads `source` into memory up to `limit` bytes. Past the limit it reports 413 at once and keeps nothing more;
 * `onTooLarge` stops or drains the source. A stream error rejects, unless `mapError` turns it into an answer.
 */
function collect(
  source: Readable,
  limit: number,
  onTooLarge: () => void,
  mapError?: (error: Error) => BodyResult,
): Promise<BodyResult> {
  return new Promise<BodyResult>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      chunks.length = 0;
      source.off('data', onData);
      onTooLarge();
      resolve(TOO_LARGE);
    };
    source.on('data', onData);
    source.on('end', () => resolve(size > limit ? TOO_LARGE : parse(chunks, size)));
    source.on('error', (error) => (mapError ? resolve(mapError(error)) : reject(error)));
  });
}

/** Inflates a gzip body as it arrives, counting the limit on the inflated side. */
function readGzipBody(request: IncomingMessage, limit: number): Promise<BodyResult> {
  const gunzip = createGunzip();
  const stop = (): void => {
    request.unpipe(gunzip);
    gunzip.destroy();
    request.resume();
  };
  const decoded = collect(gunzip, limit, stop, (error) => {
    stop();
    return corrupt(error);
  });
  const aborted = new Promise<never>((_, reject) => request.once('error', reject));
  request.pipe(gunzip);
  return Promise.race([decoded, aborted]);
}

/**
 * Reads and parses a JSON request body, decoding `Content-Encoding: gzip`. The limit applies to the declared
 * length and to the decoded bytes, so a small gzip bomb stops at `limit` instead of being inflated in full. Past it:
 * 413 at once, nothing more kept (the rest is drained, not buffered). An unsupported coding is a 415 without reading
 * the body. Callers answer 413 and 415 with `connection: close`.
 */
export function readJsonBody(request: IncomingMessage, limit = MAX_REQUEST_BODY_BYTES): Promise<BodyResult> {
  const coding = contentCoding(request.headers);
  const declared = Number(request.headers['content-length']);
  if (coding.kind === 'unsupported' || (Number.isFinite(declared) && declared > limit)) {
    request.resume();
    return Promise.resolve(coding.kind === 'unsupported' ? unsupported(coding.name) : TOO_LARGE);
  }
  if (coding.kind === 'gzip') return readGzipBody(request, limit);
  return collect(request, limit, () => request.resume());
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
