import type http from 'node:http';
import { urlToHttpOptions } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage, RequestId } from '@modelcontextprotocol/sdk/types.js';
import { DEFAULT_MAX_ANSWER_BYTES, type BadOutputListener } from './bad-output.js';
import { keepAliveClient, type HttpClient } from './http-agent.js';
import { DeadlineError, HttpStatusError } from './http-errors.js';
import { POST_DEADLINE_MS, PostExchange } from './http-exchange.js';
import { cancelAll, type ExchangeOwner } from './exchange-owner.js';
import { StandaloneStream } from './standalone-stream.js';
import type { StreamEventListener } from './stream-resumption.js';
import type { Authorizer } from '../auth/token-source.js';
import type { CompressionPolicy } from '../policies.js';
import { acceptEncoding } from './http-answer.js';
import { sendingCall } from './sending-call.js';

export interface NodeHttpTransportOptions {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Sockets open to the server at once. Default: no limit (keep-alive still reuses them; see http-agent.ts). */
  readonly maxSockets?: number;
  /**
   * `requests`: gzip request bodies above 1 KiB (turned off for good if the server answers 415); `answers`: ask for
   * compressed answers (Accept-Encoding on every POST and GET) and decode them (http-answer.ts).
   */
  readonly compression?: CompressionPolicy | null;
  /** Told once when the server refused compressed bodies (415) and compression was turned off. */
  readonly onCompressionRefused?: () => void;
  /** Wall-clock deadline of a POST that is not a request (a notification, a response we send). Default 10 s. */
  readonly notificationTimeoutMs?: number;
  /** Wall-clock deadline of the DELETE that ends the session on close. Default 2 s. */
  readonly closeTimeoutMs?: number;
  /** The largest answer read (a JSON body, or one event); a larger one fails its call (see bad-output.ts). */
  readonly maxAnswerBytes?: number;
  /** Told of every answer that is not JSON-RPC, every response to no request, every answer over the limit. */
  readonly onBadOutput?: BadOutputListener;
  /** Open the standalone GET stream once the session is initialized (standalone-stream.ts). Default true. */
  readonly standaloneStream?: boolean;
  /** Told of every event stream resumed or re-opened (stream-resumption.ts). */
  readonly onStreamEvent?: StreamEventListener;
  /** Sets Authorization on every request; a 401 gets a new token and the request sent once more (auth/token-source.ts). */
  readonly authorize?: Authorizer;
}

const COMPRESS_ABOVE_BYTES = 1024;
export const CLOSE_TIMEOUT_MS = 2_000;

/**
 * A Streamable HTTP client transport on node:http with a keep-alive agent, used instead of the SDK's fetch-based
 * one on the measured path: it costs less CPU per call, has no shared AbortSignal collecting a listener per request,
 * and answers every POST with exactly one settled promise. It speaks the client side of the Streamable HTTP transport:
 * POST each message, read a JSON or `text/event-stream` answer, keep `Mcp-Session-Id` and `MCP-Protocol-Version`
 * (sent on every POST, GET and DELETE), resume an answer's event stream that ends before the response (GET with
 * Last-Event-ID, stream-resumption.ts), hold the standalone GET stream for messages outside calls once the session is
 * initialized (standalone-stream.ts), DELETE the session on close.
 *
 * Per call it builds nothing it can build once: the request options and headers are made at construction (and
 * updated when the session id or protocol version changes — node:http copies them when a request is created), and
 * Content-Length is computed by node:http from the body. A request that fails below JSON-RPC is answered to the SDK
 * with a synthesized error response (transport-failure.ts); a request is bounded by the SDK's timeout, whose
 * cancellation abandons its POST; everything else we POST, and the DELETE, have a wall-clock deadline.
 */
export class NodeHttpClientTransport implements Transport, ExchangeOwner {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  sessionId?: string;
  readonly deliver = (message: JSONRPCMessage): void => this.onmessage?.(message);
  readonly maxAnswerChars: number;
  readonly onBadOutput: BadOutputListener | undefined;

  private readonly client: HttpClient;
  private readonly target: http.RequestOptions;
  private readonly headers: Record<string, string>;
  private readonly plainPost: http.RequestOptions & { headers: Record<string, string> };
  private readonly gzipPost: http.RequestOptions & { headers: Record<string, string> };
  private readonly requests = new Map<RequestId, PostExchange>();
  private readonly others = new Set<PostExchange>();
  private readonly notificationTimeoutMs: number;
  private closed = false;
  private compress: boolean;
  /** Requests go out asking for compression (either half on): what CallBytes notes. */
  private readonly asksCompression: boolean;
  private standalone: StandaloneStream | null = null;
  /** The Authorization value the request options carry now, and the last 401's WWW-Authenticate (auth only). */
  private authorization: string | null = null;
  private challenge: string | null = null;

  constructor(private readonly options: NodeHttpTransportOptions) {
    this.compress = options.compression?.requests === 'gzip';
    this.asksCompression = options.compression != null;
    this.maxAnswerChars = options.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES;
    this.onBadOutput = options.onBadOutput;
    this.notificationTimeoutMs = options.notificationTimeoutMs ?? POST_DEADLINE_MS;
    const url = new URL(options.url);
    this.client = keepAliveClient(url, options.maxSockets);
    const { hostname, port, path, auth } = urlToHttpOptions(url);
    this.target = auth ? { hostname, port, path, auth } : { hostname, port, path };
    const answers = options.compression?.answers;
    const accepted: Record<string, string> = answers ? { 'accept-encoding': acceptEncoding(answers) } : {};
    this.headers = { ...options.headers, ...accepted };
    const json = { ...this.headers, 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
    this.plainPost = { ...this.target, method: 'POST', agent: this.client.agent, headers: json };
    this.gzipPost = { ...this.plainPost, headers: { ...json, 'content-encoding': 'gzip' } };
  }

  /** True while the server streams to us on the standalone GET stream. */
  get standaloneStreaming(): boolean {
    return this.standalone?.streaming ?? false;
  }

  async start(): Promise<void> {
    // Nothing to open: the first POST (initialize) opens the connection.
  }

  setProtocolVersion(version: string): void {
    this.setHeader('mcp-protocol-version', version);
  }

  send(message: JSONRPCMessage): Promise<void> {
    if (this.closed) return Promise.reject(new HttpStatusError(0, null, 'transport closed'));
    const isRequest = 'method' in message && 'id' in message;
    if (!isRequest && 'method' in message && message.method === 'notifications/cancelled') this.abandon(message.params);
    const exchange = new PostExchange(this, isRequest ? message.id : undefined, isRequest);
    const settled = new Promise<void>((resolve, reject) => {
      exchange.resolve = resolve;
      exchange.reject = reject;
    });
    if (!isRequest && 'method' in message && message.method === 'notifications/initialized') void settled.then(() => this.openStandalone(), () => undefined);
    const text = JSON.stringify(message);
    if (this.options.authorize) exchange.unauthorizedText = text;
    const bytes = isRequest ? sendingCall() : null;
    if (bytes !== null) {
      exchange.bytes = bytes;
      exchange.bytesSerial = bytes.serial;
    }
    const plainBytes = bytes !== null || this.compress ? Buffer.byteLength(text) : 0;
    if (this.compress && plainBytes > COMPRESS_ABOVE_BYTES) {
      exchange.plainText = text;
      this.post(exchange, gzipSync(text), true, plainBytes);
    } else {
      this.post(exchange, text, false, plainBytes);
    }
    return settled;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Calls in flight first: their sockets go now, whatever the DELETE does. The SDK fails their calls on onclose.
    cancelAll(this.requests, this.others);
    this.standalone?.close();
    if (this.sessionId) await this.deleteSession();
    this.client.agent.destroy();
    this.onclose?.();
  }

  /** @internal ExchangeOwner */
  sawHeaders(res: http.IncomingMessage): void {
    if (res.statusCode === 401 && this.options.authorize) this.challenge = String(res.headers['www-authenticate'] ?? '') || null;
    const id = res.headers['mcp-session-id'];
    if (typeof id === 'string' && id !== '' && id !== this.sessionId) {
      this.sessionId = id;
      this.setHeader('mcp-session-id', id);
    }
  }

  /** @internal ExchangeOwner: on the pool, as the POST it resumes was. */
  resumeRequest(lastEventId: string): http.ClientRequest {
    const req = this.client.request(this.getOptions(lastEventId, this.client.agent));
    this.options.onStreamEvent?.('resumed');
    return req;
  }

  /** @internal ExchangeOwner */
  release(exchange: PostExchange): void {
    const id = exchange.requestId;
    if (id === undefined) this.others.delete(exchange);
    else if (this.requests.get(id) === exchange) this.requests.delete(id);
  }

  /** @internal ExchangeOwner */
  resendPlain(refused: PostExchange, text: string): void {
    if (this.compress) {
      this.compress = false;
      this.options.onCompressionRefused?.();
    }
    const exchange = this.resend(refused);
    if (this.closed) return exchange.cancel(exchange.requestId === undefined ? new HttpStatusError(0, null, 'transport closed') : null);
    this.post(exchange, text, false, Buffer.byteLength(text));
  }

  /** @internal ExchangeOwner: a 401 to a request sent with a token. Sent once more with a newer one, or failed as it was. */
  resendAuthorized(refused: PostExchange, text: string): void {
    const exchange = this.resend(refused);
    void this.options.authorize!.renew(refused.authorization, this.challenge).then((renewed) => {
      if (this.closed) return exchange.cancel(exchange.requestId === undefined ? new HttpStatusError(0, null, 'transport closed') : null);
      if (renewed === null) return exchange.failed(new HttpStatusError(401, null, 'no new token could be got'));
      this.post(exchange, text, false, Buffer.byteLength(text));
    });
  }

  /** A new exchange for a refused one's message: the same promise and the same call's bytes. */
  private resend(refused: PostExchange): PostExchange {
    const exchange = new PostExchange(this, refused.requestId, refused.requestId !== undefined);
    exchange.resolve = refused.resolve;
    exchange.reject = refused.reject;
    exchange.bytes = refused.bytes;
    exchange.bytesSerial = refused.bytesSerial;
    return exchange;
  }

  /** Sends `body` (`plainBytes` before gzip; 0 when nobody counts them) and counts it in its call's bytes. */
  private post(exchange: PostExchange, body: string | Buffer, gzipped: boolean, plainBytes: number): void {
    exchange.bytes?.request(gzipped ? body.length : plainBytes, plainBytes, this.asksCompression);
    if (this.options.authorize) exchange.authorization = this.authorize(this.options.authorize.current());
    let req: http.ClientRequest;
    try {
      req = this.client.request(gzipped ? this.gzipPost : this.plainPost);
    } catch (error) {
      return exchange.failed(error as Error); // e.g. a header value node:http refuses
    }
    const id = exchange.requestId;
    if (id === undefined) this.others.add(exchange);
    else this.requests.set(id, exchange);
    exchange.start(req, body, id === undefined ? this.notificationTimeoutMs : 0);
  }

  /** A GET of the endpoint for an event stream, with the session's headers (session id, protocol version, the target's). */
  private getOptions(lastEventId: string | null, agent: http.Agent | false): http.RequestOptions {
    const headers = { ...this.headers, accept: 'text/event-stream' };
    return { ...this.target, method: 'GET', agent, headers: lastEventId === null ? headers : { ...headers, 'last-event-id': lastEventId } };
  }

  /** The standalone GET stream, once the session is initialized (a server without sessions gets none). */
  private openStandalone(): void {
    if (this.closed || this.standalone !== null || this.options.standaloneStream === false || this.sessionId === undefined) return;
    const onStreamEvent = this.options.onStreamEvent;
    this.standalone = new StandaloneStream({
      getRequest: (lastEventId) => this.client.request(this.getOptions(lastEventId, false)),
      deliver: this.deliver,
      maxAnswerChars: this.maxAnswerChars,
      onBadOutput: this.onBadOutput,
      onReopened: onStreamEvent && (() => onStreamEvent('reopened')),
    });
    this.standalone.open();
  }

  /** Puts the token in the request options when it changed (node:http copies them per request); returns it. */
  private authorize(value: string | null): string | null {
    if (value !== null && value !== this.authorization) this.setHeader('authorization', value);
    this.authorization = value ?? this.authorization;
    return this.authorization;
  }

  private setHeader(name: string, value: string): void {
    this.headers[name] = value;
    this.plainPost.headers[name] = value;
    this.gzipPost.headers[name] = value;
  }

  /** A cancelled request will get no answer from an SDK server: free its socket instead of holding it open. */
  private abandon(params: unknown): void {
    const id = (params as { requestId?: RequestId } | undefined)?.requestId;
    if (id !== undefined) this.requests.get(id)?.cancel(null);
  }

  /** Best effort, on a connection of its own (never queued behind the pool), within a wall-clock deadline. */
  private deleteSession(): Promise<void> {
    return new Promise<void>((resolve) => {
      let req: http.ClientRequest;
      try {
        req = this.client.request({ ...this.target, method: 'DELETE', agent: false, headers: this.headers });
      } catch {
        return resolve();
      }
      const timeoutMs = this.options.closeTimeoutMs ?? CLOSE_TIMEOUT_MS;
      const timer = setTimeout(() => req.destroy(new DeadlineError(`DELETE got no answer within ${timeoutMs} ms`)), timeoutMs);
      req.on('response', (res) => res.resume());
      req.on('error', () => undefined);
      req.on('close', () => {
        clearTimeout(timer);
        resolve();
      });
      req.end();
    });
  }
}
