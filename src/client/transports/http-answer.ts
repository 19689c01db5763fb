import type http from 'node:http';
import { StringDecoder } from 'node:string_decoder';
import { createBrotliDecompress, createGunzip, type BrotliDecompress, type Gunzip } from 'node:zlib';
import type { AnswerCoding } from '../policies.js';

/**
 * Reading one HTTP answer's body: the bytes as they come off the wire, decoded when the server compressed them
 * (`Content-Encoding: gzip` or `br`, inflated as they stream in — never buffered whole), as UTF-8 text in order.
 * It counts the body's bytes both ways (`wireBytes`, `decodedBytes`), so a call's answer size reaches its trace.
 *
 * Memory stays bounded by whoever reads the text: it calls stop() the moment what it holds passes its limit (a JSON
 * body, one event), and the decoder is destroyed there and then — a small gzip bomb inflates by at most one more
 * chunk (zlib's 16 KiB), never in full. A body that does not decode ends with `answerUndecodable`.
 *
 * The listeners are module-level functions that find their reader on the stream they are called on (tagged with
 * READER), as http-exchange-events.ts does for exchanges: reading a body creates no closure. `answerClosed` comes
 * once, last: when the response has closed and, if it was being decoded, the decoder has finished with what came.
 */
export interface AnswerListener {
  /** Decoded text of the body, in order. */
  answerText(chunk: string): void;
  /** The whole body has been read (and decoded). */
  answerEnd(): void;
  /** The body is not valid gzip or brotli. */
  answerUndecodable(error: Error): void;
  /** The response closed (after its end, or cut short) and nothing more will be read from it. */
  answerClosed(): void;
}

/** How a response's body is encoded, from its Content-Encoding: none, a coding mcp-bench decodes, or another. */
export type BodyCoding = 'identity' | AnswerCoding | { readonly unsupported: string };

export function bodyCoding(res: http.IncomingMessage): BodyCoding {
  const header = res.headers['content-encoding'];
  if (header === undefined) return 'identity';
  const codings = header.split(',').map((coding) => coding.trim().toLowerCase()).filter((coding) => coding !== '' && coding !== 'identity');
  if (codings.length === 0) return 'identity';
  if (codings.length === 1 && (codings[0] === 'gzip' || codings[0] === 'x-gzip')) return 'gzip';
  if (codings.length === 1 && codings[0] === 'br') return 'br';
  return { unsupported: header.trim() };
}

/** The Accept-Encoding value asking for `codings`, in the order of preference given: `gzip, br`. */
export function acceptEncoding(codings: readonly AnswerCoding[]): string {
  return codings.join(', ');
}

type Decoder = Gunzip | BrotliDecompress;
const READER = Symbol('mcp-bench.answer-reader');
type Tagged<T> = T & { [READER]?: AnswerReader };

export class AnswerReader {
  /** Body bytes received, as sent (compressed or not). Kept over every response read (a resumed stream adds). */
  wireBytes = 0;
  /** Body bytes after decoding (equal to wireBytes for a plain body). */
  decodedBytes = 0;
  private res: Tagged<http.IncomingMessage> | null = null;
  private decoder: Tagged<Decoder> | null = null;
  private utf8: StringDecoder | null = null;
  private resClosed = false;
  private decoderDone = false;
  private stopped = false;

  constructor(private readonly listener: AnswerListener) {}

  /** Watches `res` for its close (whether its body is read or not). */
  attach(res: http.IncomingMessage): void {
    this.res = res;
    this.resClosed = false;
    this.stopped = false;
    this.decoder = null;
    this.decoderDone = false;
    (res as Tagged<http.IncomingMessage>)[READER] = this;
    res.on('close', onResponseClose);
  }

  /** Reads the attached response's body, decoding `coding` (gzip or br) or taking it as it is (identity). */
  read(coding: 'identity' | AnswerCoding): void {
    const res = this.res;
    if (res === null) return;
    this.utf8 = new StringDecoder('utf8');
    if (coding !== 'identity') {
      const decoder = (coding === 'gzip' ? createGunzip() : createBrotliDecompress()) as Tagged<Decoder>;
      decoder[READER] = this;
      decoder.on('data', onDecoded);
      decoder.on('end', onDecodedEnd);
      decoder.on('error', onDecodeError);
      decoder.on('close', onDecoderClose);
      decoder.on('drain', onDecoderDrain);
      this.decoder = decoder;
    }
    res.on('data', onWireData);
    res.on('end', onWireEnd);
  }

  /** Nothing more of this body is wanted (too large, or its call is over): no more text; the decoder stops now. */
  stop(): void {
    this.stopped = true;
    this.decoder?.destroy();
  }

  /** Lets go of the response and its decoder: their events reach nobody from now on (the byte counts stay). */
  detach(): void {
    if (this.res !== null) delete this.res[READER];
    if (this.decoder !== null) {
      delete this.decoder[READER];
      this.decoder.destroy();
    }
    this.res = null;
    this.decoder = null;
    this.utf8 = null;
  }

  /** @internal */ wire(chunk: Buffer): void {
    this.wireBytes += chunk.length;
    if (this.stopped) return;
    const decoder = this.decoder;
    if (decoder === null) return this.decoded(chunk);
    if (!decoder.write(chunk)) this.res?.pause();
  }

  /** @internal */ wireEnd(): void {
    if (this.decoder !== null) this.decoder.end();
    else this.decodedEnd();
  }

  /** @internal */ decoded(chunk: Buffer): void {
    this.decodedBytes += chunk.length; // counted even once stopped: what was inflated, wanted or not
    if (this.stopped) return;
    const text = this.utf8!.write(chunk);
    if (text !== '') this.listener.answerText(text);
  }

  /** @internal */ decodedEnd(): void {
    if (this.stopped) return;
    const rest = this.utf8!.end();
    if (rest !== '') this.listener.answerText(rest);
    this.listener.answerEnd();
  }

  /** @internal */ undecodable(error: Error): void {
    if (this.stopped) return;
    this.stopped = true;
    this.listener.answerUndecodable(error);
  }

  /** @internal */ decoderDrained(): void {
    this.res?.resume();
  }

  /** @internal the response closed: done, unless its decoder still works through what came (cut short: it stops). */
  responseClosed(): void {
    this.resClosed = true;
    const decoder = this.decoder;
    if (decoder === null || this.decoderDone) return this.listener.answerClosed();
    if (this.res?.complete !== true) decoder.destroy();
  }

  /** @internal */ decoderClosed(): void {
    this.decoderDone = true;
    if (this.resClosed) this.listener.answerClosed();
  }
}

function onResponseClose(this: Tagged<http.IncomingMessage>): void {
  this[READER]?.responseClosed();
}

function onWireData(this: Tagged<http.IncomingMessage>, chunk: Buffer): void {
  this[READER]?.wire(chunk);
}

function onWireEnd(this: Tagged<http.IncomingMessage>): void {
  this[READER]?.wireEnd();
}

function onDecoded(this: Tagged<Decoder>, chunk: Buffer): void {
  this[READER]?.decoded(chunk);
}

function onDecodedEnd(this: Tagged<Decoder>): void {
  this[READER]?.decodedEnd();
}

function onDecodeError(this: Tagged<Decoder>, error: Error): void {
  this[READER]?.undecodable(error);
}

function onDecoderClose(this: Tagged<Decoder>): void {
  this[READER]?.decoderClosed();
}

function onDecoderDrain(this: Tagged<Decoder>): void {
  this[READER]?.decoderDrained();
}
