/**
 * An incremental parser of `text/event-stream` bodies (the subset MCP uses): feeds chunks, calls `onEvent` with
 * each complete event's type and data. Comments, `id:` and `retry:` lines are accepted and ignored.
 */
export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private event = 'message';

  constructor(private readonly onEvent: (event: string, data: string) => void) {}

  push(chunk: string): void {
    this.buffer += chunk;
    let newline = this.buffer.indexOf('\n');
    while (newline !== -1) {
      const line = this.buffer.charCodeAt(newline - 1) === 13 ? this.buffer.slice(0, newline - 1) : this.buffer.slice(0, newline);
      this.buffer = this.buffer.slice(newline + 1);
      this.line(line);
      newline = this.buffer.indexOf('\n');
    }
  }

  /** Flushes an event not followed by a blank line when the stream ends. */
  end(): void {
    if (this.buffer) this.line(this.buffer);
    this.buffer = '';
    this.line('');
  }

  private line(line: string): void {
    if (line === '') {
      // An event whose data is empty is not dispatched (the SSE standard): servers with resumable streams open
      // each answer with such a "priming" event that carries only an id.
      const data = this.data.join('\n');
      if (data !== '') this.onEvent(this.event, data);
      this.data = [];
      this.event = 'message';
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
  }
}
