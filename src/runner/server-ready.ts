/**
 * When a server mcp-bench started (started-server.ts) is ready: the wait itself, pure over an injected clock and
 * probes (tested with a FakeClock), the URL probe (any HTTP answer means it listens), and the log watch (a line of
 * its output matching `ready: { log }`).
 */
import http from 'node:http';
import https from 'node:https';
import type { Clock } from '../time/clock.js';

/** How the process ended: its exit code, or the signal that ended it. */
export interface ExitInfo {
  readonly code: number | null;
  readonly signal: string | null;
}

export type ReadyResult = { readonly kind: 'ready'; readonly afterUs: number } | { readonly kind: 'exited'; readonly exit: ExitInfo } | { readonly kind: 'timeout' } | { readonly kind: 'interrupted' };

export interface ReadyWait {
  readonly clock: Clock;
  readonly timeoutUs: number;
  /** True once the server answers (or logged its line); never throws. */
  readonly probe: () => Promise<boolean>;
  /** How the process ended, or null while it runs. */
  readonly exited: () => ExitInfo | null;
  readonly signal: AbortSignal;
  /** Between probes. */
  readonly pollUs?: number;
}

export const READY_POLL_US = 50_000;

/** Probes until ready, the process exits, the timeout passes or the run is interrupted — whichever comes first. */
export async function waitUntilReady(wait: ReadyWait): Promise<ReadyResult> {
  const { clock, signal } = wait;
  const startUs = clock.nowUs();
  const deadlineUs = startUs + wait.timeoutUs;
  for (;;) {
    if (signal.aborted) return { kind: 'interrupted' };
    const before = wait.exited();
    if (before) return { kind: 'exited', exit: before };
    if (await wait.probe()) {
      // A server that answered and died at once is not ready.
      const after = wait.exited();
      return after ? { kind: 'exited', exit: after } : { kind: 'ready', afterUs: clock.nowUs() - startUs };
    }
    const nowUs = clock.nowUs();
    if (nowUs >= deadlineUs) return { kind: 'timeout' };
    await clock.sleepUs(Math.min(wait.pollUs ?? READY_POLL_US, deadlineUs - nowUs), signal);
  }
}

/** How long one probe may wait for an answer. */
const PROBE_TIMEOUT_MS = 1_000;

/** Resolves true when anything at `url` answers HTTP (a 404, 405 or 401 too: it listens), false on any failure. */
export function probeUrl(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const client = url.startsWith('https:') ? https : http;
    let request: http.ClientRequest;
    try {
      request = client.request(url, { method: 'GET', agent: false, timeout: PROBE_TIMEOUT_MS, headers: { accept: 'text/event-stream, application/json' } });
    } catch {
      resolve(false);
      return;
    }
    request.on('response', (response) => {
      resolve(true);
      // The answer may be an event stream that never ends: only its status line mattered.
      response.destroy();
      request.destroy();
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
    request.end();
  });
}

/** Watches a process's output, line by line, for a line matching `pattern`; bounded (a line without end is cut). */
export class LogWatch {
  private readonly pattern: RegExp;
  private pending = '';
  private seen = false;

  constructor(pattern: string) {
    this.pattern = new RegExp(pattern);
  }

  get matched(): boolean {
    return this.seen;
  }

  write(chunk: Buffer | string): void {
    if (this.seen) return;
    const text = this.pending + (typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
    const lines = text.split('\n');
    this.pending = (lines.pop() ?? '').slice(-4096);
    // A partial last line is tried too: "listening on 3000" is often printed without its newline yet.
    this.seen = [...lines, this.pending].some((line) => this.pattern.test(line));
  }
}
