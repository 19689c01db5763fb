import type http from 'node:http';
import type { JSONRPCMessage, RequestId } from '@modelcontextprotocol/sdk/types.js';
import { formatBytes } from '../../input/units.js';
import type { CallBytes } from '../call-bytes.js';
import type { BadOutputKind } from './bad-output.js';
import { resentByOwner, type ExchangeOwner } from './exchange-owner.js';
import { AnswerReader, type AnswerListener } from './http-answer.js';
import { JSON_BODY, planAnswer, SSE_BODY, STATUS_BODY } from './http-answer-plan.js';
import { deliverJsonText, retryAfterSeconds, type JsonTextSink } from './http-body.js';
import { BadResponseError, connectionReset, DeadlineError, HttpStatusError } from './http-errors.js';
import { EXCHANGE, onDeadline, onLinger, onOversizedEvent, onRequestClose, onRequestError, onResponse, onResumeDue, onSseEvent, type Tagged } from './http-exchange-events.js';
import { SseParser } from './sse-parser.js';
import { ResumeCursor } from './stream-resumption.js';
import { failureResponse } from './transport-failure.js';
import { withoutToken } from '../auth/auth-error.js';

/**
 * An SSE answer still open once its response is in gets this long to end (a server that closes the stream right
 * after the response, as the spec says it SHOULD, keeps its keep-alive socket); then it is destroyed, so a server that
 * never closes its streams costs a new connection per call instead of a socket held forever.
 */
export const SSE_LINGER_MS = 50;
/** Default wall-clock deadline of a POST that is not bounded by a call's timeout (notifications, legacy POSTs). */
export const POST_DEADLINE_MS = 10_000;
const ERROR_SNIPPET_CHARS = 512;

const NO_BODY = 0;

const noop = (): void => undefined;

/**
 * One POSTed JSON-RPC message and its answer, settled exactly once. The per-call path allocates this object, its
 * AnswerReader (http-answer.ts: the body, decoded when compressed, its bytes counted), the promise, and what node:http
 * allocates itself: the listeners are module-level functions that find the exchange (or reader) on the request or
 * response they are called on, so a call creates no closures. A request's bytes reach its call's CallBytes when it
 * settles (`bytes`, set by the transport).
 *
 * Settling: a request whose answer is expected in the body (Streamable HTTP) succeeds when its response has been
 * delivered; anything else succeeds on a 2xx. A failure of a request is delivered to the SDK as a synthesized error
 * response for its id (see transport-failure.ts) and the send resolves; a failure of anything else rejects the send.
 * A cancelled exchange (`silent`) just resolves: the SDK has forgotten the request already, or will on close.
 */
export class PostExchange implements JsonTextSink, AnswerListener {
  resolve: () => void = noop;
  reject: (error: Error) => void = noop;
  /** The body before gzip, kept only while a 415 could still make us resend it plain. */
  plainText: string | null = null;
  /** The body, kept while a 401 could still make us resend it with a new token (auth/token-source.ts); null: no resend. */
  unauthorizedText: string | null = null;
  /** The Authorization value this exchange was sent with (null: none). */
  authorization: string | null = null;
  /** The call this request was sent for, and its serial then (sending-call.ts); null: none (a notification). */
  bytes: CallBytes | null = null;
  bytesSerial = 0;
  private readonly answer = new AnswerReader(this);
  private req: http.ClientRequest | null = null;
  private res: http.IncomingMessage | null = null;
  private body: number = NO_BODY;
  private text = '';
  private parser: SseParser<PostExchange> | null = null;
  private settled = false;
  private silent = false;
  /** The answer was not read to its end (too large): nothing more of it is looked at. */
  private cut = false;
  /** Something in the answer was bad output (bad-output.ts): an event stream ending without the response is then garbage. */
  private sawBadOutput = false;
  private timer: NodeJS.Timeout | null = null;
  /** Where a request's event stream that ended early resumes from; null until one did (stream-resumption.ts). */
  private cursor: ResumeCursor | null = null;
  private resumeFrom = '';

  constructor(
    private readonly owner: ExchangeOwner,
    /** The JSON-RPC request's id; undefined for a notification or a response we send. */
    readonly requestId: RequestId | undefined,
    /** True when the request's response is expected in this POST's answer (Streamable HTTP), not elsewhere. */
    private readonly answerInBody: boolean,
  ) {}

  /** Sends `body` on `req` (none for a GET); `deadlineMs` > 0 bounds the whole exchange by the wall clock. */
  start(req: http.ClientRequest, body: string | Buffer | undefined, deadlineMs: number): void {
    this.req = req;
    (req as Tagged<http.ClientRequest>)[EXCHANGE] = this;
    req.on('response', onResponse);
    req.on('error', onRequestError);
    req.on('close', onRequestClose);
    if (deadlineMs > 0) this.timer = setTimeout(onDeadline, deadlineMs, this);
    req.end(body);
  }

  /** Ends the exchange now: `failure` settles it (a notification's send rejects with it); null settles it silently. */
  cancel(failure: Error | null): void {
    if (failure === null) this.silent = true;
    this.settle(failure);
    if (this.req !== null) this.req.destroy();
    else this.owner.release(this); // waiting to resume: no request whose close would release it
  }

  /** @internal listener */ response(res: http.IncomingMessage): void {
    this.res = res;
    this.answer.attach(res);
    this.owner.sawHeaders(res);
    if (this.settled) return void res.resume();
    const plan = planAnswer(res, this.answerInBody, this.owner.maxAnswerChars);
    if (plan.kind === 'too-large') return this.tooLarge('');
    if (plan.kind !== 'read') {
      res.resume();
      if (plan.kind === 'undecodable') this.badOutput('undecodable', `Content-Encoding: ${plan.coding}`);
      return this.settle(plan.failure);
    }
    this.body = plan.body;
    if (plan.body === SSE_BODY) this.parser = new SseParser<PostExchange>(onSseEvent, this, this.owner.maxAnswerChars, onOversizedEvent, true);
    this.answer.read(plan.coding);
  }

  /** @internal AnswerListener: decoded text of the body. A JSON body is held whole, so its decoded bytes are bounded. */
  answerText(chunk: string): void {
    if (this.cut) return;
    if (this.body === JSON_BODY) {
      this.text += chunk;
      if (this.answer.decodedBytes > this.owner.maxAnswerChars) this.tooLarge(this.text.slice(0, 256));
    } else if (this.body === SSE_BODY) this.parser?.push(chunk);
    else if (this.text.length < ERROR_SNIPPET_CHARS) this.text += chunk.slice(0, ERROR_SNIPPET_CHARS - this.text.length);
  }

  /** @internal AnswerListener: the body is not valid gzip or brotli; the request fails as bad-response. */
  answerUndecodable(error: Error): void {
    this.cut = true;
    this.text = '';
    this.badOutput('undecodable', error.message);
    const res = this.res as http.IncomingMessage;
    const coding = String(res.headers['content-encoding']);
    if (this.body === STATUS_BODY) this.settle(new HttpStatusError(res.statusCode ?? 0, retryAfterSeconds(res), ''));
    else this.settle(this.answerInBody ? new BadResponseError(`the answer's ${coding} body does not decode (${error.message})`) : null);
    res.destroy();
  }

  /** @internal AnswerListener: the whole body is in (and decoded). */
  answerEnd(): void {
    this.clearTimer();
    const res = this.res as http.IncomingMessage;
    // A server may quote the token it refused: the error's detail (shown when a connect fails) never carries it.
    if (this.body === STATUS_BODY) return this.settle(new HttpStatusError(res.statusCode ?? 0, retryAfterSeconds(res), withoutToken(this.text.trim(), this.authorization)));
    if (this.body === SSE_BODY) {
      this.parser?.end();
      if (this.settled) return; // the usual case: settled when the response came
      if (!this.answerInBody) return this.settle(null);
      // The server closed the stream cleanly mid-call: resume it, or a lost connection — unless it sent bad output.
      if (this.sawBadOutput) return this.settle(new BadResponseError('the event stream ended without a usable response to the request'));
      return this.streamEnded();
    }
    const text = this.text;
    this.text = '';
    let answered = false;
    try {
      if (text.trim() !== '') answered = deliverJsonText(text, this.answerInBody ? this.requestId : undefined, this);
    } catch (error) {
      return this.settle(error as Error);
    }
    this.settle(this.answerInBody && !answered ? new BadResponseError('the answer carried no response to the request') : null);
  }

  /**
   * @internal listener: one event of an SSE answer. An event that is not JSON-RPC is counted and skipped, as a stdio
   * line would be (inbound.ts); only a malformed message with the request's own id fails the request.
   */
  sseEvent(event: string, data: string): void {
    // Not `res.destroyed`: a decoded stream's last events come after the response itself has closed.
    if (event !== 'message' || this.cut) return;
    const answerId = this.answerInBody && !this.settled ? this.requestId : undefined;
    let answered: boolean;
    try {
      answered = deliverJsonText(data, answerId, this);
    } catch (error) {
      if (!(error instanceof BadResponseError && error.ownAnswer)) return;
      this.settle(error);
      this.cut = true;
      this.answer.stop();
      return void this.res?.destroy();
    }
    if (!answered) return;
    this.settle(null);
    this.timer = setTimeout(onLinger, SSE_LINGER_MS, this);
  }

  /** @internal JsonTextSink */ deliver(message: JSONRPCMessage): void {
    this.owner.deliver(message);
  }

  /** @internal JsonTextSink */ badOutput(kind: BadOutputKind, text: string): void {
    this.sawBadOutput = true;
    this.owner.onBadOutput?.(kind, text);
  }

  /**
   * @internal The answer (a JSON body, or one event) passed the size limit: the request fails as response-too-large
   * and the response is dropped unread — over HTTP/1.1 the only way to stop reading it is to close its connection.
   */
  tooLarge(head: string): void {
    this.cut = true;
    this.text = '';
    this.badOutput('too-large', head);
    const limit = formatBytes(this.owner.maxAnswerChars);
    this.settle(this.answerInBody ? new BadResponseError(`the answer is larger than the ${limit} limit`, 'response-too-large', true) : null);
    this.answer.stop();
    this.res?.destroy();
  }

  /**
   * A request's event stream ended cleanly before its response: when the server gave it an event id, GET it again
   * with Last-Event-ID after the server's `retry:` delay (SEP-1699), at most MAX_IDLE_RESUMPTIONS times in a row
   * without progress; otherwise the call fails as stream-ended (never resumable) or stream-lost (resumed in vain).
   */
  private streamEnded(): void {
    const parser = this.parser;
    const step = (this.cursor ??= new ResumeCursor()).ended(parser ?? { lastEventId: null, retryMs: null });
    if (step.kind === 'not-resumable' || !this.owner.resumeRequest) return this.settle(new BadResponseError('the event stream ended before the response', 'stream-ended'));
    if (step.kind === 'lost') {
      return this.settle(new BadResponseError(`the event stream ended ${step.attempts} times in a row after resuming, without the response`, 'stream-lost'));
    }
    this.detach();
    this.resumeFrom = step.lastEventId;
    this.timer = setTimeout(onResumeDue, step.delayMs, this);
  }

  /** Lets go of the ended request and response (their listeners do nothing from now on) to read a resumed stream. */
  private detach(): void {
    if (this.req !== null) delete (this.req as Tagged<http.ClientRequest>)[EXCHANGE];
    this.answer.detach();
    this.req = null;
    this.res = null;
    this.body = NO_BODY;
    this.text = '';
    this.parser = null;
  }

  /** @internal timer: the server's retry delay is over: GET the stream again from the last event id. */
  resumeDue(): void {
    this.timer = null;
    if (this.settled) return;
    let req: http.ClientRequest;
    try {
      req = (this.owner as Required<ExchangeOwner>).resumeRequest(this.resumeFrom);
    } catch (error) {
      this.owner.release(this);
      return this.settle(error as Error);
    }
    this.start(req, undefined, 0);
  }

  /** @internal listener */ failed(error: Error): void {
    this.settle(error);
  }

  /** @internal listener */ requestClosed(): void {
    // With a response, the response's own close comes last (after its end, or its abort) and finishes the exchange.
    if (this.res === null) this.answerClosed();
  }

  /** @internal AnswerListener: the last event of an exchange (the response read and closed, or the request's close when none came). */
  answerClosed(): void {
    this.clearTimer();
    this.owner.release(this);
    if (!this.settled) this.settle(connectionReset('the connection closed before the answer was complete'));
  }

  /** @internal timer */ expire(): void {
    this.settle(new DeadlineError('no answer within the deadline'));
    this.req?.destroy();
  }

  /** @internal timer */ stopLingering(): void {
    this.timer = null;
    this.res?.destroy();
  }

  private settle(failure: Error | null): void {
    if (this.settled) return;
    this.settled = true;
    this.clearTimer();
    this.bytes?.answer(this.bytesSerial, this.answer.wireBytes, this.answer.decodedBytes);
    const { plainText, unauthorizedText } = this;
    this.plainText = this.unauthorizedText = null;
    if (!this.silent && resentByOwner(this.owner, this, failure, plainText, unauthorizedText)) return;
    if (failure === null || this.silent) return this.resolve();
    if (this.requestId === undefined) return this.reject(failure);
    this.owner.deliver(failureResponse(this.requestId, failure));
    this.resolve();
  }

  private clearTimer(): void {
    if (this.timer === null) return;
    clearTimeout(this.timer);
    this.timer = null;
  }
}
