import type { ReferenceServerOptions } from '../server/options.js';
import { BYTES_EXPECTED, DURATION_EXPECTED, parseBytes, parseDuration, parseRate } from '../input/units.js';

/** `mcp-bench serve`'s flags: what commander hands over, checked into what the server runs with. */

export interface ServeFlags {
  readonly transport: 'stdio' | 'http';
  readonly host: string;
  readonly port: number;
  readonly jsonResponse: boolean;
  /** Compress answers for requests that accept gzip or br (http only; `--no-compression` turns it off). */
  readonly compression: boolean;
  readonly server: ReferenceServerOptions;
  /** `--counts-file`: where one JSON line of counts is appended when the server stops (server/counts-file.ts). */
  readonly countsFile: string | null;
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
  /** `--leak-per-call`, like `64KB`; absent: 0 (no leak). */
  readonly leakPerCall?: string;
  /** `--counts-file`, a path; absent: no file. */
  readonly countsFile?: string;
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
  const leaks = parseLeaks(raw, problems);
  if (raw.countsFile !== undefined && raw.countsFile.trim() === '') problems.push(problem('--counts-file', 'a file path', raw.countsFile));
  if (transport === 'stdio') {
    for (const [key, flag] of HTTP_ONLY_FLAGS) {
      if (explicit.has(key)) problems.push(`mcp-bench serve: ${flag} applies to --transport http only`);
    }
  }
  if (problems.length > 0 || !transport || !latency.ok || !jitter.ok) return { ok: false, problems };
  const server = { latencyUs: latency.value, jitterUs: jitter.value, failRate, seed, ...knobs, ...leaks };
  const countsFile = raw.countsFile ?? null;
  return { ok: true, value: { transport, host, port, jsonResponse: raw.jsonResponse === true, compression: raw.compression !== false, server, countsFile } };
}

type Leaks = Pick<ReferenceServerOptions, 'leakPerSessionBytes' | 'leakPerCallBytes'>;

/** `--leak-per-session` and `--leak-per-call` (each present only when above 0); a line per bad value onto `problems`. */
function parseLeaks(raw: RawServeFlags, problems: string[]): Leaks {
  const leaks: { -readonly [K in keyof Leaks]: Leaks[K] } = {};
  const session = parseBytes(raw.leakPerSession ?? '0');
  if (!session.ok) problems.push(problem('--leak-per-session', BYTES_EXPECTED, raw.leakPerSession ?? ''));
  else if (session.value > 0) leaks.leakPerSessionBytes = session.value;
  const call = parseBytes(raw.leakPerCall ?? '0');
  if (!call.ok) problems.push(problem('--leak-per-call', BYTES_EXPECTED, raw.leakPerCall ?? ''));
  else if (call.value > 0) leaks.leakPerCallBytes = call.value;
  return leaks;
}
