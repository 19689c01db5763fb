import { OVERSIZED_EDGE_CHARS } from './bad-output.js';

/** An event larger than the limit: skipped to its end; its data's first and last few hundred characters are kept. */
export type OversizedEvent<C> = (head: string, tail: string, context: C) => void;

/**
 * An incremental parser of `text/event-stream` bodies (the subset MCP uses): feeds chunks, calls `onEvent` with
 * each complete event's type and data (and the `context` it was made with, so a caller needs no closure per
 * stream). Comments are ignored; `id:` and `retry:` fields are kept (lastEventId, retryMs) for resuming a stream
 * (stream-resumption.ts): an id counts even on an event with no data, such as a resumable server's priming event.
 *
 * Linear in the body's size: each chunk is searched for a line end once; a chunk without one is appended to the
 * incomplete line (a rope, never searched again) until the chunk that ends the line arrives. A 16 MiB event in
 * 64 KiB chunks costs one flattening, not 256 ever-longer rescans. Lines are read in place by index, so a line
 * costs at most the one substring its value becomes.
 *
 * With `maxEventChars`, an event whose lines pass that many characters is not held: from there to its end (the blank
 * line) the text streams by, only its edges kept, and `onOversized` is called instead of `onEvent`. With `stopAtLimit`,
 * `onOversized` is called the moment the limit is passed (its tail empty) and the parser reads nothing more: for a
 * reader that drops the whole stream then (a POST's answer), so not one more byte of it is inflated or scanned.
 */
export class SseParser<C = undefined> {
  /** The start of an incomplete line: the chunks since the last line end. */
  private pending = '';
  /** The data lines of the event being read, joined by `\n`; null before its first data line. */
  private data: string | null = null;
  private event = 'message';
  /** While skipping an oversized event: its data's start, the last characters seen, whether the line has content. */
  private skipHead: string | null = null;
  private skipTail = '';
  private skipLineHasText = false;
  /** The last `id:` field's value (the SSE standard's last event ID buffer); null before any. */
  lastEventId: string | null = null;
  /** The last valid `retry:` field, in milliseconds (the reconnection time); null before any. */
  retryMs: number | null = null;

  constructor(
    private readonly onEvent: (event: string, data: string, context: C) => void,
    private readonly context: C = undefined as C,
    private readonly maxEventChars = Infinity,
    private readonly onOversized: OversizedEvent<C> | null = null,
    private readonly stopAtLimit = false,
  ) {}

  /** True once an oversized event stopped a `stopAtLimit` parser. */
  private stopped = false;

  push(chunk: string): void {
    if (this.stopped) return;
    if (this.skipHead !== null) return this.skip(chunk);
    let newline = chunk.indexOf('\n');
    if (newline === -1) {
      this.pending += chunk;
      if (this.pending.length + (this.data?.length ?? 0) > this.maxEventChars) this.startSkipping();
      return;
    }
    let text = chunk;
    if (this.pending !== '') {
      text = this.pending + chunk;
      newline += this.pending.length;
      this.pending = '';
    }
    let start = 0;
    while (newline !== -1) {
      const end = newline > start && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
      this.line(text, start, end);
      start = newline + 1;
      if (this.data !== null && this.data.length > this.maxEventChars) {
        this.startSkipping();
        return this.skip(text.slice(start), true);
      }
      newline = text.indexOf('\n', start);
    }
    if (start < text.length) this.push(text.slice(start));
  }

  /** Flushes an event not followed by a blank line when the stream ends. */
  end(): void {
    if (this.stopped) return;
    if (this.skipHead !== null) this.skip('\n\n');
    const rest = this.pending;
    this.pending = '';
    if (rest !== '') this.line(rest, 0, rest.length);
    this.line('', 0, 0);
  }

  /** The event passed the limit: keep its data's first characters, drop what is held. */
  private startSkipping(): void {
    const pending = this.pending.startsWith('data:') ? this.pending.slice(this.pending.startsWith('data: ') ? 6 : 5) : '';
    const data = this.data === null ? pending : `${this.data}\n${pending}`;
    this.skipHead = data.slice(0, OVERSIZED_EDGE_CHARS);
    this.skipTail = data.slice(-OVERSIZED_EDGE_CHARS);
    this.skipLineHasText = this.pending !== '';
    this.pending = '';
    this.data = null;
    if (!this.stopAtLimit) return;
    this.stopped = true;
    this.onOversized?.(this.skipHead, '', this.context);
  }

  /** Text of an oversized event, up to the blank line that ends it; what follows is parsed as usual. */
  private skip(chunk: string, atLineStart = false): void {
    if (this.stopped) return;
    if (atLineStart) this.skipLineHasText = false;
    let start = 0;
    let newline = chunk.indexOf('\n');
    while (newline !== -1) {
      const empty = !this.skipLineHasText && (newline === start || (newline === start + 1 && chunk.charCodeAt(start) === 13));
      if (empty) {
        this.keepTail(chunk.slice(Math.max(0, start - OVERSIZED_EDGE_CHARS), start));
        const head = this.skipHead as string;
        const tail = this.skipTail.replace(/^(?:data: ?)|[\r\n]+$/g, '');
        this.skipHead = null;
        this.skipTail = '';
        this.event = 'message';
        this.onOversized?.(head, tail, this.context);
        if (newline + 1 < chunk.length) this.push(chunk.slice(newline + 1));
        return;
      }
      this.skipLineHasText = false;
      start = newline + 1;
      newline = chunk.indexOf('\n', start);
    }
    if (start < chunk.length) this.skipLineHasText = true;
    this.keepTail(chunk.slice(Math.max(0, chunk.length - OVERSIZED_EDGE_CHARS)));
  }

  private keepTail(text: string): void {
    this.skipTail = text.length >= OVERSIZED_EDGE_CHARS ? text : (this.skipTail + text).slice(-OVERSIZED_EDGE_CHARS);
  }

  /** The line `text[start, end)`. */
  private line(text: string, start: number, end: number): void {
    if (start === end) {
      // An event whose data is empty is not dispatched (the SSE standard): servers with resumable streams open
      // each answer with such a "priming" event that carries only an id.
      const data = this.data;
      if (data !== null && data !== '') this.onEvent(this.event, data, this.context);
      this.data = null;
      this.event = 'message';
      return;
    }
    if (text.charCodeAt(start) === 58 /* : a comment */) return;
    let colon = start;
    while (colon < end && text.charCodeAt(colon) !== 58) colon++;
    let valueStart = colon < end ? colon + 1 : end;
    if (valueStart < end && text.charCodeAt(valueStart) === 32 /* one optional space */) valueStart++;
    const fieldLength = colon - start;
    if (fieldLength === 4 && text.startsWith('data', start)) {
      const value = text.slice(valueStart, end);
      this.data = this.data === null ? value : `${this.data}\n${value}`;
    } else if (fieldLength === 5 && text.startsWith('event', start)) {
      this.event = text.slice(valueStart, end);
    } else if (fieldLength === 2 && text.startsWith('id', start)) {
      const id = text.slice(valueStart, end);
      if (!id.includes('\0')) this.lastEventId = id;
    } else if (fieldLength === 5 && text.startsWith('retry', start)) {
      const value = text.slice(valueStart, end);
      if (/^\d+$/.test(value)) this.retryMs = Number(value);
    }
  }
}
