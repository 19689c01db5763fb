import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { TargetPlan } from '../scenario/plan.js';
import type { Clock } from '../time/clock.js';
import { VERSION } from '../version.js';
import { classifyError } from './classify.js';
import { errorKey } from './outcome.js';
import { SdkCaller } from './sdk-caller.js';
import { openTransport } from './transports/open.js';
import type { TransportOptions } from './transports/opened.js';
import type { ServerLog } from './transports/server-log.js';

/** How long connecting (spawn or first request) plus `initialize` may take before the target counts as failed. */
const CONNECT_TIMEOUT_MS = 30_000;

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

export async function connect(target: TargetPlan, log: ServerLog, clock: Clock, options: TransportOptions = {}): Promise<Connection> {
  const opened = await openTransport(target, log, clock, options).catch((error: unknown) => {
    throw toConnectError(error, false, 'could not start the target', log);
  });
  const client = new Client({ name: 'mcp-bench', version: VERSION }, { capabilities: {} });
  // A server that exits during the handshake makes the SDK reject with -32000 "Connection closed"; knowing the
  // transport closed lets that be classified as what it is (transport:closed), not as a server's JSON-RPC error.
  let transportClosed = false;
  client.onclose = () => {
    transportClosed = true;
  };
  const close = async (): Promise<void> => {
    await client.close().catch(() => undefined);
    await opened.dispose().catch(() => undefined);
  };
  try {
    const t0 = clock.nowUs();
    await opened.transport.start();
    const t1 = clock.nowUs();
    // The SDK's connect() starts the transport itself; it is started already, so that second start is a no-op.
    opened.transport.start = () => Promise.resolve();
    const protocolVersion = recordProtocolVersion(opened.transport);
    await client.connect(opened.transport, { timeout: CONNECT_TIMEOUT_MS });
    const t2 = clock.nowUs();
    const info = client.getServerVersion();
    return {
      caller: new SdkCaller(client),
      client,
      timings: { serverStartUs: opened.serverStartUs, connectUs: t1 - t0, initializeUs: t2 - t1 },
      server: { name: info?.name ?? 'unknown', version: info?.version ?? 'unknown', protocolVersion: protocolVersion() },
      url: opened.url ?? null,
      close,
    };
  } catch (error) {
    await close();
    throw toConnectError(error, transportClosed, 'could not connect to the target', log);
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
function toConnectError(error: unknown, transportClosed: boolean, what: string, log: ServerLog): ConnectError {
  // The SDK also closes the transport itself after a failed initialize, so "closed" only explains the SDK's own
  // connection-closed error, never a more specific one (ECONNREFUSED, an HTTP status) that came first.
  const lost = transportClosed && error instanceof McpError && error.code === ErrorCode.ConnectionClosed;
  const code = errorKey(classifyError(error, lost));
  const detail = lost ? 'the server closed the connection (did the process exit?)' : firstLine(error);
  return new ConnectError(`${what}: ${detail}`, code, log.tail());
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
