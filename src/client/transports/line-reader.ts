import { OVERSIZED_EDGE_CHARS } from './bad-output.js';

/** Where a LineReader's lines go. */
export interface LineSink {
  /** One line, without its `\n` (nor a `\r` before it); blank lines are not passed on. `bytes`: the line's, `\n` included. */
  line(text: string, bytes: number): void;
  /** A line longer than the limit, skipped: its first and last few hundred bytes, and the limit in words. */
  oversized(head: string, tail: string, what: string): void;
}

/**
 * Splits a byte stream into newline-delimited lines of at most `maxLineBytes` bytes. A longer line is never held
 * whole: once it passes the limit, only its first and last few hundred bytes are kept while the rest streams by, and
 * the stream resynchronizes at the next newline. Each byte is searched for a newline once; a line split over chunks
 * is joined once, when its end arrives (the SDK's ReadBuffer joins the buffer on every chunk, and gives up at 10 MiB).
 */
export class LineReader {
  private pieces: Buffer[] = [];
  private pendingBytes = 0;
  /** Set while skipping an oversized line: its start, and the last bytes seen of it. */
  private head: string | null = null;
  private tail: Buffer = Buffer.alloc(0);

  constructor(
    private readonly maxLineBytes: number,
    private readonly sink: LineSink,
    /** The limit in words, for messages (`16 MiB`). */
    private readonly limitText: string,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    let newline = chunk.indexOf(10, start);
    while (newline !== -1) {
      this.complete(chunk, start, newline);
      start = newline + 1;
      newline = chunk.indexOf(10, start);
    }
    if (start < chunk.length) this.partial(chunk.subarray(start));
  }

  clear(): void {
    this.pieces = [];
    this.pendingBytes = 0;
    this.head = null;
    this.tail = Buffer.alloc(0);
  }

  /** The line ending at `end` (exclusive) of `chunk`, begun at `start` or in earlier chunks. */
  private complete(chunk: Buffer, start: number, end: number): void {
    if (this.head === null && this.pendingBytes === 0 && end - start <= this.maxLineBytes) {
      return this.emit(chunk.toString('utf8', start, end), end - start + 1); // the usual case: a whole line in one chunk
    }
    if (end > start) this.partial(chunk.subarray(start, end));
    if (this.head !== null) {
      const head = this.head;
      const tail = this.tail.toString('utf8');
      this.clear();
      return this.sink.oversized(head, tail, this.limitText);
    }
    const text = (this.pieces.length === 1 ? this.pieces[0]! : Buffer.concat(this.pieces, this.pendingBytes)).toString('utf8');
    const bytes = this.pendingBytes + 1;
    this.clear();
    this.emit(text, bytes);
  }

  /** Part of a line whose end has not arrived yet. */
  private partial(part: Buffer): void {
    if (this.head !== null) return this.keepTail(part);
    if (this.pendingBytes + part.length <= this.maxLineBytes) {
      this.pieces.push(part);
      this.pendingBytes += part.length;
      return;
    }
    // Over the limit: keep the edges only, from here to the line's end.
    this.head = firstBytes([...this.pieces, part], OVERSIZED_EDGE_CHARS).toString('utf8');
    const last = this.pieces[this.pieces.length - 1];
    if (last) this.keepTail(last);
    this.pieces = [];
    this.pendingBytes = 0;
    this.keepTail(part);
  }

  private keepTail(part: Buffer): void {
    if (part.length >= OVERSIZED_EDGE_CHARS) {
      this.tail = Buffer.from(part.subarray(part.length - OVERSIZED_EDGE_CHARS)); // a copy: the chunk is not retained
      return;
    }
    const joined = Buffer.concat([this.tail, part]);
    this.tail = joined.subarray(Math.max(0, joined.length - OVERSIZED_EDGE_CHARS));
  }

  private emit(text: string, bytes: number): void {
    const line = text.charCodeAt(text.length - 1) === 13 ? text.slice(0, -1) : text;
    if (line.length === 0 || (line.charCodeAt(0) <= 32 && line.trim() === '')) return;
    this.sink.line(line, bytes);
  }
}

function firstBytes(parts: readonly Buffer[], n: number): Buffer {
  const taken: Buffer[] = [];
  let size = 0;
  for (const part of parts) {
    if (size >= n) break;
    const piece = part.subarray(0, n - size);
    taken.push(piece);
    size += piece.length;
  }
  return Buffer.concat(taken, size);
}
