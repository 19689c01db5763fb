import { spawn, type ChildProcess } from 'node:child_process';
import type { ReferenceServerOptions } from '../../server/options.js';
import { STREAMABLE_URL_PATTERN } from '../../server/listening-line.js';
import type { Clock } from '../../time/clock.js';
import { openHttp } from './http.js';
import { trackGroup } from './live-groups.js';
import type { OpenedTransport, TransportOptions } from './opened.js';
import { OWN_PROCESS_GROUP, stopGroup } from './process-group.js';
import { selfCommand } from './self-command.js';
import type { ServerLog } from './server-log.js';
import type { ServerLimits } from './server-limits.js';
import { openStdio } from './stdio.js';

const START_TIMEOUT_MS = 15_000;

/** `mcp-bench serve` arguments that reproduce the scenario's reference-server options. */
export function serveArgs(transport: 'stdio' | 'http', server: ReferenceServerOptions): string[] {
  const args = ['serve', '--transport', transport, '--latency', `${server.latencyUs}us`, '--jitter', `${server.jitterUs}us`];
  args.push('--fail-rate', String(server.failRate), '--seed', String(server.seed));
  if (server.leakPerSessionBytes) args.push('--leak-per-session', String(server.leakPerSessionBytes));
  if (server.leakPerCallBytes) args.push('--leak-per-call', String(server.leakPerCallBytes));
  if (transport === 'stdio') return args;
  args.push('--host', '127.0.0.1', '--port', '0');
  if (server.rateLimitPerSec != null) args.push('--rate-limit', `${server.rateLimitPerSec}/s`);
  if (server.unavailableRate) args.push('--unavailable-rate', String(server.unavailableRate));
  if (server.sessionTtlUs != null) args.push('--session-ttl', `${server.sessionTtlUs}us`);
  return args;
}

/** Node's own flags for the spawned server: --optimize-for-size with `compactHeap` (ReferenceServerOptions). */
function nodeFlags(server: ReferenceServerOptions): string[] {
  return server.compactHeap ? ['--optimize-for-size'] : [];
}

/** The built-in reference server over stdio: this CLI spawned as `mcp-bench serve --transport stdio`, under `limits`. */
export function openBuiltinStdio(
  server: ReferenceServerOptions,
  log: ServerLog,
  options: TransportOptions = {},
  clock?: Clock,
  limits?: ServerLimits,
): OpenedTransport {
  const self = selfCommand();
  const args = [...nodeFlags(server), ...self.args, ...serveArgs('stdio', server)];
  return openStdio({ command: self.command, args, env: {}, cwd: process.cwd(), ...(limits && { limits }) }, log, options, clock);
}

/**
 * The built-in reference server over Streamable HTTP: spawned on 127.0.0.1 with an ephemeral port, read from the line
 * it prints when listening. It runs in a process group of its own, so a Ctrl-C in the terminal reaches only us (see
 * process-group.ts); stopping it ends its stdin, then signals its group. Its stdin stays a pipe we hold, so it also
 * ends if we die without stopping it.
 */
export async function openBuiltinHttp(
  server: ReferenceServerOptions,
  log: ServerLog,
  clock: Clock,
  options: TransportOptions = {},
): Promise<OpenedTransport> {
  const self = selfCommand();
  const startedUs = clock.nowUs();
  const child = spawn(self.command, [...nodeFlags(server), ...self.args, ...serveArgs('http', server)], { stdio: ['pipe', 'pipe', 'pipe'], detached: OWN_PROCESS_GROUP });
  child.stderr.on('data', (chunk: Buffer) => log.write(chunk));
  const untrack = child.pid === undefined ? () => undefined : trackGroup(child.pid);
  const stop = onceOnly(async () => {
    await stopGroup(child);
    untrack();
  });
  try {
    const url = await waitForUrl(child);
    const opened = openHttp(url, {}, options);
    const serverStartUs = clock.nowUs() - startedUs;
    const serverPid = (): number | null => child.pid ?? null;
    return { transport: opened.transport, serverStartUs, url, serverPid, dispose: async () => { await opened.dispose(); await stop(); } };
  } catch (error) {
    await stop();
    throw error;
  }
}

function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => fail(new Error(`reference server did not report its address within ${START_TIMEOUT_MS / 1000}s`)), START_TIMEOUT_MS);
    const onData = (chunk: Buffer): void => {
      seen += chunk.toString('utf8');
      const match = STREAMABLE_URL_PATTERN.exec(seen);
      if (match?.[1]) finish(() => resolve(match[1] as string));
    };
    const onExit = (code: number | null): void => fail(Object.assign(new Error(`reference server exited with code ${code}`), { code: 'closed' }));
    const onError = (error: Error): void => fail(error);
    const finish = (settle: () => void): void => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      child.off('error', onError);
      child.stdout?.resume();
      settle();
    };
    const fail = (error: Error): void => finish(() => reject(error));
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}

function onceOnly(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  return () => (running ??= fn());
}
