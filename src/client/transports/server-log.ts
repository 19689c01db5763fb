import type { Writable } from 'node:stream';

const TAIL_BYTES = 4096;

/**
 * Where a spawned server's stderr goes: kept out of our own output, optionally written to a log file, and its last
 * few KiB kept in memory so a crash can be explained in one line with the server's last words.
 */
export class ServerLog {
  private recent = '';
  private written = 0;

  constructor(private readonly file: Writable | null = null) {}

  write(chunk: Buffer | string): void {
    const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    this.written += text.length;
    this.file?.write(text);
    this.recent = (this.recent + text).slice(-TAIL_BYTES);
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
    return new Promise((resolve) => file.end(resolve));
  }
}
