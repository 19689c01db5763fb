import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Command } from 'commander';
import { appendCountsLine, type CountsLine } from '../server/counts-file.js';
import { formatListeningLine } from '../server/listening-line.js';
import { startHttpServer, type HttpServerHandle } from '../server/http.js';
import { isPipeOrSocket, watchParentPipe } from '../server/parent-pipe.js';
import { serveStdio } from '../server/stdio.js';
import { ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';
import { parseServeFlags, type RawServeFlags, type ServeFlags } from './serve-flags.js';

/** `mcp-bench serve`: runs the reference MCP server until stopped. */

export { parseServeFlags, type RawServeFlags, type ServeFlags, type ServeFlagsResult } from './serve-flags.js';

/** `--counts-file`: the stopped server's counts, one JSON line; a line on stderr when it cannot be written. */
function writeCounts(flags: ServeFlags, line: Omit<CountsLine, 'pid' | 'transport'>, io: CliIo): void {
  if (flags.countsFile === null) return;
  const file = path.resolve(io.cwd, flags.countsFile);
  const failed = appendCountsLine(file, { pid: process.pid, transport: flags.transport, ...line });
  if (failed !== null) io.stderr.write(`mcp-bench serve: could not append the counts to ${flags.countsFile}: ${failed}\n`);
}

/** Where the parent's end of our lifetime is: its stdin pipe, or null when not spawned with one. */
export type ParentPipe = () => Readable | null;

const processParentPipe: ParentPipe = () => (isPipeOrSocket(0) ? process.stdin : null);

/** Starts listening, or explains on stderr why it cannot (exit code 3). */
async function listenHttp(flags: ServeFlags, io: CliIo): Promise<HttpServerHandle | undefined> {
  try {
    return await startHttpServer({
      ...flags.server,
      host: flags.host,
      port: flags.port,
      jsonResponse: flags.jsonResponse,
      compression: flags.compression,
      log: (line) => io.stderr.write(`${line}\n`),
    });
  } catch (error) {
    io.stderr.write(`mcp-bench serve: cannot listen on ${flags.host}:${flags.port}: ${(error as Error).message}\n`);
    return undefined;
  }
}

/**
 * Serves HTTP until SIGINT or SIGTERM, or until the parent's stdin pipe closes (so a spawned HTTP server never
 * outlives its parent either), then closes every session and connection.
 */
async function serveHttp(flags: ServeFlags, io: CliIo, parentPipe: ParentPipe): Promise<ExitCode> {
  const server = await listenHttp(flags, io);
  if (!server) return ExitCode.TargetFailed;
  const stopped = new Promise<string>((resolve) => {
    const release: Array<() => void> = [];
    const stop = (reason: string): void => {
      for (const undo of release.splice(0)) undo();
      void server.close().then(() => resolve(reason));
    };
    release.push(io.onSignal(stop));
    const pipe = parentPipe();
    if (pipe) release.push(watchParentPipe(pipe, () => stop('stdin closed')));
  });
  io.stdout.write(`${formatListeningLine(server.url, server.sseUrl)}\n`);
  const reason = await stopped;
  writeCounts(flags, { counts: server.counts() }, io);
  io.stderr.write(`mcp-bench serve: stopped (${reason})\n`);
  return ExitCode.Ok;
}

/**
 * Serves stdio until stdin ends (the parent closes the pipe) or SIGTERM. SIGINT stops it only when stdin is a
 * terminal: a spawned server shares its parent's process group, and a Ctrl-C meant for the parent's graceful
 * stop must not cut the calls still in flight; the parent ends the server by closing the pipe.
 */
async function serveStdioUntilEnd(flags: ServeFlags, io: CliIo): Promise<ExitCode> {
  const handle = await serveStdio(flags.server);
  const removeHandlers = io.onSignal((signal) => {
    if (signal === 'SIGTERM' || process.stdin.isTTY === true) void handle.close();
  });
  await handle.closed;
  removeHandlers();
  writeCounts(flags, { counts: handle.counts(), leakedBytes: handle.leakedBytes() }, io);
  return ExitCode.Ok;
}

function explicitFlags(command: Command): Set<string> {
  const names = Object.keys(command.opts());
  return new Set(names.filter((name) => command.getOptionValueSource(name) === 'cli'));
}

const SERVE_HELP = `
ping and the list methods are never delayed or failed: they measure the raw protocol cost.
http prints one line on stdout once listening, with the /mcp and /sse URLs.
A server spawned with a stdin pipe stops when that pipe closes, so it never outlives its parent.

HTTP front door (applies to POSTs on both /mcp and /messages, before any MCP session sees them):
  --rate-limit        a server-wide token bucket (burst: one second's worth, at least 1) for POSTs carrying a
                      tools/call. When empty: HTTP 429, Retry-After in whole seconds rounded up (at least 1), and a
                      JSON-RPC error whose data.retryAfterMs is the precise wait; clients may retry sooner than
                      Retry-After, since the bucket refills continuously.
  --unavailable-rate  that fraction of POSTs, drawn from the seeded random source, get HTTP 503 with Retry-After: 1.
                      Bodies holding only initialize, notifications or responses always pass.
  --session-ttl       a Streamable HTTP session is closed that long after initialize; requests naming it then get
                      404 (initialize a new session). Legacy SSE sessions never expire.
  Answers are compressed for a request whose Accept-Encoding takes gzip or br: JSON answers of 1 KiB or more, and
  event streams whatever their size (each event flushed at once, so streamed calls never wait on the compressor).
  The highest q wins; on a tie, the coding the client lists first; gzip and br both unlisted under "*": gzip. No
  header, an empty one or "identity" alone: not compressed. brotli runs at quality 4. Such answers carry
  Vary: Accept-Encoding; the stats tool counts them (gzipAnswers, brAnswers). --no-compression never compresses,
  so a benchmark can compare the two.
  Request bodies may be gzip-compressed (Content-Encoding: gzip; the 4 MiB limit applies after decompression);
  any other Content-Encoding gets 415. Refused requests never reach the server; the stats tool counts them under
  "http" (rateLimited, unavailable, sessionNotFound, sessionsExpired, gzipBodies, unsupportedEncoding), with the
  DELETEs and GETs of /mcp (deletes, gets), requests of a session without MCP-Protocol-Version
  (withoutProtocolVersion) and DNS-rebinding refusals (rebindingRefused).
  These act on HTTP requests and have no effect over stdio: with --transport stdio the flags are refused.
  Bound to a loopback address (the default), every request whose Host is not localhost, 127.0.0.1 or [::1] (this
  port or none), or whose Origin is present and not local, gets 403 first (DNS-rebinding protection).
  Streams carry event ids and retry: 100 (ms), so a client can resume them with Last-Event-ID; the resumable tool
  closes its own stream mid-call to show it.

Session leak (both transports): --leak-per-session keeps that many bytes (filled, so resident) for every session
opened, closed or not, and never frees them: a session-churn workload shows it as RSS growth per 1,000 sessions.
Over stdio a process is one session, so the leak shows only in that process's RSS.
--leak-per-call keeps that many bytes (filled) for every tools/call answered, on any session, for ever: a long-lived
server's RSS climbs with the calls it serves (what a stdio target's limits.memory and a pool's recycling act on).

Counts file: --counts-file PATH appends one JSON line to PATH when the server stops (stdin closed, SIGTERM, or SIGINT
at a terminal: every way mcp-bench stops a server but its last-resort SIGKILL): {"pid", "transport", "counts"} (the
stats tool's counts) and, over stdio, "leakedBytes". Several servers may share one file: one line each, so calls can
be reconciled across servers a pool recycled. A server killed by SIGKILL (a memory limit) writes nothing.`;

/**
 * Adds `serve` and its flags to `program`; the caller attaches the action, which runs `serveCommand` and reports its
 * exit code like every other command (program.ts).
 */
export function defineServeCommand(program: Command): Command {
  return program
    .command('serve')
    .description('Run the built-in reference MCP server (the default benchmark target) until stopped.')
    .option('--transport <kind>', 'stdio or http', 'stdio')
    .option('--host <host>', 'interface to listen on (http only)', '127.0.0.1')
    .option('--port <port>', 'port to listen on; 0 picks a free port (http only)', '0')
    .option('--latency <duration>', 'delay added to each tools/call, resources/read and prompts/get, like 1ms', '0')
    .option('--jitter <duration>', 'uniform spread of that delay, ±, clamped at 0', '0')
    .option('--fail-rate <fraction>', 'fraction of those calls that fail with an injected error, 0..1', '0')
    .option('--seed <n>', 'seed of the random source (jitter, failures, flaky), so runs repeat', '1')
    .option('--json-response', 'Streamable HTTP answers with JSON bodies instead of SSE streams (http only)')
    .option('--no-compression', 'never compress answers, whatever Accept-Encoding says (http only)')
    .option('--rate-limit <rate>', 'tools/call POSTs admitted per second, like 100/s; more get 429 (http only)')
    .option('--unavailable-rate <fraction>', 'fraction of POSTs answered 503 + Retry-After: 1, 0..1 (http only)', '0')
    .option('--session-ttl <duration>', 'a Streamable HTTP session expires this long after it opens (http only)')
    .option('--leak-per-session <bytes>', 'each session opened keeps this much memory for ever, like 100KB (a session leak)')
    .option('--leak-per-call <bytes>', 'each tools/call answered keeps this much memory for ever, like 64KB (RSS climbs with calls)')
    .option('--counts-file <path>', 'append one JSON line of what the server received to this file when it stops')
    .addHelpText('after', SERVE_HELP);
}

/**
 * Runs the reference server with the flags commander parsed (`command` tells which were given explicitly), until it
 * is stopped. Resolves with null once it has served (nothing to report), 2 for bad flags (one line each on stderr),
 * 3 when the HTTP server cannot listen. `parentPipe` (for tests) says which stream's end stops an HTTP server; by
 * default the process's stdin when it is a pipe or socket from a parent, else none.
 */
export async function serveCommand(
  raw: RawServeFlags,
  command: Command,
  io: CliIo,
  parentPipe: ParentPipe = processParentPipe,
): Promise<ExitCode | null> {
  const flags = parseServeFlags(raw, explicitFlags(command));
  if (!flags.ok) {
    for (const line of flags.problems) io.stderr.write(`${line}\n`);
    return ExitCode.BadInput;
  }
  const code = flags.value.transport === 'http' ? await serveHttp(flags.value, io, parentPipe) : await serveStdioUntilEnd(flags.value, io);
  return code === ExitCode.Ok ? null : code;
}
