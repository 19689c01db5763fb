import type http from 'node:http';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { keepAliveClient, type HttpClient } from './http-agent.js';
import { readJsonRpcBody } from './http-body.js';
import { BadResponseError, HttpStatusError } from './http-errors.js';
import { SseParser } from './sse-parser.js';

export interface NodeSseTransportOptions {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** How long to wait for the server's `endpoint` event. */
  readonly startTimeoutMs?: number;
}

/**
 * The client side of the legacy HTTP+SSE transport (protocol 2024-11-05) on node:http: one GET event stream that
 * carries the server's messages, and POSTs (keep-alive) to the endpoint the stream names. Used instead of the SDK's
 * fetch-based transport, whose shared AbortSignal collects a listener per POST; status codes surface as
 * HttpStatusError so they are classified like Streamable HTTP ones.
 */
export class NodeSseClientTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  private readonly url: URL;
  private readonly posts: HttpClient;
  private stream: http.ClientRequest | null = null;
  private endpoint: URL | null = null;
  private protocolVersion: string | undefined;
  private closed = false;

  constructor(private readonly options: NodeSseTransportOptions) {
    this.url = new URL(options.url);
    this.posts = keepAliveClient(this.url, 256);
  }

  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail(new BadResponseError('the SSE stream sent no endpoint event')), this.options.startTimeoutMs ?? 30_000);
      const fail = (error: Error): void => {
        clearTimeout(timer);
        this.stream?.destroy();
        reject(error);
      };
      const ready = (): void => {
        clearTimeout(timer);
        resolve();
      };
      const headers = { ...this.options.headers, accept: 'text/event-stream' };
      // The long-lived stream gets a connection of its own, outside the POSTs' keep-alive pool.
      this.stream = this.posts.request(this.url, { method: 'GET', headers, agent: false }, (res) => this.listen(res, ready, fail));
      this.stream.once('error', fail);
      this.stream.end();
    });
  }

  setProtocolVersion(version: string): void {
    this.protocolVersion = version;
  }

  send(message: JSONRPCMessage): Promise<void> {
    const endpoint = this.endpoint;
    if (this.closed || !endpoint) return Promise.reject(new HttpStatusError(0, null, 'transport closed'));
    const body = JSON.stringify(message);
    const headers: http.OutgoingHttpHeaders = { ...this.options.headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
    if (this.protocolVersion) headers['mcp-protocol-version'] = this.protocolVersion;
    return new Promise<void>((resolve, reject) => {
      const req = this.posts.request(endpoint, { method: 'POST', agent: this.posts.agent, headers }, (res) => {
        readJsonRpcBody(res, undefined, (msg) => this.onmessage?.(msg)).then(resolve, reject);
      });
      req.once('error', reject);
      req.end(body);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stream?.destroy();
    this.posts.agent.destroy();
    this.onclose?.();
  }

  private listen(res: http.IncomingMessage, ready: () => void, fail: (error: Error) => void): void {
    const type = (res.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (res.statusCode !== 200 || type !== 'text/event-stream') {
      res.resume();
      fail(res.statusCode !== 200 ? new HttpStatusError(res.statusCode ?? 0, null, 'opening the SSE stream') : new BadResponseError(`SSE stream has content type ${JSON.stringify(type)}`));
      return;
    }
    const parser = new SseParser((event, data) => this.onEvent(event, data, ready, fail));
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => parser.push(chunk));
    res.once('close', () => void this.close());
  }

  private onEvent(event: string, data: string, ready: () => void, fail: (error: Error) => void): void {
    if (event === 'endpoint') {
      const endpoint = safeUrl(data, this.url);
      if (!endpoint || endpoint.origin !== this.url.origin) return fail(new BadResponseError(`endpoint ${JSON.stringify(data)} is not on the stream's origin`));
      this.endpoint = endpoint;
      return ready();
    }
    if (event !== 'message') return;
    try {
      this.onmessage?.(JSON.parse(data) as JSONRPCMessage);
    } catch {
      this.onerror?.(new BadResponseError('SSE message is not valid JSON'));
    }
  }
}

function safeUrl(text: string, base: URL): URL | null {
  try {
    return new URL(text, base);
  } catch {
    return null;
  }
}
