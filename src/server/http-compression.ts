import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { constants, createBrotliCompress, createGzip, type BrotliCompress, type Gzip } from 'node:zlib';
import type { MessageCounter } from './counter.js';
import { negotiateAnswerCoding, type AnswerCoding } from './http-accept-encoding.js';

/** A JSON answer is compressed from this size up; smaller ones gain nothing worth the CPU. */
export const COMPRESS_ANSWERS_FROM_BYTES = 1024;

/**
 * brotli's quality for answers made on the fly: 4, the usual choice for dynamic content (about gzip's speed with a
 * better ratio); Node's default, 11, is meant for static files and costs seconds per megabyte.
 */
export const BROTLI_QUALITY = 4;

const COMPRESSIBLE_TYPES: ReadonlySet<string> = new Set(['application/json', 'text/event-stream']);

type Compressor = Gzip | BrotliCompress;
type Chunk = string | Uint8Array;
type Callback = (error?: Error | null) => void;

function mediaTypeOf(value: unknown): string {
  const text = String(value ?? '');
  const semicolon = text.indexOf(';');
  return (semicolon === -1 ? text : text.slice(0, semicolon)).trim().toLowerCase();
}

function compressor(coding: AnswerCoding, sizeHint: number): Compressor {
  if (coding === 'gzip') return createGzip();
  const params: Record<number, number> = { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT };
  if (sizeHint > 0) params[constants.BROTLI_PARAM_SIZE_HINT] = sizeHint;
  return createBrotliCompress({ params });
}

function addVary(response: ServerResponse): void {
  const vary = response.getHeader('vary');
  if (vary === undefined) return void response.setHeader('vary', 'Accept-Encoding');
  const text = Array.isArray(vary) ? vary.join(', ') : String(vary);
  if (!/(?:^|,)\s*(?:accept-encoding|\*)\s*(?:,|$)/i.test(text)) response.setHeader('vary', `${text}, Accept-Encoding`);
}

/**
 * Sends one answer compressed, when it should be: the request accepted gzip or br (http-accept-encoding.ts) and the
 * answer is JSON of at least COMPRESS_ANSWERS_FROM_BYTES, or an event stream (its size unknown when its headers go:
 * compressed whatever it carries, each write flushed at once — Z_SYNC_FLUSH, BROTLI_OPERATION_FLUSH — so every event
 * reaches the client when it is written and a streamed call never stalls in the compressor). Such answers get
 * `Vary: Accept-Encoding`, compressed or not (the size decides), and a compressed one loses its Content-Length.
 *
 * It wraps the response object itself (writeHead, write, end), so whatever writes the answer — the SDK's
 * transports through Hono's adapter, or the server's own sendJson — needs to know nothing about it. Counted in the
 * server's `http` counts (gzipAnswers, brAnswers). A request that accepts no coding is left untouched.
 */
export function compressAnswer(request: IncomingMessage, response: ServerResponse, counter: MessageCounter): void {
  if (request.method === 'HEAD') return;
  const coding = negotiateAnswerCoding(request.headers['accept-encoding']);
  if (coding !== null) new CompressedAnswer(response, coding, counter).install();
}

class CompressedAnswer {
  private stream: Compressor | null = null;
  private flushEach = false;
  private readonly writeHead: ServerResponse['writeHead'];
  private readonly write: (chunk: Chunk, encoding?: BufferEncoding, callback?: Callback) => boolean;
  private readonly end: (callback?: () => void) => ServerResponse;

  constructor(
    private readonly response: ServerResponse,
    private readonly coding: AnswerCoding,
    private readonly counter: MessageCounter,
  ) {
    this.writeHead = response.writeHead;
    this.write = response.write as CompressedAnswer['write'];
    this.end = response.end as CompressedAnswer['end'];
  }

  install(): void {
    const response = this.response as unknown as Record<'writeHead' | 'write' | 'end', unknown>;
    response.writeHead = (status: number, ...rest: unknown[]): ServerResponse => this.head(status, rest);
    response.write = (chunk: Chunk, encoding?: BufferEncoding | Callback, callback?: Callback): boolean => this.writeBody(chunk, encoding, callback);
    response.end = (chunk?: Chunk | (() => void), encoding?: BufferEncoding | (() => void), callback?: () => void): ServerResponse =>
      this.endBody(chunk, encoding, callback);
  }

  /** writeHead: the headers given are set first, so the decision sees them all; then node:http's own writeHead. */
  private head(status: number, rest: unknown[]): ServerResponse {
    const message = typeof rest[0] === 'string' ? rest[0] : undefined;
    const headers = message === undefined ? rest[0] : rest[1];
    if (Array.isArray(headers)) return this.writeHead.call(this.response, status, ...(rest as [])); // raw pairs: left alone
    for (const [name, value] of Object.entries((headers ?? {}) as OutgoingHttpHeaders)) {
      if (value !== undefined) this.response.setHeader(name, value);
    }
    this.decide(status);
    const writeHead = this.writeHead as (status: number, message?: string) => ServerResponse;
    return message === undefined ? writeHead.call(this.response, status) : writeHead.call(this.response, status, message);
  }

  private decide(status: number): void {
    const response = this.response;
    const type = mediaTypeOf(response.getHeader('content-type'));
    if (status < 200 || status === 204 || status === 304 || !COMPRESSIBLE_TYPES.has(type)) return;
    if (response.getHeader('content-encoding') !== undefined) return;
    addVary(response);
    const length = Number(response.getHeader('content-length') ?? NaN);
    if (Number.isFinite(length) && length < COMPRESS_ANSWERS_FROM_BYTES) return;
    response.removeHeader('content-length');
    response.setHeader('content-encoding', this.coding);
    this.flushEach = type === 'text/event-stream';
    this.stream = this.open(Number.isFinite(length) ? length : 0);
    this.counter.recordHttp(this.coding === 'gzip' ? 'gzipAnswers' : 'brAnswers');
  }

  /** The compressor, its output written to the response, backpressure passed both ways. */
  private open(sizeHint: number): Compressor {
    const response = this.response;
    const stream = compressor(this.coding, sizeHint);
    stream.on('data', (chunk: Buffer) => {
      if (!this.write.call(response, chunk)) stream.pause();
    });
    response.on('drain', () => stream.resume());
    stream.on('drain', () => response.emit('drain'));
    stream.on('error', (error) => response.destroy(error));
    response.once('close', () => stream.destroy());
    return stream;
  }

  /** Headers not written yet (write or end without writeHead): decided now, with the body's size when end knows it. */
  private implicitHead(chunk: Chunk | undefined): void {
    if (this.response.headersSent) return;
    if (chunk !== undefined && !this.response.hasHeader('content-length')) this.response.setHeader('content-length', Buffer.byteLength(chunk));
    this.head(this.response.statusCode, []);
  }

  private writeBody(chunk: Chunk, encoding: BufferEncoding | Callback | undefined, callback: Callback | undefined): boolean {
    if (typeof encoding === 'function') return this.writeBody(chunk, undefined, encoding);
    this.implicitHead(undefined);
    const stream = this.stream;
    if (stream === null) return this.write.call(this.response, chunk, encoding as BufferEncoding, callback);
    const ok = encoding === undefined ? stream.write(chunk, callback) : stream.write(chunk, encoding, callback);
    if (this.flushEach) stream.flush(this.coding === 'gzip' ? constants.Z_SYNC_FLUSH : constants.BROTLI_OPERATION_FLUSH);
    return ok;
  }

  private endBody(chunk: Chunk | (() => void) | undefined, encoding: BufferEncoding | (() => void) | undefined, callback: (() => void) | undefined): ServerResponse {
    if (typeof chunk === 'function') return this.endBody(undefined, undefined, chunk);
    if (typeof encoding === 'function') return this.endBody(chunk, undefined, encoding);
    this.implicitHead(chunk);
    const stream = this.stream;
    if (stream === null) {
      const args = [chunk, encoding, callback].filter((arg) => arg !== undefined);
      return (this.end as (...args: unknown[]) => ServerResponse).call(this.response, ...args);
    }
    if (chunk !== undefined) {
      if (encoding === undefined) stream.write(chunk);
      else stream.write(chunk, encoding);
    }
    stream.once('end', () => this.end.call(this.response, callback));
    stream.end();
    return this.response;
  }
}
