import { finished, type Writable } from 'node:stream';

const TAIL_BYTES = 4096;

/** A line longer than this is passed on (masked) before its end arrives, so a server printing no newline is bounded. */
const LONGEST_HELD_LINE = 64 * 1024;

/**
 * Where a spawned server's stderr goes: kept out of our own output, optionally written to a log file, and its last
 * few KiB kept in memory so a crash can be explained in one line with the server's last words. A server may repeat
 * what it was given (its env, a token in its arguments), so what is logged and quoted goes through `mask` first
 * (input/secrets.ts), a whole line at a time so no value is split between two chunks.
 */
export class ServerLog {
  private recent = '';
  private pending = '';
  private written = 0;
  private file: Writable | null;
  private failure: string | null = null;

  /**
   * A log file that fails (disk full, a path that takes no writes) must not end the run with an unhandled `error`
   * event: writing to it stops, the tail is still kept, and `writeFailure` says why. Every line is masked (`mask`:
   * the run's secrets) before it is kept or written.
   */
  constructor(
    file: Writable | null = null,
    private readonly mask: (text: string) => string = (text) => text,
  ) {
    this.file = file;
    file?.on('error', (error: NodeJS.ErrnoException) => {
      this.failure ??= error.code ?? 'error';
      this.file = null;
    });
  }

  write(chunk: Buffer | string): void {
    const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    this.written += text.length;
    this.pending += text;
    // Only the new text is searched: a line arriving a byte at a time costs no more than one arriving whole.
    const newline = text.lastIndexOf('\n');
    const end = this.pending.length > LONGEST_HELD_LINE ? this.pending.length : newline === -1 ? 0 : this.pending.length - text.length + newline + 1;
    if (end === 0) return;
    this.pass(this.pending.slice(0, end));
    this.pending = this.pending.slice(end);
  }

  /** The error code that stopped the log file, or null while it is fine (or there is none). */
  get writeFailure(): string | null {
    return this.failure;
  }

  /** The last non-empty lines the server wrote, for error messages (a last line without its newline included). */
  tail(lines = 5): string[] {
    return (this.recent + this.mask(this.pending))
      .split('\n')
      .map((line) => line.trimEnd())
      .filter(Boolean)
      .slice(-lines);
  }

  /** Characters the server wrote to stderr so far. */
  get charsWritten(): number {
    return this.written;
  }

  close(): Promise<void> {
    if (this.pending !== '') this.pass(this.pending);
    this.pending = '';
    const file = this.file;
    if (!file) return Promise.resolve();
    this.file = null;
    // end's callback is not called when the stream fails; finished() reports the end either way.
    return new Promise((resolve) => {
      finished(file, () => resolve());
      file.end();
    });
  }

  private pass(text: string): void {
    const shown = this.mask(text);
    this.file?.write(shown);
    this.recent = (this.recent + shown).slice(-TAIL_BYTES);
  }
}
