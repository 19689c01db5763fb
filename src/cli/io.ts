import { killLiveGroups } from '../client/transports/live-groups.js';

/**
 * Process state the CLI touches, injected so the whole CLI runs in-process in tests: streams, environment,
 * working directory and signals. Library code never calls process.exit; commands return an exit code.
 */
import { Secrets } from '../input/secrets.js';

export interface OutputStream {
  write(chunk: string): unknown;
  /** True when the stream is an interactive terminal (progress and colour may be shown). */
  readonly isTTY?: boolean;
  /** Terminal width in columns, when known (the progress line fits in it). */
  readonly columns?: number;
}

export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Registers a handler for SIGINT/SIGTERM; returns a function that removes it. */
  onSignal(handler: (signal: 'SIGINT' | 'SIGTERM') => void): () => void;
  /**
   * Ends the process at once (a second interrupt, the deadline after the grace period). Only the CLI calls it; library
   * code never does. The real one SIGKILLs every server process group still running first (live-groups.ts).
   */
  exitNow(code: number): void;
  /**
   * Values never to show (input/secrets.ts); commands add what they read (flag values, a scenario's secrets). Absent:
   * runCli gives one. Whatever a command writes to stdout and stderr through maskedIo is masked with it.
   */
  readonly secrets?: Secrets;
}

/** `io` with a registry of secrets, and stdout and stderr masked with it at every write (the CLI's text sinks). */
export function maskedIo(io: CliIo): CliIo & { readonly secrets: Secrets } {
  const secrets = io.secrets ?? new Secrets();
  const masked = (stream: OutputStream): OutputStream => ({
    write: (chunk: string) => stream.write(secrets.mask(chunk)),
    get isTTY() {
      return stream.isTTY;
    },
    get columns() {
      return stream.columns;
    },
  });
  return { ...io, stdout: masked(io.stdout), stderr: masked(io.stderr), secrets };
}

export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    onSignal(handler) {
      const onInt = (): void => handler('SIGINT');
      const onTerm = (): void => handler('SIGTERM');
      process.on('SIGINT', onInt);
      process.on('SIGTERM', onTerm);
      return () => {
        process.off('SIGINT', onInt);
        process.off('SIGTERM', onTerm);
      };
    },
    exitNow: (code) => {
      killLiveGroups(); // the exit hook would too; done here first, so no server outlives an exit at once
      process.exit(code);
    },
  };
}
