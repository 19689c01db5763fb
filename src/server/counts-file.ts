import { appendFileSync } from 'node:fs';
import type { Counts } from './counter.js';

/**
 * `mcp-bench serve --counts-file PATH`: when the server stops (its stdin closed, SIGTERM, SIGINT at a terminal —
 * whichever way mcp-bench or a person stops it), it appends one JSON line to PATH with what it received (the counts
 * its `stats` tool gives) and what its leak knobs kept. A test that recycles servers (a pool that replaces a session
 * after N calls, an age, an RSS limit) reads one line per server process and reconciles the calls sent with the calls
 * received over all of them. A process killed by SIGKILL (a memory limit, the last step of a stop) writes nothing.
 */
export interface CountsLine {
  readonly pid: number;
  readonly transport: 'stdio' | 'http';
  /** Over stdio: bytes the leak knobs kept (per session and per call). */
  readonly leakedBytes?: number;
  readonly counts: Counts;
}

/**
 * Appends `line` to `path` synchronously (the process may exit right after), creating the file if needed; several
 * processes may append to one file, each line written by one call. Returns why it could not be written, or null.
 */
export function appendCountsLine(path: string, line: CountsLine): string | null {
  try {
    appendFileSync(path, `${JSON.stringify(line)}\n`);
    return null;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  }
}

/** The lines of a counts file's text, oldest first (a test reading one back). */
export function readCountsLines(text: string): CountsLine[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as CountsLine);
}
