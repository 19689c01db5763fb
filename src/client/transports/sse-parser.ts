/**
 * An incremental parser of `text/event-stream` bodies (the subset MCP uses): feeds chunks, calls `onEvent` with
 * each complete event's type and data (and the `context` it was made with, so a caller needs no closure per
 * stream). Comments, `id:` and `retry:` lines are accepted and ignored.
 *
 * Linear in the body's size: each chunk is searched for a line end once; a chunk without one is appended to the
 * incomplete line (a rope, never searched again) until the chunk that ends the line arrives. A 16 MiB event in
 * 64 KiB chunks costs one flattening, not 256 ever-longer rescans. Lines are read in place by index, so a line
 * costs at most the one substring its value becomes.
 */
export class SseParser<C = undefined> {
  /** The start of an incomplete line: the chunks since the last line end. */
  private pending = '';
  /** The data lines of the event being read, joined by `\n`; null before its first data line. */
  private data: string | null = null;
  private event = 'message';

  constructor(
    private readonly onEvent: (event: string, data: string, context: C) => void,
    private readonly context: C = undefined as C,
  ) {}

  push(chunk: string): void {
    let newline = chunk.indexOf('\n');
    if (newline === -1) {
      this.pending += chunk;
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
      newline = text.indexOf('\n', start);
    }
    if (start < text.length) this.pending = text.slice(start);
  }

  /** Flushes an event not followed by a blank line when the stream ends. */
  end(): void {
    const rest = this.pending;
    this.pending = '';
    if (rest !== '') this.line(rest, 0, rest.length);
    this.line('', 0, 0);
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
    }
  }
}
