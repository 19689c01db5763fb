import type { Clock } from '../../time/clock.js';
import { LimitGuard } from './limit-guard.js';
import type { OpenedTransport, TransportOptions } from './opened.js';
import type { ServerLog } from './server-log.js';
import { checkLimits, LimitsUnsupported, processHost, type LimitsHost, type ServerLimits } from './server-limits.js';
import { StdioProcessTransport } from './stdio-process.js';

export interface StdioParams {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  /** CPU time and memory limits on the server (server-limits.ts); absent: none. */
  readonly limits?: ServerLimits;
}

/**
 * A server spawned as a child process in a process group of its own (so a Ctrl-C in the terminal reaches only us),
 * spoken to over its stdin/stdout. Its stderr goes to the server log, never into our output. It gets the SDK's safe
 * default environment (PATH, HOME, …) plus `env`; closing ends stdin, then SIGTERMs, then SIGKILLs its group, so no
 * process of its outlives the run. With `limits`, it runs under them (limit-guard.ts); a machine that cannot apply
 * them (`host`: not Linux, no prlimit for a CPU limit) throws LimitsUnsupported before anything is spawned.
 */
export function openStdio(
  params: StdioParams,
  log: ServerLog,
  options: TransportOptions = {},
  clock?: Clock,
  host: LimitsHost = processHost,
): OpenedTransport {
  const { command, args, env, cwd, limits } = params;
  const checked = checkLimits(limits, host);
  if (checked instanceof LimitsUnsupported) throw checked;
  const onEvent = options.session?.events?.serverLimit?.bind(options.session.events);
  const guard = limits && (limits.memoryBytes !== undefined || limits.cpuUs !== undefined)
    ? new LimitGuard({ limits, prlimit: checked.prlimit, ...(onEvent && { onEvent }), ...(clock && { clock }) })
    : undefined;
  const { maxAnswerBytes, onBadOutput } = options;
  const transport = new StdioProcessTransport({
    command, args, env, cwd, onStderr: (chunk) => log.write(chunk), maxAnswerBytes, onBadOutput, ...(clock && { clock }), ...(guard && { guard }),
  });
  return { transport, serverStartUs: null, dispose: () => transport.close(), serverPid: () => transport.pid };
}
