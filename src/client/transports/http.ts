import { NodeHttpClientTransport } from './node-http.js';
import { NodeSseClientTransport } from './node-sse.js';
import type { OpenedTransport, TransportOptions } from './opened.js';

/** Streamable HTTP over the keep-alive node:http transport (see node-http.ts for why not the SDK's fetch one). */
export function openHttp(url: string, headers: Readonly<Record<string, string>>, options: TransportOptions = {}): OpenedTransport {
  const transport = new NodeHttpClientTransport({ url, headers, ...options });
  return { transport, serverStartUs: null, dispose: () => transport.close(), url };
}

/** Legacy HTTP+SSE (protocol 2024-11-05 servers), also on node:http: see node-sse.ts. */
export function openSse(url: string, headers: Readonly<Record<string, string>>, options: TransportOptions = {}): OpenedTransport {
  const { maxSockets, maxAnswerBytes, onBadOutput, authorize } = options;
  // Legacy SSE sends the token it had when the session opened; it is not renewed (no resend after a 401).
  const authorization = authorize?.current();
  const transport = new NodeSseClientTransport({ url, headers: authorization ? { ...headers, authorization } : headers, maxSockets, maxAnswerBytes, onBadOutput });
  return { transport, serverStartUs: null, dispose: () => transport.close() };
}
