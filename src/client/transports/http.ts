import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { NodeHttpClientTransport } from './node-http.js';
import type { OpenedTransport } from './opened.js';

/** Streamable HTTP over the keep-alive node:http transport (see node-http.ts for why not the SDK's fetch one). */
export function openHttp(url: string, headers: Readonly<Record<string, string>>): OpenedTransport {
  const transport = new NodeHttpClientTransport({ url, headers });
  return { transport, serverStartUs: null, dispose: () => transport.close() };
}

/** Legacy HTTP+SSE (protocol 2024-11-05 servers): the SDK's transport, headers on both the stream and the POSTs. */
export function openSse(url: string, headers: Readonly<Record<string, string>>): OpenedTransport {
  const transport = new SSEClientTransport(new URL(url), {
    requestInit: { headers: { ...headers } },
    eventSourceInit: {
      fetch: (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), ...headers } }),
    },
  });
  return { transport, serverStartUs: null, dispose: () => transport.close() };
}
