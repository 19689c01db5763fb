import type { Readable } from 'node:stream';
import type { Command } from 'commander';
import type { ReferenceServerOptions } from '../server/options.js';
import { BYTES_EXPECTED, DURATION_EXPECTED, parseBytes, parseDuration, parseRate } from '../input/units.js';
import { formatListeningLine } from '../server/listening-line.js';
import { startHttpServer, type HttpServerHandle } from '../server/http.js';
import { isPipeOrSocket, watchParentPipe } from '../server/parent-pipe.js';
import { serveStdio } from '../server/stdio.js';
import { ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';

/** `mcp-bench serve`: runs the reference MCP server until stopped. */

export interface ServeFlags {
  readonly transport: 'stdio' | 'http';
  readonly host: string;
  readonly port: number;
  readonly jsonResponse: boolean;
  /** Compress answers for requests that accept gzip or br (http only; `--no-compression` turns it off). */
  readonly compression: boolean;
  readonly server: ReferenceServerOptions;
}

/** The options as commander hands them over (strings, defaults applied). */
export interface RawServeFlags {
  readonly transport: string;
  readonly host: string;
  readonly port: string;
  readonly latency: string;
  readonly jitter: string;
  readonly failRate: string;
  readonly seed: string;
  readonly jsonResponse?: boolean;
  /** False with `--no-compression`. */
  readonly compression?: boolean;
  /** `--rate-limit`, like `100/s`; absent: no limit. */
  readonly rateLimit?: string;
  /** `--unavailable-rate`; absent: 0. */
  readonly unavailableRate?: string;
  /** `--session-ttl`, like `30s`; absent: sessions never expire. */
  readonly sessionTtl?: string;
  /** `--leak-per-session`, like `100KB`; absent: 0 (no leak). */
  readonly leakPerSession?: string;
}

export type ServeFlagsResult =
  | { readonly ok: true; readonly value: ServeFlags }
  | { readonly ok: false; readonly problems: readonly string[] };

const HTTP_ONLY_FLAGS = [
  ['host', '--host'],
  ['port', '--port'],
  ['jsonResponse', '--json-response'],
  ['compression', '--no-compression'],
  ['rateLimit', '--rate-limit'],
  ['unavailableRate', '--unavailable-rate'],
  ['sessionTtl', '--session-ttl'],
] as const;

function problem(flag: string, expected: string, got: string): string {
  return `mcp-bench serve: ${flag} expects ${expected}; got ${JSON.stringify(got)}`;
}

/** A plain or exponent number, as `String(number)` writes it (no sign): `0.25`, `.5`, `1e-7`. */
const FRACTION_PATTERN = /^(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?$/i;

/** A fraction from 0 to 1, or NaN. */
function parseFraction(text: string): number {
  const value = FRACTION_PATTERN.test(text.trim()) ? Number(text) : NaN;
  return value >= 0 && value <= 1 ? value : NaN;
}

type HttpKnobs = Pick<ReferenceServerOptions, 'rateLimitPerSec' | 'unavailableRate' | 'sessionTtlUs'>;

/** The HTTP front-door knobs; pushes a line per bad value onto `problems`. */
function parseHttpKnobs(raw: RawServeFlags, problems: string[]): Required<HttpKnobs> {
  let rateLimitPerSec: number | null = null;
  if (raw.rateLimit !== undefined) {
    const rate = parseRate(raw.rateLimit);
    if (rate.ok) rateLimitPerSec = rate.value;
    else problems.push(problem('--rate-limit', rate.expected, raw.rateLimit));
  }
  const unavailableRate = parseFraction(raw.unavailableRate ?? '0');
  if (Number.isNaN(unavailableRate)) {
    problems.push(problem('--unavailable-rate', 'a fraction from 0 to 1, like 0.1', raw.unavailableRate ?? ''));
  }
  let sessionTtlUs: number | null = null;
  if (raw.sessionTtl !== undefined) {
    const ttl = parseDuration(raw.sessionTtl);
    if (ttl.ok && ttl.value > 0) sessionTtlUs = ttl.value;
    else problems.push(problem('--session-ttl', `${DURATION_EXPECTED}, above 0`, raw.sessionTtl));
  }
  return { rateLimitPerSec, unavailableRate, sessionTtlUs };
}

/** `--host` and `--port`; pushes a line per bad value onto `problems`. */
function parseAddress(raw: RawServeFlags, problems: string[]): { host: string; port: number } {
  const host = raw.host.trim();
  if (host === '') problems.push(problem('--host', 'a host name or IP address, like 127.0.0.1', raw.host));
  const port = /^\d{1,5}$/.test(raw.port.trim()) ? Number(raw.port) : NaN;
  if (!(port <= 65_535)) {
    problems.push(problem('--port', 'a port number from 0 to 65535 (0 = any free port)', raw.port));
  }
  return { host, port };
}

/**
 * Validates every flag and reports every problem, one line each. `explicit` names the options given on the
 * command line (not defaulted), so http-only flags given with stdio are flagged instead of silently ignored.
 */
export function parseServeFlags(raw: RawServeFlags, explicit: ReadonlySet<string> = new Set()): ServeFlagsResult {
  const problems: string[] = [];
  const transport = raw.transport === 'stdio' || raw.transport === 'http' ? raw.transport : undefined;
  if (!transport) problems.push(problem('--transport', 'stdio or http', raw.transport));
  const { host, port } = parseAddress(raw, problems);
  const latency = parseDuration(raw.latency);
  if (!latency.ok) problems.push(problem('--latency', latency.expected, raw.latency));
  const jitter = parseDuration(raw.jitter);
  if (!jitter.ok) problems.push(problem('--jitter', jitter.expected, raw.jitter));
  const failRate = parseFraction(raw.failRate);
  if (Number.isNaN(failRate)) problems.push(problem('--fail-rate', 'a fraction from 0 to 1, like 0.05', raw.failRate));
  const seed = /^-?\d+$/.test(raw.seed.trim()) ? Number(raw.seed) : NaN;
  if (!Number.isSafeInteger(seed)) problems.push(problem('--seed', 'a whole number, like 1 or 42', raw.seed));
  const knobs = parseHttpKnobs(raw, problems);
  const leak = parseBytes(raw.leakPerSession ?? '0');
  if (!leak.ok) problems.push(problem('--leak-per-session', BYTES_EXPECTED, raw.leakPerSession ?? ''));
  if (transport === 'stdio') {
    for (const [key, flag] of HTTP_ONLY_FLAGS) {
      if (explicit.has(key)) problems.push(`mcp-bench serve: ${flag} applies to --transport http only`);
    }
  }
  if (problems.length > 0 || !transport || !latency.ok || !jitter.ok) return { ok: false, problems };
  const leakPerSession = leak.ok && leak.value > 0 ? { leakPerSessionBytes: leak.value } : {};
  const server = { latencyUs: latency.value, jitterUs: jitter.value, failRate, seed, ...knobs, ...leakPerSession };
  return { ok: true, value: { transport, host, port, jsonResponse: raw.jsonResponse === true, compression: raw.compression !== false, server } };
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
  io.stderr.write(`mcp-bench serve: stopped (${await stopped})\n`);
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
Over stdio a process is one session, so the leak shows only in that process's RSS.`;

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
