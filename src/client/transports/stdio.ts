import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { OpenedTransport } from './opened.js';
import type { ServerLog } from './server-log.js';

export interface StdioParams {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
}

/**
 * A server spawned as a child process, spoken to over its stdin/stdout. Its stderr goes to the server log, never
 * into our output. The SDK transport passes a safe default environment (PATH, HOME, …) plus `env`; closing it ends
 * stdin, then SIGTERM, then SIGKILL, so no child outlives the run.
 */
export function openStdio(params: StdioParams, log: ServerLog): OpenedTransport {
  const transport = new StdioClientTransport({
    command: params.command,
    args: [...params.args],
    env: { ...getDefaultEnvironment(), ...params.env },
    cwd: params.cwd,
    stderr: 'pipe',
  });
  transport.stderr?.on('data', (chunk: Buffer) => log.write(chunk));
  return { transport, serverStartUs: null, dispose: () => transport.close() };
}
