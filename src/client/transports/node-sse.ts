import type http from 'node:http';
import { urlToHttpOptions } from 'node:url';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage, RequestId } from '@modelcontextprotocol/sdk/types.js';
import { formatBytes } from '../../input/units.js';
import { DEFAULT_MAX_ANSWER_BYTES, type BadOutputListener } from './bad-output.js';
import { keepAliveClient, type HttpClient } from './http-agent.js';
import { mediaType } from './http-body.js';
import { BadResponseError, HttpStatusError } from './http-errors.js';
import { POST_DEADLINE_MS, PostExchange } from './http-exchange.js';
import { cancelAll, type ExchangeOwner } from './exchange-owner.js';
import { AnswerReader, bodyCoding } from './http-answer.js';
import { InboundRouter } from './inbound.js';
import { SseParser } from './sse-parser.js';

export interface NodeSseTransportOptions {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** How long to wait for the server's `endpoint` event. */
  readonly startTimeoutMs?: number;
  /** Sockets open for POSTs at once. Default: no limit (see http-agent.ts). */
  readonly maxSockets?: number;
  /** Wall-clock deadline of every POST (the server answers 202 at once; the answer comes on the stream). Default 10 s. */
  readonly postTimeoutMs?: number;
  /** The largest event read from the stream; a larger one is skipped and fails its call (see bad-output.ts). */
  readonly maxAnswerBytes?: number;
  /** Told of every event that is not JSON-RPC, every response to no request, every event over the limit. */
  readonly onBadOutput?: BadOutputListener;
}

type PostOptions = http.RequestOptions & { headers: Record<string, string> };

/**
 * The client side of the legacy HTTP+SSE transport (protocol 2024-11-05) on node:http: one GET event stream that
 * carries the server's messages, and POSTs (keep-alive) to the endpoint the stream names. Used instead of the SDK's
 * fetch-based transport, whose shared AbortSignal collects a listener per POST; status codes surface as
 * HttpStatusError so they are classified like Streamable HTTP ones, and a request's failed POST is answered to the SDK
 * with a synthesized error response (transport-failure.ts) so no response handler is left behind. Every POST has a
 * wall-clock deadline; a cancelled request's POST is abandoned.
 */
export class NodeSseClientTransport implements Transport, ExchangeOwner {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  readonly deliver = (message: JSONRPCMessage): void => {
    // A request whose POST failed is answered here (transport-failure.ts): it is no longer waiting for the stream.
    if ('id' in message && message.id !== undefined && !('method' in message)) this.inbound.forget(message.id);
    this.onmessage?.(message);
  };
  readonly maxAnswerChars: number;
  readonly onBadOutput: BadOutputListener | undefined;
  /** The stream's messages are checked and counted on their way to the SDK, as a stdio server's lines are. */
  private readonly inbound: InboundRouter;

  private readonly url: URL;
  private readonly posts: HttpClient;
  private stream: http.ClientRequest | null = null;
  private endpoint: PostOptions | null = null;
  private readonly requests = new Map<RequestId, PostExchange>();
  private readonly others = new Set<PostExchange>();
  private closed = false;

  constructor(private readonly options: NodeSseTransportOptions) {
    this.url = new URL(options.url);
    this.posts = keepAliveClient(this.url, options.maxSockets);
    this.maxAnswerChars = options.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES;
    this.onBadOutput = options.onBadOutput;
    this.inbound = new InboundRouter(this.deliver, options.onBadOutput);
  }

  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      let settled = false;
      const settle = (error: Error | null): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (!error) return resolve();
        this.stream?.destroy();
        reject(error);
      };
      const timer = setTimeout(() => settle(new BadResponseError('the SSE stream sent no endpoint event')), this.options.startTimeoutMs ?? 30_000);
      const headers = { ...this.options.headers, accept: 'text/event-stream' };
      // The long-lived stream gets a connection of its own, outside the POSTs' keep-alive pool.
      try {
        this.stream = this.posts.request(this.url, { method: 'GET', headers, agent: false }, (res) => this.listen(res, settle));
      } catch (error) {
        return settle(error as Error); // e.g. a header value node:http refuses
      }
      this.stream.on('error', (error) => settle(error));
      // A stream that ends before naming its endpoint fails start() now, not when the start timeout runs out.
      this.stream.on('close', () => settle(new BadResponseError('the SSE stream closed before its endpoint event', 'stream-ended')));
      this.stream.end();
    });
  }

  setProtocolVersion(version: string): void {
    if (this.endpoint) this.endpoint.headers['mcp-protocol-version'] = version;
  }

  send(message: JSONRPCMessage): Promise<void> {
    const endpoint = this.endpoint;
    if (this.closed || !endpoint) return Promise.reject(new HttpStatusError(0, null, 'transport closed'));
    const isRequest = 'method' in message && 'id' in message;
    if (!isRequest && 'method' in message && message.method === 'notifications/cancelled') this.abandon(message.params);
    const text = JSON.stringify(message);
    this.inbound.sent(message, text);
    const exchange = new PostExchange(this, isRequest ? message.id : undefined, false);
    const settled = new Promise<void>((resolve, reject) => {
      exchange.resolve = resolve;
      exchange.reject = reject;
    });
    let req: http.ClientRequest;
    try {
      req = this.posts.request(endpoint);
    } catch (error) {
      exchange.failed(error as Error);
      return settled;
    }
    if (exchange.requestId === undefined) this.others.add(exchange);
    else this.requests.set(exchange.requestId, exchange);
    exchange.start(req, text, this.options.postTimeoutMs ?? POST_DEADLINE_MS);
    return settled;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    cancelAll(this.requests, this.others);
    this.inbound.clear();
    this.stream?.destroy();
    this.posts.agent.destroy();
    this.onclose?.();
  }

  /** @internal ExchangeOwner */
  sawHeaders(): void {}

  /** @internal ExchangeOwner */
  release(exchange: PostExchange): void {
    const id = exchange.requestId;
    if (id === undefined) this.others.delete(exchange);
    else if (this.requests.get(id) === exchange) this.requests.delete(id);
  }

  private listen(res: http.IncomingMessage, settle: (error: Error | null) => void): void {
    const type = mediaType(res);
    if (res.statusCode !== 200 || type !== 'text/event-stream') {
      res.resume();
      settle(res.statusCode !== 200 ? new HttpStatusError(res.statusCode ?? 0, null, 'opening the SSE stream') : new BadResponseError(`SSE stream has content type ${JSON.stringify(type)}`));
      return;
    }
    const coding = bodyCoding(res);
    if (typeof coding === 'object') {
      res.resume();
      return settle(new BadResponseError(`SSE stream has Content-Encoding ${JSON.stringify(coding.unsupported)}, which mcp-bench does not decode`));
    }
    const limit = `the ${formatBytes(this.maxAnswerChars)} limit`;
    const parser = new SseParser((event, data) => this.onEvent(event, data, settle), undefined, this.maxAnswerChars, (head, tail) => this.inbound.oversized(head, tail, limit));
    // mcp-bench does not ask for this stream compressed (every call's answer is on it, so its compression could not be
    // told per call), but a server that compresses it anyway is decoded (http-answer.ts).
    const reader = new AnswerReader({
      answerText: (chunk) => parser.push(chunk),
      answerEnd: () => undefined,
      answerUndecodable: (error) => {
        this.onBadOutput?.('undecodable', error.message);
        res.destroy();
      },
      answerClosed: () => void this.close(),
    });
    reader.attach(res);
    reader.read(coding);
  }

  private onEvent(event: string, data: string, settle: (error: Error | null) => void): void {
    if (event === 'endpoint') {
      const endpoint = safeUrl(data, this.url);
      if (!endpoint || endpoint.origin !== this.url.origin) return settle(new BadResponseError(`endpoint ${JSON.stringify(data)} is not on the stream's origin`));
      this.endpoint = postOptions(endpoint, this.options.headers, this.posts.agent);
      return settle(null);
    }
    if (event === 'message') this.inbound.line(data);
  }

  /** A cancelled request will get no answer: free its POST's socket if it is still waiting for the 202. */
  private abandon(params: unknown): void {
    const id = (params as { requestId?: RequestId } | undefined)?.requestId;
    if (id !== undefined) this.requests.get(id)?.cancel(null);
  }
}

function postOptions(endpoint: URL, headers: Readonly<Record<string, string>>, agent: http.Agent): PostOptions {
  const { hostname, port, path, auth } = urlToHttpOptions(endpoint);
  const target = auth ? { hostname, port, path, auth } : { hostname, port, path };
  return { ...target, method: 'POST', agent, headers: { ...headers, 'content-type': 'application/json' } };
}

function safeUrl(text: string, base: URL): URL | null {
  try {
    return new URL(text, base);
  } catch {
    return null;
  }
}
