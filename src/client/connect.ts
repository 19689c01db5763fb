import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { TargetPlan } from './targets/registry.js';
import { formatDuration } from '../input/units.js';
import { MAX_TIMER_MS, type Clock } from '../time/clock.js';
import { VERSION } from '../version.js';
import { classifyError } from './classify.js';
import { HandshakeOutput } from './handshake-output.js';
import { errorKey, TIMEOUT } from './outcome.js';
import { SdkCaller } from './sdk-caller.js';
import { declaredCapabilities, sessionFeatures } from './session/registry.js';
import { ProtocolVersionRefused } from './session/protocol-version.js';
import { openTarget } from './targets/registry.js';
import type { OpenedTransport, TransportOptions } from './transports/opened.js';
import type { ServerLog } from './transports/server-log.js';
import { transportFailureOf } from './transports/transport-failure.js';
import { limitKillText, LimitsUnsupported } from './transports/server-limits.js';
import { closeCauseOf } from './transports/close-cause.js';
import { HttpStatusError } from './transports/http-errors.js';
import { codeHint, describeBody, httpHint } from './connect-hints.js';

/**
 * How long connecting (spawn or first request), `initialize` and `initialized` may take before the target counts as
 * failed, when the caller gives no deadline. The runner gives the workload's call timeout (connectTimeoutMs).
 */
export const CONNECT_TIMEOUT_MS = 30_000;

/** ConnectError's code when the stop signal (an interrupt) ended the attempt: nothing failed, the run was stopped. */
export const CONNECT_INTERRUPTED = 'interrupted';

export interface ConnectionTimings {
  /** Spawning a server process we own and waiting for it to listen (built-in http only). */
  readonly serverStartUs: number | null;
  /** Starting the transport: spawning the process for stdio; opening the event stream for SSE; ~0 for HTTP. */
  readonly connectUs: number;
  /** The `initialize` round trip plus the `initialized` notification (includes the TCP connect for HTTP). */
  readonly initializeUs: number;
}

export interface Connection {
  readonly caller: SdkCaller;
  readonly client: Client;
  readonly timings: ConnectionTimings;
  readonly server: { readonly name: string; readonly version: string; readonly protocolVersion: string | null };
  /** The HTTP endpoint this connection talks to, for HTTP transports; null otherwise. */
  readonly url: string | null;
  /** The server process mcp-bench spawned for this session (stdio, built-in), for resource sampling; absent/null otherwise. */
  readonly serverPid?: number | null;
  close(): Promise<void>;
}

/** The target could not be connected to: a one-line cause, the outcome key it maps to, and the server's last words. */
export class ConnectError extends Error {
  override readonly name = 'ConnectError';
  constructor(
    message: string,
    readonly code: string,
    readonly serverStderr: readonly string[],
  ) {
    super(message);
  }
}

/**
 * Opens the target's transport and initializes an MCP session. The whole of it — spawning or reaching the server,
 * `initialize`, the `initialized` notification — races a wall-clock deadline (`timeoutMs`) and the stop `signal`;
 * when either comes first, whatever was opened is closed (a spawned server is stopped) and the attempt fails with a
 * ConnectError: `timeout`, or CONNECT_INTERRUPTED. A server that stops answering half-way through the handshake
 * cannot hang the run, and neither can an interrupt during it.
 */
export async function connect(
  target: TargetPlan,
  log: ServerLog,
  clock: Clock,
  options: TransportOptions = {},
  timeoutMs = CONNECT_TIMEOUT_MS,
  signal?: AbortSignal,
): Promise<Connection> {
  if (signal?.aborted) throw interrupted(log);
  const output = new HandshakeOutput(options.onBadOutput);
  const attempt = new ConnectAttempt(target, log, clock, { ...options, onBadOutput: output.listener }, timeoutMs, output);
  let timer: NodeJS.Timeout | undefined;
  let onAbort = (): void => undefined;
  const ended = new Promise<'timeout' | 'interrupted'>((resolve) => {
    timer = setTimeout(resolve, Math.min(timeoutMs, MAX_TIMER_MS), 'timeout');
    onAbort = () => resolve('interrupted');
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  let connection: Connection | 'timeout' | 'interrupted' | null;
  try {
    connection = await Promise.race([attempt.run(), ended, output.gaveUp]);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
  if (connection !== null && typeof connection !== 'string') return connection;
  await attempt.abandon();
  if (connection === 'interrupted') throw interrupted(log);
  // A server that wrote only what is not JSON-RPC is answering garbage, not slow: say so, as bad-response.
  const garbage = output.describe();
  if (garbage) throw new ConnectError(`could not connect to the target: ${garbage}`, 'transport:bad-response', log.tail());
  throw new ConnectError(`could not connect to the target: no answer within ${formatDuration(timeoutMs * 1000)}`, errorKey(TIMEOUT), log.tail());
}

function interrupted(log: ServerLog): ConnectError {
  return new ConnectError('interrupted while connecting to the target: the session was not set up', CONNECT_INTERRUPTED, log.tail());
}

/** One connect(): what it has opened so far, so the deadline can close it. */
class ConnectAttempt {
  private opened: OpenedTransport | null = null;
  private client: Client | null = null;
  private abandoned = false;
  // A server that exits during the handshake makes the SDK reject with -32000 "Connection closed"; knowing the
  // transport closed lets that be classified as what it is (transport:closed, or the transport's own cause such as
  // memory-limit: close-cause.ts), not as a server's JSON-RPC error. Null while open.
  private closedAs: string | null = null;

  constructor(
    private readonly target: TargetPlan,
    private readonly log: ServerLog,
    private readonly clock: Clock,
    private readonly options: TransportOptions,
    private readonly timeoutMs: number,
    private readonly output: HandshakeOutput,
  ) {}

  async run(): Promise<Connection> {
    const opened = await openTarget(this.target, this.log, this.clock, this.options).catch((error: unknown) => {
      throw toConnectError(error, null, 'could not start the target', this.log, this.target);
    });
    this.opened = opened;
    if (this.abandoned) {
      await this.close();
      throw new ConnectError('could not connect to the target: abandoned after the deadline', errorKey(TIMEOUT), []);
    }
    const features = sessionFeatures({ target: this.target, clock: this.clock, setup: this.options.session ?? {} });
    const client = new Client({ name: 'mcp-bench', version: VERSION }, { capabilities: declaredCapabilities(features) });
    this.client = client;
    client.onclose = () => {
      this.closedAs = closeCauseOf(opened.transport) ?? 'closed';
    };
    try {
      const t0 = this.clock.nowUs();
      await opened.transport.start();
      const t1 = this.clock.nowUs();
      // The SDK's connect() starts the transport itself; it is started already, so that second start is a no-op.
      opened.transport.start = () => Promise.resolve();
      const protocolVersion = recordProtocolVersion(opened.transport);
      for (const feature of features) feature.beforeInitialize?.(client, opened.transport);
      await client.connect(opened.transport, { timeout: Math.min(this.timeoutMs, MAX_TIMER_MS) });
      const t2 = this.clock.nowUs();
      for (const feature of features) await feature.afterInitialize?.(client);
      this.output.opened();
      const info = client.getServerVersion();
      return {
        caller: new SdkCaller(client),
        client,
        timings: { serverStartUs: opened.serverStartUs, connectUs: t1 - t0, initializeUs: t2 - t1 },
        server: { name: info?.name ?? 'unknown', version: info?.version ?? 'unknown', protocolVersion: protocolVersion() },
        url: opened.url ?? null,
        serverPid: opened.serverPid?.() ?? null,
        close: () => this.close(),
      };
    } catch (error) {
      await this.close();
      const failure = toConnectError(error, this.closedAs, 'could not connect to the target', this.log, this.target);
      const garbage = this.output.describe();
      if (!garbage) throw failure;
      // An unreadable answer to initialize is said best by what the server wrote; anything else came after it.
      const message = failure.code === 'transport:bad-response' ? `could not connect to the target: ${garbage}` : `${failure.message}; before that, ${garbage}`;
      throw new ConnectError(message, failure.code, failure.serverStderr);
    }
  }

  /** The deadline passed: close what is open now; what is still being opened is closed as soon as it is. */
  async abandon(): Promise<void> {
    this.abandoned = true;
    await this.close();
  }

  private async close(): Promise<void> {
    await this.client?.close().catch(() => undefined);
    await this.opened?.dispose().catch(() => undefined);
  }
}

/** The SDK tells the transport the negotiated protocol version; listen in, since the Client does not expose it. */
function recordProtocolVersion(transport: Transport): () => string | null {
  let version: string | null = null;
  const original = transport.setProtocolVersion?.bind(transport);
  transport.setProtocolVersion = (negotiated: string) => {
    version = negotiated;
    original?.(negotiated);
  };
  return () => version;
}

/** The message says what failed in words; the code is carried apart, and printed once by whoever shows it. */
function toConnectError(error: unknown, closedAs: string | null, what: string, log: ServerLog, target: TargetPlan): ConnectError {
  // Configuration refused by the target or by this machine (`config:…`, exit code 2): the message says it all.
  if (error instanceof ProtocolVersionRefused || error instanceof LimitsUnsupported) return new ConnectError(`${what}: ${error.message}`, error.code, log.tail());
  // The SDK also closes the transport itself after a failed initialize, so "closed" only explains the SDK's own
  // connection-closed error, never a more specific one (ECONNREFUSED, an HTTP status) that came first.
  const lost = closedAs !== null && error instanceof McpError && error.code === ErrorCode.ConnectionClosed ? closedAs : null;
  // A request that failed below JSON-RPC (HTTP status, socket error) reaches us as the SDK's McpError carrying it.
  const cause = transportFailureOf(error) ?? error;
  const code = errorKey(classifyError(cause, lost ?? false));
  const detail = lost === null ? causeText(cause) : (limitKillText(lost) ?? 'the server closed the connection (did the process exit?)');
  const hint = cause instanceof HttpStatusError ? httpHint(target, cause.status) : codeHint(target, code);
  return new ConnectError(`${what}: ${detail}${hint ? `\n  hint: ${hint}` : ''}`, code, log.tail());
}

/** The cause's first line; an HTTP answer's body as describeBody words it (an HTML page by its size only). */
function causeText(cause: unknown): string {
  if (!(cause instanceof HttpStatusError)) return firstLine(cause);
  const prefix = `HTTP ${cause.status}: `;
  return cause.message.startsWith(prefix) ? `HTTP ${cause.status}: ${describeBody(cause.message.slice(prefix.length))}` : firstLine(cause);
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
