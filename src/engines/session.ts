import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
import { NodeHttpClientTransport } from '../client/transports/node-http.js';
import { pinProtocolVersion } from '../client/session/protocol-version.js';
import { VERSION } from '../version.js';

/** How long `initialize` may take. */
const INITIALIZE_TIMEOUT_MS = 30_000;

/** A Streamable HTTP session opened the regular way, whose id and protocol version raw requests then carry. */
export interface McpHttpSession {
  /** `Mcp-Session-Id` the server issued, or null for a stateless server. */
  readonly sessionId: string | null;
  /** The protocol version the server answered `initialize` with. */
  readonly protocolVersion: string;
  /** Ends the session (HTTP DELETE, errors ignored) and frees its sockets. */
  close(): Promise<void>;
}

/**
 * Opens a session with the SDK client over mcp-bench's node:http transport: `initialize` (the SDK's latest protocol
 * version, or the target's pinned one, which the server must answer with), then `notifications/initialized`. Rejects with the transport's error (an errno
 * such as ECONNREFUSED, an HttpStatusError, an McpError) when the server cannot be initialized.
 */
export async function openMcpHttpSession(url: string, headers: Readonly<Record<string, string>>, pinned?: string): Promise<McpHttpSession> {
  const transport = new NodeHttpClientTransport({ url, headers, maxSockets: 2 });
  let protocolVersion: string = LATEST_PROTOCOL_VERSION;
  const setProtocolVersion = transport.setProtocolVersion.bind(transport);
  transport.setProtocolVersion = (negotiated: string) => {
    protocolVersion = negotiated;
    setProtocolVersion(negotiated);
  };
  const checkPin = pinned === undefined ? null : pinProtocolVersion(transport, pinned);
  const client = new Client({ name: 'mcp-bench', version: VERSION }, { capabilities: {} });
  try {
    await client.connect(transport, { timeout: INITIALIZE_TIMEOUT_MS });
    checkPin?.();
  } catch (error) {
    await client.close().catch(() => undefined);
    throw transportCause(error);
  }
  return {
    sessionId: transport.sessionId ?? null,
    protocolVersion,
    close: () => client.close().catch(() => undefined),
  };
}

/**
 * The transport's own error behind a failed `initialize`. mcp-bench's HTTP transports answer a request that failed
 * below JSON-RPC (refused, HTTP status, garbled answer) with a synthesized JSON-RPC error whose `data` is that Error
 * (see transports/transport-failure.ts), so the SDK rejects with an McpError carrying it. Data a server sent is parsed
 * JSON and never an Error instance, so this cannot mistake a server's own error for a transport failure.
 */
function transportCause(error: unknown): unknown {
  const data = (error as { data?: unknown } | null)?.data;
  return data instanceof Error ? data : error;
}
