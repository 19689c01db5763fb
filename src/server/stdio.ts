import type { Readable, Writable } from 'node:stream';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { ReferenceServerOptions } from './options.js';
import type { Counts } from './counter.js';
import type { SleepUs } from './faults.js';
import { connectCounted, createReferenceServer } from './reference-server.js';
import { createServerState } from './state.js';

export interface StdioStreams {
  readonly stdin: Readable;
  /** Carries nothing but protocol messages. */
  readonly stdout: Writable;
}

export interface StdioServerHandle {
  counts(): Counts;
  /** Bytes the leak knobs (`--leak-per-session`, `--leak-per-call`) have kept so far. */
  leakedBytes(): number;
  /** Resolves once the session has ended: stdin ended or failed, stdout failed, or `close()` was called. */
  readonly closed: Promise<void>;
  close(): Promise<void>;
}

/**
 * Serves the reference server on stdio (default: the process's own stdin and stdout). The session ends when
 * stdin ends, so a spawned server never outlives the parent that holds the other end of the pipe; in-flight
 * handlers are aborted then (a `sleep` stops early), so nothing keeps the process alive.
 *
 * The HTTP-only options (`rateLimitPerSec`, `unavailableRate`, `sessionTtlUs`) have no effect here: there is no
 * HTTP status to answer with and only one session. `Counts.http` stays all zeros.
 */
export async function serveStdio(
  options: ReferenceServerOptions,
  streams: StdioStreams = { stdin: process.stdin, stdout: process.stdout },
  sleepUs?: SleepUs,
): Promise<StdioServerHandle> {
  const state = createServerState(options, sleepUs);
  const server = createReferenceServer(state);
  const transport = new StdioServerTransport(streams.stdin, streams.stdout);
  let markClosed = (): void => undefined;
  const closed = new Promise<void>((resolve) => {
    markClosed = resolve;
  });
  transport.onclose = () => markClosed();
  const close = (): Promise<void> => server.close();
  const onEnd = (): void => void close();
  streams.stdin.once('end', onEnd);
  streams.stdin.once('close', onEnd);
  streams.stdout.once('error', onEnd);
  void closed.then(() => {
    streams.stdin.off('end', onEnd);
    streams.stdin.off('close', onEnd);
    streams.stdout.off('error', onEnd);
  });
  await connectCounted(server, transport, state.counter, state.callLeak);
  state.sessionLeak.sessionOpened(); // one session per process: the leak shows in the process's RSS at close
  const leakedBytes = (): number => state.sessionLeak.leakedBytes + state.callLeak.leakedBytes;
  return { counts: () => state.counter.snapshot(), leakedBytes, closed, close };
}
