import type { Clock } from '../../time/clock.js';
import type { OpenedTransport, TransportOptions } from './opened.js';
import type { ServerLog } from './server-log.js';
import { StdioProcessTransport } from './stdio-process.js';

export interface StdioParams {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
}

/**
 * A server spawned as a child process in a process group of its own (so a Ctrl-C in the terminal reaches only us),
 * spoken to over its stdin/stdout. Its stderr goes to the server log, never into our output. It gets the SDK's safe
 * default environment (PATH, HOME, …) plus `env`; closing ends stdin, then SIGTERMs, then SIGKILLs its group, so no
 * process of its outlives the run.
 */
export function openStdio(params: StdioParams, log: ServerLog, options: TransportOptions = {}, clock?: Pick<Clock, 'nowUs'>): OpenedTransport {
  const { maxAnswerBytes, onBadOutput } = options;
  const transport = new StdioProcessTransport({ ...params, onStderr: (chunk) => log.write(chunk), maxAnswerBytes, onBadOutput, ...(clock && { clock }) });
  return { transport, serverStartUs: null, dispose: () => transport.close(), serverPid: () => transport.pid };
}
