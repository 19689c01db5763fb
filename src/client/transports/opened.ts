import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { BadOutputListener } from './bad-output.js';
import type { StreamEventListener } from './stream-resumption.js';
import type { SessionSetup } from '../session/feature.js';
import type { Authorizer } from '../auth/token-source.js';
import type { CompressionPolicy } from '../policies.js';

/** A transport ready to be connected, plus whatever was started to serve it. */
export interface OpenedTransport {
  readonly transport: Transport;
  /** Microseconds spent starting a server process we own before the transport could be used (built-in http). */
  readonly serverStartUs: number | null;
  /** Stops what this opener started (e.g. a spawned server). Safe to call twice. */
  dispose(): Promise<void>;
  /** The HTTP endpoint, for HTTP transports (the built-in server's once it listens); engines that speak raw HTTP use it. */
  readonly url?: string;
  /**
   * The id of the server process this opener spawned (stdio, built-in), for sampling its CPU and memory; asked once the
   * transport has started (a stdio process exists only then). Absent for remote targets.
   */
  readonly serverPid?: () => number | null;
}

/** Client settings that reach the transport. */
export interface TransportOptions {
  /** gzip HTTP request bodies above 1 KiB, ask for compressed answers and decode them (Streamable HTTP only). */
  readonly compression?: CompressionPolicy | null;
  /** Told when the server refused compressed bodies and compression was turned off. */
  readonly onCompressionRefused?: () => void;
  /**
   * Sockets one HTTP transport (one session) opens to the server at once (Streamable HTTP and legacy SSE POSTs).
   * Default: no limit — keep-alive reuses sockets, so the pool never grows past the calls in flight at once, while a
   * limit below that would queue calls inside the agent and count the wait as server latency.
   */
  readonly maxSockets?: number;
  /** The largest answer read, on every transport (default 16 MiB, see bad-output.ts). */
  readonly maxAnswerBytes?: number;
  /** Told of the server's bad output (lines or answers that are not JSON-RPC, unknown ids, answers over the limit). */
  readonly onBadOutput?: BadOutputListener;
  /** Told of every Streamable HTTP event stream resumed or re-opened (stream-resumption.ts). */
  readonly onStreamEvent?: StreamEventListener;
  /** What the session is told of the server's own requests and notifications, and what it sets up (session/feature.ts). */
  readonly session?: SessionSetup;
  /** Sets Authorization on every HTTP request and gives a new token after a 401 (auth/token-source.ts). */
  readonly authorize?: Authorizer;
}
