import { finished, type Writable } from 'node:stream';

const TAIL_BYTES = 4096;

/**
 * Where a spawned server's stderr goes: kept out of our own output, optionally written to a log file, and its last
 * few KiB kept in memory so a crash can be explained in one line with the server's last words.
 */
export class ServerLog {
  private recent = '';
  private written = 0;
  private file: Writable | null;
  private failure: string | null = null;

  /**
   * A log file that fails (disk full, a path that takes no writes) must not end the run with an unhandled `error`
   * event: writing to it stops, the tail is still kept, and `writeFailure` says why.
   */
  constructor(file: Writable | null = null) {
    this.file = file;
    file?.on('error', (error: NodeJS.ErrnoException) => {
      this.failure ??= error.code ?? 'error';
      this.file = null;
    });
  }

  write(chunk: Buffer | string): void {
    const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    this.written += text.length;
    this.file?.write(text);
    this.recent = (this.recent + text).slice(-TAIL_BYTES);
  }

  /** The error code that stopped the log file, or null while it is fine (or there is none). */
  get writeFailure(): string | null {
    return this.failure;
  }

  /** The last non-empty lines the server wrote, for error messages. */
  tail(lines = 5): string[] {
    return this.recent
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
    const file = this.file;
    if (!file) return Promise.resolve();
    this.file = null;
    // end's callback is not called when the stream fails; finished() reports the end either way.
    return new Promise((resolve) => {
      finished(file, () => resolve());
      file.end();
    });
  }
}
